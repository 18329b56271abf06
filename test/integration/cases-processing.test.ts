import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseIdFor } from '#shared/domain/case.ts';
import { caseReplyTag } from '#shared/domain/console-tokens.ts';
import type { FeedbackMessage } from '#shared/domain/feedback.ts';
import { useEmulators } from '../helpers/emulators.ts';
import { context, feedbackMessage, sqsEvent, sqsRecord } from '../helpers/events.ts';

const emulators = useEmulators({ EARSHOT_RECURRING_TOPIC_THRESHOLD: '100', EARSHOT_INBOUND_EMAIL: 'hello@shop.example' });
const handler = emulators.fn('processFeedback');
const SECRET = 'test-link-secret-0123456789abcdef';

async function process(message: FeedbackMessage): Promise<void> {
  const response = await handler(sqsEvent(sqsRecord(JSON.stringify(message))), context());
  expect(response.batchItemFailures).toEqual([]);
}

function email(overrides: Partial<FeedbackMessage> & { threadId: string; caseTag?: string; from: string }): FeedbackMessage {
  const id = `email-${randomUUID().slice(0, 8)}`;
  const { threadId, caseTag, from, ...rest } = overrides;
  return {
    version: 1,
    id,
    channel: 'email',
    receivedAt: new Date().toISOString(),
    rawKey: `inbound/${id}.eml`,
    text: 'My order arrived broken and nobody answers the phone.',
    customer: { email: from, name: 'Pat Quinn' },
    orderIds: [],
    email: { subject: 'Broken order', messageId: `${id}@mail.example`, threadId, ...(caseTag ? { caseTag } : {}) },
    ...rest,
  };
}

describe('cases from processed feedback (against the emulators)', () => {
  it('opens a case per complaint before its alert goes out, and the alert links to it', async () => {
    const message = feedbackMessage({ text: 'Stale bread.' });
    await process(message);
    const caseId = caseIdFor(message.id);
    const found = await emulators.adapters.cases.withTimeline(caseId);
    expect(found?.record).toMatchObject({ status: 'new', channel: 'survey', feedbackIds: [message.id], alertKeys: [`complaint:${message.id}`] });
    expect(found?.events.map((e) => e.kind)).toEqual(['opened', 'alert']);
    expect((await emulators.adapters.feedback.get(message.id))?.caseId).toBe(caseId);
    const [alert] = await emulators.sentEmails();
    expect(alert!.body.html).toMatch(new RegExp(`<a href="http://127\\.0\\.0\\.1:3999/console/a/${caseId}\\.o\\.[^"]+"[^>]*>Open case</a>`));
    expect(alert!.body.html).toMatch(new RegExp(`<a href="http://127\\.0\\.0\\.1:3999/console/a/${caseId}\\.h\\.[^"]+"[^>]*>Mark handled</a>`));
    expect(alert!.body.text).toMatch(/Open case: http:\/\/127\.0\.0\.1:3999\/console\/a\//);
  });

  it('folds a follow-up in the same thread into the same case, with no new alert', async () => {
    const customer = `pat-${randomUUID().slice(0, 6)}@example.com`;
    const first = email({ threadId: `t-${customer}`, from: customer });
    await process(first);
    const follow = email({ threadId: `t-${customer}`, from: customer, text: 'Hello? Still broken, please answer.' });
    await process(follow);
    const record = await emulators.adapters.cases.get(caseIdFor(first.id));
    expect(record?.feedbackIds).toEqual([first.id, follow.id]);
    expect(record?.emailThread).toEqual({ messageId: follow.email!.messageId, threadId: `t-${customer}` });
    expect(await emulators.adapters.cases.get(caseIdFor(follow.id))).toBeUndefined();
    expect((await emulators.sentEmails()).map((e) => e.subject)).toEqual(['New complaint from Pat Quinn']);
  });

  it("routes the customer's answer to the signed case tag: the case reopens and the owner gets Reply from, once", async () => {
    const customer = `ana-${randomUUID().slice(0, 6)}@example.com`;
    const complaint = email({ threadId: `t-${customer}`, from: customer });
    await process(complaint);
    const caseId = caseIdFor(complaint.id);
    await emulators.adapters.cases.save({ ...(await emulators.adapters.cases.get(caseId))!, status: 'handled', handledAt: new Date().toISOString(), version: 1 }, { caseId, eventId: `${new Date().toISOString()}#h`, at: new Date().toISOString(), kind: 'handled', by: 'owner@example.com' });
    await emulators.clearEmails();

    const thanks = email({ threadId: `reply-${customer}`, from: customer, caseTag: caseReplyTag(SECRET, caseId), text: 'Thank you so much, all sorted now!' });
    await process(thanks);
    await process(thanks);
    const record = await emulators.adapters.cases.get(caseId);
    expect(record).toMatchObject({ status: 'new', feedbackIds: [complaint.id, thanks.id], alertKeys: [`complaint:${complaint.id}`, `reply:${thanks.id}`] });
    expect((await emulators.sentEmails()).map((e) => e.subject)).toEqual(['Reply from Pat Quinn']);
    const events = (await emulators.adapters.cases.withTimeline(caseId))!.events.map((e) => e.kind);
    expect(events.filter((k) => k === 'customer-reply')).toHaveLength(1);

    const angry = email({ threadId: `reply-${customer}`, from: customer, caseTag: caseReplyTag(SECRET, caseId), text: 'Actually the replacement is broken too. I will call my lawyer.' });
    await process(angry);
    const subjects = (await emulators.sentEmails()).map((e) => e.subject);
    expect(subjects[1]).toMatch(/^URGENT: Reply from Pat Quinn/);
    expect(subjects.some((s) => /Second complaint/.test(s))).toBe(false);
  });

  it('treats a forged case tag as any other email: it opens its own case', async () => {
    const customer = `eve-${randomUUID().slice(0, 6)}@example.com`;
    const victim = feedbackMessage();
    await process(victim);
    const forgedTag = caseReplyTag(SECRET, caseIdFor(victim.id)).replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
    const forged = email({ threadId: `t-${customer}`, from: customer, caseTag: forgedTag });
    await process(forged);
    expect((await emulators.adapters.cases.get(caseIdFor(victim.id)))?.feedbackIds).toEqual([victim.id]);
    expect((await emulators.adapters.cases.get(caseIdFor(forged.id)))?.feedbackIds).toEqual([forged.id]);
  });
});
