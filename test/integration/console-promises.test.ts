import { beforeAll, describe, expect, it } from 'vitest';
import { makeConsoleApp } from '#functions/console/app.ts';
import { createConsoleDeps, type ConsoleDeps } from '#functions/console/deps.ts';
import { createFollowThroughDeps } from '#functions/follow-through/deps.ts';
import { makeFollowThroughHandler } from '#functions/follow-through/make-handler.ts';
import { loadConfig } from '#shared/config.ts';
import { openCase, type CaseEvent } from '#shared/domain/case.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import { promiseKeptToken } from '#shared/domain/promise-link.ts';
import { FIGURE } from '#shared/domain/recovery-figures.ts';
import { caseFinders } from '#shared/use-cases/cases.ts';
import { eraseCustomer } from '#shared/use-cases/customer-admin.ts';
import { useEmulators } from '../helpers/emulators.ts';

const emulators = useEmulators({ EARSHOT_FOLLOW_UP_HOURS: '0', EARSHOT_DIGEST_HOUR: '0' });
const ORIGIN = 'http://127.0.0.1:3999';
const SECRET = 'test-link-secret-0123456789abcdef';
// Wednesday 25 November 2026, 10:00 UTC (the business's time zone is UTC here).
let clock = new Date('2026-11-25T10:00:00Z');
const now = () => (clock = new Date(clock.getTime() + 1));
let deps: ConsoleDeps;
let app: ReturnType<typeof makeConsoleApp>;
let runFollowThrough: ReturnType<typeof makeFollowThroughHandler>;

beforeAll(() => {
  const config = loadConfig(process.env);
  const secrets = { apiKey: async () => config.secrets.apiKey!, linkKeys: async () => ({ current: config.secrets.linkSecret!, previous: [] }) };
  deps = { ...createConsoleDeps(config, {}, now), secrets };
  app = makeConsoleApp(deps);
  runFollowThrough = makeFollowThroughHandler({ ...createFollowThroughDeps(config, {}, now), secrets });
});

const form = (body: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
  body: new URLSearchParams(body).toString(),
});

async function complaint(id: string, name: string, customerId?: string): Promise<{ caseId: string; item: FeedbackRecord }> {
  if (customerId) {
    const at = clock.toISOString();
    await deps.customers.create({ customerId, name, emails: [`${id}@example.com`], phones: [], handles: [], orderIds: [], orderCount: 0, orderValue: 0, createdAt: at, updatedAt: at });
  }
  const item: FeedbackRecord = {
    id,
    channel: 'survey',
    receivedAt: clock.toISOString(),
    processedAt: clock.toISOString(),
    rawKey: `raw/${id}`,
    text: `The cake was squashed (${id})`,
    customer: { email: `${id}@example.com`, name },
    orderIds: [`O-${id}`],
    classification: { sentiment: 'negative', score: -0.5, complaint: true, urgent: false, cues: [], topics: ['product-quality'], language: 'en' },
    complaint: true,
    ...(customerId ? { customerId } : {}),
  };
  const record = openCase(item, false, clock);
  item.caseId = record.caseId;
  await deps.feedback.record(item);
  const event: CaseEvent = { caseId: record.caseId, eventId: `${item.receivedAt}#item-${id}`, at: item.receivedAt, kind: 'opened', by: 'Earshot', feedbackId: id };
  await deps.cases.create(record);
  await deps.cases.index(record, event, caseFinders(record));
  return { caseId: record.caseId, item };
}

let cookie = '';
async function signIn(): Promise<void> {
  await emulators.clearEmails();
  await app.request('/console/sign-in', form({ email: 'owner@example.com', next: '/console' }));
  const mail = (await emulators.sentEmails()).find((m) => m.subject === 'Sign in to Earshot');
  const link = /Sign in: (\S+)/.exec(mail?.body.text ?? '')?.[1];
  const answer = await app.request(new URL(link!).pathname, form({}));
  cookie = answer.headers.get('set-cookie')!.split(';')[0]!;
}

async function post(path: string, body: Record<string, string>): Promise<Response> {
  const request = form(body);
  return app.request(path, { ...request, headers: { ...request.headers, cookie } });
}

async function page(path: string): Promise<string> {
  return (await app.request(path, { headers: { cookie } })).text();
}

