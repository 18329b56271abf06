import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ALERT, DAY_SET_ASIDE, FEEDBACK } from '#shared/adapters/dynamo/table.ts';
import { createProcessFeedbackDeps } from '#functions/process-feedback/deps.ts';
import { makeProcessFeedbackHandler } from '#functions/process-feedback/make-handler.ts';
import { localDate } from '#shared/domain/week.ts';
import { deliverDueAlerts } from '#shared/use-cases/deliver-alert.ts';
import { useEmulators } from '../helpers/emulators.ts';
import { context, feedbackMessage, sqsEvent, sqsRecord } from '../helpers/events.ts';

const emulators = useEmulators({ EARSHOT_RECURRING_TOPIC_THRESHOLD: '100' });
const handler = emulators.fn('processFeedback');

async function storedItem(key: { pk: string; sk: string }) {
  const result = await emulators.clients.dynamo.send(new GetCommand({ TableName: emulators.config.aws.tableName, Key: key }));
  return result.Item;
}

describe('process-feedback consumer (against DynamoDB and SES emulators)', () => {
  it('records a complaint and sends the owner one "New complaint" email with the comment escaped', async () => {
    // Prepare
    const message = feedbackMessage({ text: 'Stale bread <script>alert(1)</script> and rude staff.' });

    // Act
    const response = await handler(sqsEvent(sqsRecord(JSON.stringify(message))), context());

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const item = await storedItem(FEEDBACK.key({ id: message.id }));
    expect(item).toMatchObject({ id: message.id, channel: 'survey', score: 2, complaint: true });
    const emails = await emulators.sentEmails();
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe('New complaint from Jane Doe');
    expect(emails[0]!.destination.to).toEqual(['owner@example.com']);
    expect(emails[0]!.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(emails[0]!.body.html).not.toContain('<script>');
    expect(emails[0]!.body.text).toContain(message.orderIds[0]);
    expect(emails[0]!.headers).toContainEqual({ name: 'X-Earshot-Alert', value: 'first-complaint' });
    expect(await storedItem(ALERT.key({ incidentKey: `complaint:${message.id}` }))).toMatchObject({ status: 'sent' });
  });

  it('is idempotent: the same message delivered twice (in one batch and again later) gives one record and one email', async () => {
    const message = feedbackMessage();
    const body = JSON.stringify(message);

    const first = await handler(sqsEvent(sqsRecord(body), sqsRecord(body)), context());
    const second = await handler(sqsEvent(sqsRecord(body)), context());

    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(await emulators.sentEmails()).toHaveLength(1);
  });

  it('does not alert for praise, and records it', async () => {
    const message = feedbackMessage({ text: 'Lovely cakes, friendly staff. Thank you!', survey: { surveyId: 'x', score: 10 } });
    const response = await handler(sqsEvent(sqsRecord(JSON.stringify(message))), context());
    expect(response.batchItemFailures).toEqual([]);
    expect(await storedItem(FEEDBACK.key({ id: message.id }))).toMatchObject({ complaint: false });
    expect(await emulators.sentEmails()).toHaveLength(0);
  });

  it('fails only the bad messages of a batch, and sets aside one that does not match the schema with its reason', async () => {
    const good = feedbackMessage();
    const notJson = sqsRecord('{not json', 'bad-1');
    const wrongShape = sqsRecord(JSON.stringify({ version: 1, id: 'wrong-shape-1', channel: 'fax', rawKey: 'raw/x.json' }), 'bad-2');

    const response = await handler(sqsEvent(notJson, sqsRecord(JSON.stringify(good), 'good-1'), wrongShape), context());

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['bad-1']);
    expect(await storedItem(FEEDBACK.key({ id: good.id }))).toBeDefined();
    expect(await emulators.sentEmails()).toHaveLength(1);
    const day = localDate(new Date(), emulators.config.business.timeZone);
    expect(await storedItem(DAY_SET_ASIDE.key({ day, id: 'wrong-shape-1' }))).toMatchObject({ outcome: 'rejected', reason: 'invalid-message', channel: 'unknown', rawKey: 'raw/x.json' });
    expect(String((await storedItem(DAY_SET_ASIDE.key({ day, id: 'wrong-shape-1' })))?.detail)).toContain('channel');
  });

  it('keeps the alert pending when SES fails, and the retry sweep sends it exactly once', async () => {
    const message = feedbackMessage();
    const body = JSON.stringify(message);
    // The function built over its real adapters, but with a mail service that refuses to send.
    const throttled = makeProcessFeedbackHandler({
      ...createProcessFeedbackDeps(emulators.config),
      mailer: {
        send: async () => {
          throw Object.assign(new Error('Throttling: Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
        },
      },
    });
    const response = await throttled(sqsEvent(sqsRecord(body, 'm1')), context());
    // The message is done: the alert is safe in the outbox, pending.
    expect(response.batchItemFailures).toEqual([]);
    expect(await storedItem(ALERT.key({ incidentKey: `complaint:${message.id}` }))).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await emulators.sentEmails()).toHaveLength(0);
    const d = emulators.adapters;
    const later = new Date(Date.now() + 60_000);
    const sweep = { ...d, now: () => later };
    expect(await deliverDueAlerts(sweep)).toMatchObject({ sent: 1 });
    expect(await deliverDueAlerts(sweep)).toMatchObject({ sent: 0 });
    await handler(sqsEvent(sqsRecord(body, 'm1')), context());

    expect(await emulators.sentEmails()).toHaveLength(1);
    expect(await storedItem(ALERT.key({ incidentKey: `complaint:${message.id}` }))).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
