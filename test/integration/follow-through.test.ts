import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_IN_LINK_TTL_MS } from '#shared/domain/check-in.ts';
import { FIGURE } from '#shared/domain/recovery-figures.ts';
import { GoneError } from '#shared/errors.ts';
import type { CaseView } from '#shared/ports/follow-through.ts';
import { recordCheckInAnswer, scheduleCheckIn } from '#shared/use-cases/check-ins.ts';
import { runFollowThrough } from '#shared/use-cases/follow-through-job.ts';
import { afterCaseHandled } from '#shared/use-cases/follow-through-hooks.ts';
import { changePromiseDate, markPromiseKept, savePromise } from '#shared/use-cases/promises.ts';
import { readRecoveryFigures } from '#shared/use-cases/recovery-figures.ts';
import { acceptOrder, sendDueInvitations } from '#shared/use-cases/orders.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { DynamoFeedbackRepository } from '#shared/adapters/dynamo/feedback.ts';
import { DynamoOrderRepository } from '#shared/adapters/dynamo/orders.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { LINK_SECRET, startFollowThroughHarness, type FollowThroughHarness } from '../helpers/follow-through.ts';

let h: FollowThroughHarness;

beforeAll(async () => {
  h = await startFollowThroughHarness();
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(async () => {
  h.ses.mode = 'pass';
  await h.clearSent();
});

let counter = 0;
function openCase(overrides: Partial<CaseView> = {}): CaseView {
  counter += 1;
  const view: CaseView = {
    caseId: `case${String(counter).padStart(12, '0')}`,
    status: 'acknowledged',
    customer: { name: `Ana ${counter}`, email: `ana${counter}@example.com` },
    openedAt: h.clock.now().toISOString(),
    ...overrides,
  };
  h.cases.add(view);
  return view;
}

function handle(view: CaseView, version: number, whatWasDone?: string): { number: number; handledAt: Date; by: string; optedOutByOwner: boolean } {
  const at = h.clock.now();
  const stored = h.cases.cases.get(view.caseId)!;
  stored.status = 'handled';
  stored.handledAt = at.toISOString();
  if (whatWasDone) stored.whatWasDone = whatWasDone;
  return { number: version, handledAt: at, by: 'owner@example.com', optedOutByOwner: false };
}

function tokenOf(text: string, answer: 'yes' | 'not-yet'): string {
  const match = new RegExp(`/c/([^/\\s"]+)/${answer}`).exec(text);
  if (!match) throw new Error(`no ${answer} link in:\n${text}`);
  return match[1]!;
}

async function subjects(): Promise<string[]> {
  return (await h.sent()).map((e) => e.subject);
}

describe('promise reminders (DynamoDB and SES emulators)', () => {
  it('send each owner one email on the due day at the reminder hour, however many runs there are', async () => {
    // Prepare: a promise made on Wednesday, due on Friday; the reminder hour is 08:00 UTC.
    h.clock.set('2025-11-12T09:00:00Z');
    const view = openCase();
    const promise = await savePromise(view.caseId, { text: 'A new cake on Friday', dueDate: '2025-11-14' }, 'owner@example.com', h.deps);
    expect(h.cases.kinds(view.caseId)).toEqual(['promise-made']);

    // Act: runs before the day and before the hour send nothing.
    expect((await runFollowThrough(h.deps, h.links)).reminders).toBe(0);
    h.clock.set('2025-11-14T07:59:00Z');
    expect((await runFollowThrough(h.deps, h.links)).reminders).toBe(0);
    // At the hour, two runs at once (a schedule that fired twice), then a third.
    h.clock.set('2025-11-14T08:00:00Z');
    const runs = await Promise.all([runFollowThrough(h.deps, h.links), runFollowThrough(h.deps, h.links)]);
    const later = await runFollowThrough(h.deps, h.links);

    // Assess
    expect(runs[0]!.reminders + runs[1]!.reminders).toBe(2);
    expect(later.reminders).toBe(0);
    const sent = await h.sent();
    expect(sent.map((e) => [e.subject, e.destination.to[0]]).sort()).toEqual([
      ['Promises due today: 1', 'manager@example.com'],
      ['Promises due today: 1', 'owner@example.com'],
    ]);
    const mail = sent.find((e) => e.destination.to[0] === 'owner@example.com')!;
    expect(mail.body.text).toContain(`${promise.customer}: A new cake on Friday`);
    expect(mail.body.text).toMatch(/Kept: http:\/\/127\.0\.0\.1:3999\/console\/p\/\S+/);
    expect(mail.body.text).toMatch(/Open case: http:\/\/127\.0\.0\.1:3999\/console\/a\/\S+/);
    expect(mail.body.html).toMatch(/>Kept<\/a>/);
    expect(mail.body.html).toMatch(/>Open case<\/a>/);
  });

  it('keep trying while SES fails and send one reminder, with the promise as it is when it goes out', async () => {
    // Prepare
    h.clock.set('2025-11-17T07:00:00Z');
    const view = openCase();
    const promise = await savePromise(view.caseId, { text: 'Refund of 12 euros', dueDate: '2025-11-18' }, 'owner@example.com', h.deps);
    h.clock.set('2025-11-18T08:05:00Z');
    h.ses.mode = 'throttle';

    // Act: the run fails; the owner edits the promise meanwhile; SES comes back.
    expect((await runFollowThrough(h.deps, h.links)).reminders).toBe(0);
    await changePromiseDate(view.caseId, promise.promiseId, { dueDate: '2025-11-18', text: 'Refund of 12 euros and a free coffee', note: 'Offered a coffee on the phone' }, 'owner@example.com', h.deps);
    h.ses.mode = 'pass';
    // Within the lease nobody sends again; after it the next run does.
    expect((await runFollowThrough(h.deps, h.links)).reminders).toBe(0);
    h.clock.advance(61_000);
    const retried = await runFollowThrough(h.deps, h.links);
    const again = await runFollowThrough(h.deps, h.links);

    // Assess
    expect(retried.reminders).toBe(2);
    expect(again.reminders).toBe(0);
    const sent = (await h.sent()).filter((e) => e.destination.to[0] === 'owner@example.com');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.text).toContain('Refund of 12 euros and a free coffee');
    expect(h.ses.counts.throttle).toBeGreaterThan(0);
  });

  it('leave out a promise kept or moved before the reminder, and send nothing when none is left', async () => {
    // Prepare: two promises due on the 20th.
    h.clock.set('2025-11-19T10:00:00Z');
    const a = openCase();
    const b = openCase();
    const kept = await savePromise(a.caseId, { text: 'Call back about the order', dueDate: '2025-11-20' }, 'owner@example.com', h.deps);
    const moved = await savePromise(b.caseId, { text: 'Replace the mug', dueDate: '2025-11-20' }, 'owner@example.com', h.deps);

    // Act
    await markPromiseKept(a.caseId, kept.promiseId, 'owner@example.com', h.deps);
    await changePromiseDate(b.caseId, moved.promiseId, { dueDate: '2025-11-25', note: 'Out of stock until Tuesday' }, 'owner@example.com', h.deps);
    h.clock.set('2025-11-20T09:00:00Z');
    const run = await runFollowThrough(h.deps, h.links);

    // Assess
    expect(run.reminders).toBe(0);
    expect(await subjects()).toEqual([]);
    expect(h.cases.kinds(b.caseId)).toEqual(['promise-made', 'promise-changed']);
  });

  it('flag an open promise overdue once, the day after its date', async () => {
    h.clock.set('2025-11-21T10:00:00Z');
    const view = openCase();
    const promise = await savePromise(view.caseId, { text: 'Send the invoice', dueDate: '2025-11-21' }, 'owner@example.com', h.deps);
    expect((await runFollowThrough(h.deps, h.links)).overdue).toBe(0);
    h.clock.set('2025-11-22T00:10:00Z');
    const first = await runFollowThrough(h.deps, h.links);
    const second = await runFollowThrough(h.deps, h.links);
    expect(first.overdue).toBeGreaterThanOrEqual(1);
    expect(second.overdue).toBe(0);
    expect(h.cases.kinds(view.caseId)).toEqual(['promise-made', 'promise-overdue']);
    const figures = await readRecoveryFigures(h.deps);
    expect(figures.promises.overdue.map((p) => p.promiseId)).toContain(promise.promiseId);
    expect(figures.promises.overdueCount).toBeGreaterThanOrEqual(1);
  });
});

describe('follow-up check-ins (DynamoDB and SES emulators)', () => {
  it('go out once after the delay; Not yet reopens the case and alerts the owner; the next handling\'s Yes recovers it', async () => {
    // Prepare: a complaint case marked handled.
    h.clock.set('2025-12-01T10:00:00Z');
    const view = openCase({ customer: { name: 'Ana García', email: 'Ana@Example.com' }, language: 'en' });
    const planned = await scheduleCheckIn(view, handle(view, 4, 'Refunded the cake'), h.deps);
    expect(planned).toMatchObject({ status: 'scheduled', to: 'ana@example.com', dueAt: '2025-12-04T10:00:00.000Z', language: 'en' });
    // The same handling again plans nothing new.
    expect(await scheduleCheckIn(view, { number: 4, handledAt: h.clock.now(), by: 'o', optedOutByOwner: false }, h.deps)).toMatchObject({ dueAt: '2025-12-04T10:00:00.000Z' });

    // Act: not due before 72 hours; then two runs at once.
    h.clock.set('2025-12-04T09:59:00Z');
    expect((await runFollowThrough(h.deps, h.links)).checkIns).toBe(0);
    h.clock.set('2025-12-04T10:00:00Z');
    const runs = await Promise.all([runFollowThrough(h.deps, h.links), runFollowThrough(h.deps, h.links)]);

    // Assess: one check-in to the customer's own address.
    expect(runs[0]!.checkIns + runs[1]!.checkIns).toBe(1);
    const checkIn = (await h.sent()).filter((e) => e.subject === 'Did we put it right?');
    expect(checkIn).toHaveLength(1);
    expect(checkIn[0]!.destination.to).toEqual(['ana@example.com']);
    expect(checkIn[0]!.body.text).toMatch(/^Hello Ana García,/);
    expect(Object.fromEntries((checkIn[0]!.headers ?? []).map((x) => [x.name, x.value]))).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(h.cases.kinds(view.caseId)).toEqual(['check-in-sent']);

    // Act: the customer answers Not yet with a comment.
    h.clock.advance(3_600_000);
    await h.clearSent();
    const notYet = tokenOf(checkIn[0]!.body.text!, 'not-yet');
    await recordCheckInAnswer(notYet, 'not-yet', 'The refund never arrived.', LINK_SECRET, h.deps, h.links);

    // Assess: the case is open again and the owner got the urgent alert, once.
    expect(h.cases.cases.get(view.caseId)!.status).toBe('new');
    const urgent = await h.sent();
    expect(urgent.map((e) => e.subject)).toEqual(['URGENT: Not put right for Ana García']);
    expect(urgent[0]!.destination.to).toEqual(['owner@example.com', 'manager@example.com']);
    expect(urgent[0]!.body.text).toContain('> The refund never arrived.');
    expect(urgent[0]!.body.text).toContain('> Refunded the cake');
    expect(urgent[0]!.body.text).toMatch(/Open case: http:\/\/127\.0\.0\.1:3999\/console\/a\/\S+/);
    // The link works once, whatever the answer.
    await expect(recordCheckInAnswer(notYet, 'yes', undefined, LINK_SECRET, h.deps, h.links)).rejects.toBeInstanceOf(GoneError);
    await expect(recordCheckInAnswer(tokenOf(checkIn[0]!.body.text!, 'yes'), 'yes', undefined, LINK_SECRET, h.deps, h.links)).rejects.toMatchObject({ reason: 'answered' });

    // The case is on the "not put right" list until it is handled again.
    expect((await h.deps.checkIns.listNotPutRight(10)).map((c) => [c.caseId, c.comment])).toContainEqual([view.caseId, 'The refund never arrived.']);

    // Act: handled again (a new handling), checked in again, answered Yes.
    h.clock.advance(86_400_000);
    await afterCaseHandled(view, handle(view, 9), h.deps);
    expect((await h.deps.checkIns.listNotPutRight(10)).map((c) => c.caseId)).not.toContain(view.caseId);
    h.clock.advance(72 * 3_600_000);
    await h.clearSent();
    expect((await runFollowThrough(h.deps, h.links)).checkIns).toBe(1);
    const second = (await h.sent()).find((e) => e.subject === 'Did we put it right?')!;
    await recordCheckInAnswer(tokenOf(second.body.text!, 'yes'), 'yes', 'All good now, thank you.', LINK_SECRET, h.deps, h.links);

    // Assess: the case counts once, by its latest answer.
    expect(h.cases.kinds(view.caseId)).toEqual(['check-in-sent', 'check-in-answered', 'check-in-sent', 'check-in-answered']);
    const days = await h.deps.figures.days('2025-12-01', '2025-12-31');
    const sum = (name: string) => days.reduce((n, d) => n + (d.counters[name] ?? 0), 0);
    expect([sum(FIGURE.recovered), sum(FIGURE.notPutRight), sum(FIGURE.checkInsSent)]).toEqual([1, 0, 2]);
    const figures = await readRecoveryFigures(h.deps);
    expect(figures.week).toMatchObject({ recovered: 1, answered: 1, rate: 1 });
  });

  it('are not sent to a customer who unsubscribed, after the case was reopened, or once it was erased', async () => {
    // Prepare: three cases handled with the check-in due at once.
    h.clock.set('2026-01-05T10:00:00Z');
    const settings = { ...h.deps, config: { ...h.deps.config, followUp: { ...h.deps.config.followUp, delayHours: 0 } } };
    const unsubscribed = openCase();
    const reopened = openCase();
    const erased = openCase();
    for (const [i, view] of [unsubscribed, reopened, erased].entries()) await scheduleCheckIn(view, handle(view, i + 1), settings);
    await h.deps.optOuts.optOut(unsubscribed.customer.email!, h.clock.now());
    h.cases.cases.get(reopened.caseId)!.status = 'acknowledged';
    h.cases.cases.delete(erased.caseId);

    // Act
    const run = await runFollowThrough(h.deps, h.links);

    // Assess
    expect(run.checkIns).toBe(0);
    expect(await subjects()).toEqual([]);
    for (const view of [unsubscribed, reopened, erased]) expect((await h.deps.checkIns.listForCase(view.caseId))[0]).toMatchObject({ status: 'cancelled' });
    expect((await h.deps.checkIns.listForCase(unsubscribed.caseId))[0]!.cancelled).toBe('the customer unsubscribed');
    // And a customer who unsubscribed gets no new check-in planned.
    expect(await scheduleCheckIn(unsubscribed, handle(unsubscribed, 5), settings)).toEqual({ skipped: 'unsubscribed' });
  });

  it('record no answer within 14 days as unknown, counted until a later answer takes its place', async () => {
    // Prepare
    h.clock.set('2026-02-02T10:00:00Z');
    const settings = { ...h.deps, config: { ...h.deps.config, followUp: { ...h.deps.config.followUp, delayHours: 0 } } };
    const view = openCase();
    await scheduleCheckIn(view, handle(view, 2), settings);
    expect((await runFollowThrough(h.deps, h.links)).checkIns).toBe(1);
    const first = (await h.sent()).find((e) => e.destination.to[0] === view.customer.email)!;

    // Act: 14 days pass without an answer.
    h.clock.advance(CHECK_IN_LINK_TTL_MS - 1000);
    expect((await runFollowThrough(h.deps, h.links)).expired).toBe(0);
    h.clock.advance(1000);
    const expiry = await runFollowThrough(h.deps, h.links);
    await expect(recordCheckInAnswer(tokenOf(first.body.text!, 'yes'), 'yes', undefined, LINK_SECRET, h.deps, h.links)).rejects.toMatchObject({ reason: 'expired' });
    const unknown = await h.deps.figures.days('2026-02-16', '2026-02-16');

    // Act: a later handling is answered Yes.
    await scheduleCheckIn(view, handle(view, 6), settings);
    await h.clearSent();
    await runFollowThrough(h.deps, h.links);
    const second = (await h.sent()).find((e) => e.destination.to[0] === view.customer.email)!;
    await recordCheckInAnswer(tokenOf(second.body.text!, 'yes'), 'yes', undefined, LINK_SECRET, h.deps, h.links);

    // Assess
    expect(expiry.expired).toBe(1);
    expect(unknown[0]!.counters[FIGURE.unknown]).toBe(1);
    const after = await h.deps.figures.days('2026-02-16', '2026-02-16');
    expect(after[0]!.counters[FIGURE.unknown]).toBe(0);
    expect(after[0]!.counters[FIGURE.recovered]).toBe(1);
    expect(h.cases.kinds(view.caseId)).toContain('check-in-unanswered');
  });
});

describe('customers won back and customers who unsubscribed (DynamoDB and SES emulators)', () => {
  function orderDeps(inviteDelayHours = 72) {
    return {
      config: { ...h.config, survey: { ...h.config.survey, inviteDelayHours } },
      now: h.clock.now,
      orders: new DynamoOrderRepository(h.dynamo, tableOf(h.config)),
      customers: new DynamoCustomerRepository(h.dynamo, tableOf(h.config)),
      feedback: new DynamoFeedbackRepository(h.dynamo, tableOf(h.config)),
      stats: new DynamoStatsRecorder(h.dynamo, tableOf(h.config)),
      mailer: h.deps.mailer,
      figures: h.deps.figures,
      optOuts: h.deps.optOuts,
    };
  }

  it('counts a complainer who orders again within 60 days once, on the order\'s day', async () => {
    // Prepare: a customer's first order, then a complaint.
    h.clock.set('2026-03-02T10:00:00Z');
    const deps = orderDeps();
    await acceptOrder({ orderId: 'WB-1', customer: { email: 'back@example.com', name: 'Bea' } }, deps, LINK_SECRET, 'http://127.0.0.1:3999');
    const customerId = (await deps.customers.findByIdentities([{ kind: 'email', value: 'back@example.com' }])).values().next().value!;
    await deps.customers.appendComplaint(customerId, { id: 'f-wb', at: '2026-03-03T10:00:00.000Z', channel: 'survey', incident: 'survey:s-wb' });

    // Act: two more orders within 60 days, and one from a customer who never complained.
    h.clock.set('2026-04-20T10:00:00Z');
    await acceptOrder({ orderId: 'WB-2', customer: { email: 'back@example.com' } }, deps, LINK_SECRET, 'http://127.0.0.1:3999');
    await acceptOrder({ orderId: 'WB-3', customer: { email: 'back@example.com' } }, deps, LINK_SECRET, 'http://127.0.0.1:3999');
    await acceptOrder({ orderId: 'WB-2', customer: { email: 'back@example.com' } }, deps, LINK_SECRET, 'http://127.0.0.1:3999');
    await acceptOrder({ orderId: 'WB-4', customer: { email: 'happy@example.com' } }, deps, LINK_SECRET, 'http://127.0.0.1:3999');

    // Assess
    const days = await h.deps.figures.days('2026-03-01', '2026-04-30');
    expect(days.map((d) => [d.day, d.counters[FIGURE.wonBack]]).filter(([, n]) => n)).toEqual([['2026-04-20', 1]]);
    expect((await readRecoveryFigures(h.deps)).week.wonBack).toBe(1);
  });

  it('sends no survey invitation to a customer who unsubscribed from a check-in', async () => {
    h.clock.set('2026-05-04T10:00:00Z');
    const deps = orderDeps(0);
    await acceptOrder({ orderId: 'OPT-1', customer: { email: 'quiet@example.com' } }, deps, LINK_SECRET, 'http://127.0.0.1:3999');
    await acceptOrder({ orderId: 'OPT-2', customer: { email: 'keen@example.com' } }, deps, LINK_SECRET, 'http://127.0.0.1:3999');
    await h.deps.optOuts.optOut('Quiet@Example.com', h.clock.now());

    await sendDueInvitations(deps, { linkSecret: LINK_SECRET });

    const to = (await h.sent()).map((e) => e.destination.to[0]);
    expect(to).toContain('keen@example.com');
    expect(to).not.toContain('quiet@example.com');
    expect(await deps.orders.listDueInvitations(h.clock.now(), 10)).toEqual([]);
  });
});