describe('promises on the case page (DynamoDB and SES emulators)', () => {
  it('saves a promise with its due date, shows it on the case and the inbox row, and records Kept and Changed on the timeline', async () => {
    // Prepare
    await signIn();
    const { caseId } = await complaint('promise-1', 'Ana García');

    // Act: a promise due in two days, then a wording change, then kept.
    const saved = await post(`/console/cases/${caseId}/promise`, { promise: 'A new cake on Friday', due: '2026-11-27' });
    const casePage = await page(saved.headers.get('location')!);
    const inbox = await page('/console');
    const [promise] = await deps.promises.listForCase(caseId);
    const changed = await post(`/console/cases/${caseId}/promises/${promise!.promiseId}/changed`, { due: '2026-11-27', text: 'A new cake and a card on Friday', note: 'Ana asked for a card' });
    const kept = await post(`/console/cases/${caseId}/promises/${promise!.promiseId}/kept`, {});
    const after = await page(`/console/cases/${caseId}`);

    // Assess
    expect(saved.status).toBe(303);
    expect(casePage).toContain('Promise saved.');
    expect(casePage).toMatch(/<span class="badge promised">Promised<\/span>/);
    expect(casePage).toContain('A new cake on Friday');
    expect(casePage).toMatch(/<label for="promise">What you promise<\/label>/);
    expect(casePage).toMatch(/<label for="due">Due date<\/label>[\s\S]*<input type="date" id="due" name="due" min="2026-11-25" required/);
    expect(casePage).toMatch(/<button type="submit">Save promise<\/button>/);
    expect(casePage).toMatch(/<button type="submit">Kept<\/button>/);
    expect(casePage).toMatch(/<button type="submit" class="secondary">Changed<\/button>/);
    expect(inbox).toContain('Promised by Fri 27 Nov: A new cake on Friday');
    expect([changed.status, kept.status]).toEqual([303, 303]);
    expect(after).toContain('Promise kept on time: A new cake and a card on Friday');
    expect(after).toContain('Promise changed, still due Fri 27 Nov');
    expect(after).toMatch(/Kept on time/);
    expect(after).not.toMatch(/<span class="badge promised">Promised<\/span>/);
    const { record, events } = (await deps.cases.withTimeline(caseId))!;
    expect(record.promise).toBeUndefined();
    expect(events.map((e) => e.kind)).toEqual(['opened', 'promise-made', 'promise-changed', 'promise-kept']);
    const days = await deps.figures.days('2026-11-27', '2026-11-27');
    expect(days[0]!.counters).toMatchObject({ [FIGURE.promisesDue]: 1, [FIGURE.promisesKeptOnTime]: 1 });
  });

  it('refuses a due date in the past or an empty promise, naming the field, and changes nothing', async () => {
    const { caseId } = await complaint('promise-2', 'Lee Park');
    const past = await post(`/console/cases/${caseId}/promise`, { promise: 'Call back', due: '2026-11-01' });
    const empty = await post(`/console/cases/${caseId}/promise`, { promise: '  ', due: '2026-11-30' });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain('Due date: choose today or a later day.');
    expect(empty.status).toBe(400);
    expect(await deps.promises.listForCase(caseId)).toEqual([]);
  });

  it('sorts a case whose promise went overdue to the top of the inbox, above urgent ones', async () => {
    // Prepare: an urgent case and a case with a promise due today.
    const urgent = await complaint('promise-3u', 'Urgent Person');
    await deps.cases.save({ ...(await deps.cases.get(urgent.caseId))!, urgent: true, version: 1 }, { caseId: urgent.caseId, eventId: `${clock.toISOString()}#u`, at: clock.toISOString(), kind: 'note', by: 'test', text: 'urgent' });
    const late = await complaint('promise-3', 'Late Promise');
    await post(`/console/cases/${late.caseId}/promise`, { promise: 'Refund the delivery fee', due: '2026-11-25' });

    // Act: the day after its date the schedule flags it overdue.
    clock = new Date('2026-11-26T00:05:00Z');
    const run = await runFollowThrough();
    const inbox = await page('/console');

    // Assess
    expect(run.overdue).toBeGreaterThanOrEqual(1);
    const order = [...inbox.matchAll(/<span class="who">([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(order[0]).toBe('Late Promise');
    expect(order.indexOf('Late Promise')).toBeLessThan(order.indexOf('Urgent Person'));
    expect(inbox).toMatch(/Promise overdue<\/span> Promised by Wed 25 Nov: Refund the delivery fee/);
    expect((await deps.cases.withTimeline(late.caseId))!.events.map((e) => e.kind)).toContain('promise-overdue');
  });

  it('marks a promise kept from the reminder\'s link only through its confirmation page', async () => {
    const { caseId } = await complaint('promise-4', 'Kim Lee');
    await post(`/console/cases/${caseId}/promise`, { promise: 'Replace the mug', due: '2026-11-28' });
    const [promise] = await deps.promises.listForCase(caseId);
    const token = promiseKeptToken(SECRET, { caseId, promiseId: promise!.promiseId, email: 'owner@example.com', expiresAt: new Date(clock.getTime() + 86_400_000) });
    const forged = promiseKeptToken('another-deployment-secret-01234567', { caseId, promiseId: promise!.promiseId, email: 'owner@example.com', expiresAt: new Date(clock.getTime() + 86_400_000) });

    // A GET (a mail scanner, or the owner opening the link) shows the page and changes nothing.
    const confirm = await app.request(`/console/p/${token}`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toMatch(/<button type="submit">Kept<\/button>/);
    expect((await deps.promises.get(caseId, promise!.promiseId))!.status).toBe('open');
    expect((await app.request(`/console/p/${forged}`)).status).toBe(404);

    // The button's POST works without a session, for that one promise.
    const done = await app.request(`/console/p/${token}`, form({}));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Promise marked kept');
    expect((await deps.promises.get(caseId, promise!.promiseId))!.status).toBe('kept');
    expect(await (await app.request(`/console/p/${token}`, form({}))).text()).toContain('Already marked kept');
  });

  it('plans a check-in when a case is handled, unless the owner unticks it; erasure removes promises and check-ins', async () => {
    // Prepare
    const ticked = await complaint('promise-5', 'Sam Rivera', 'customer-promise-5');
    const unticked = await complaint('promise-6', 'Jo Baker');

    // Act
    await post(`/console/cases/${ticked.caseId}/handled`, { done: 'Refunded', checkInChoice: '1', checkIn: 'yes' });
    await post(`/console/cases/${unticked.caseId}/handled`, { done: 'Refunded', checkInChoice: '1' });
    await post(`/console/cases/${ticked.caseId}/promise`, { promise: 'x', due: '2026-12-01' });

    // Assess
    expect(await deps.checkIns.listForCase(ticked.caseId)).toMatchObject([{ status: 'scheduled', to: 'promise-5@example.com' }]);
    expect(await deps.checkIns.listForCase(unticked.caseId)).toEqual([]);
    // A handled case takes no new promise.
    expect(await deps.promises.listForCase(ticked.caseId)).toEqual([]);
    const handledPage = await page(`/console/cases/${unticked.caseId}`);
    expect(handledPage).not.toContain('Save promise');

    // Erasure takes the customer's cases with their promises and check-ins.
    const erased = await eraseCustomer('customer-promise-5', deps);
    expect(erased.removed).toMatchObject({ cases: 1, checkIns: 1 });
    expect(await deps.checkIns.listForCase(ticked.caseId)).toEqual([]);
  });

  it('shows the promises and recoveries figures on the Figures page, from the counters, with the overdue promises linked to their cases', async () => {
    // Prepare: the overdue promise of the test above, and a handled case answered "Yes".
    const figures = await app.request('/console/figures', { headers: { cookie } });
    const body = await figures.text();

    // Assess
    expect(figures.status).toBe(200);
    expect(body).toContain('<h1>Figures</h1>');
    expect(body).toMatch(/<th scope="row">Recovery rate<\/th><td>none answered yet this week; none answered yet in 90 days<\/td>/);
    expect(body).toMatch(/<th scope="row">Promises<\/th><td>\d+ due this week, \d+ kept on time/);
    expect(body).toMatch(/<a href="\/console\/cases\/[a-z2-7]{16}">Late Promise<\/a>: Refund the delivery fee \(due Wed 25 Nov\)/);
    expect(body).toContain('aria-current="page">Figures</a>');
    // Signed out: the sign-in page, not the figures.
    expect(await (await app.request('/console/figures')).text()).not.toContain('<h1>Figures</h1>');
  });
});
