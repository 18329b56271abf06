import { beforeAll, describe, expect, it } from 'vitest';
import { makeConsoleApp } from '#functions/console/app.ts';
import { createConsoleDeps, type ConsoleDeps } from '#functions/console/deps.ts';
import { loadConfig } from '#shared/config.ts';
import { openCase, type CaseEvent } from '#shared/domain/case.ts';
import { actionToken, tokenHash as actionHash } from '#shared/domain/console-tokens.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import { caseFinders } from '#shared/use-cases/cases.ts';
import { useEmulators } from '../helpers/emulators.ts';

const emulators = useEmulators();
const ORIGIN = 'http://127.0.0.1:3999';
const SECRET = 'test-link-secret-0123456789abcdef';
let clock = new Date('2026-11-20T10:00:00Z');
let deps: ConsoleDeps;
let app: ReturnType<typeof makeConsoleApp>;

/** The console over the emulators, with its own clock and configuration (owners, link key). */
function consoleWith(env: Record<string, string> = {}): { deps: ConsoleDeps; app: ReturnType<typeof makeConsoleApp> } {
  const config = loadConfig({ ...process.env, ...env });
  // A clock that moves a millisecond per reading, as time does between requests.
  const built: ConsoleDeps = { ...createConsoleDeps(config), now: () => (clock = new Date(clock.getTime() + 1)), secrets: { apiKey: async () => config.secrets.apiKey!, linkKeys: async () => ({ current: config.secrets.linkSecret!, previous: [] }) } };
  return { deps: built, app: makeConsoleApp(built) };
}

beforeAll(() => {
  ({ deps, app } = consoleWith());
});

const form = (body: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...headers },
  body: new URLSearchParams(body).toString(),
});

async function complaint(id: string, name = 'Maria Lopez'): Promise<string> {
  const item: FeedbackRecord = {
    id,
    channel: 'survey',
    receivedAt: clock.toISOString(),
    processedAt: clock.toISOString(),
    rawKey: `raw/${id}`,
    text: `Stale bread <img src=x onerror=alert(1)> (${id})`,
    customer: { email: `${id}@example.com`, name },
    orderIds: [`O-${id}`],
    classification: { sentiment: 'negative', score: -0.5, complaint: true, urgent: false, cues: [], topics: ['product-quality'], language: 'en' },
    complaint: true,
  };
  const record = openCase(item, false, clock);
  item.caseId = record.caseId;
  await deps.feedback.record(item);
  const event: CaseEvent = { caseId: record.caseId, eventId: `${item.receivedAt}#item-${id}`, at: item.receivedAt, kind: 'opened', by: 'Earshot', feedbackId: id };
  await deps.cases.create(record);
  await deps.cases.index(record, event, caseFinders(record));
  return record.caseId;
}

async function signIn(email = 'owner@example.com', target = app, next = '/console'): Promise<string> {
  await emulators.clearEmails();
  await target.request('/console/sign-in', form({ email, next }));
  const mail = (await emulators.sentEmails()).find((m) => m.subject === 'Sign in to Earshot');
  const link = /Sign in: (\S+)/.exec(mail?.body.text ?? '')?.[1];
  if (!link) throw new Error('no sign-in email');
  const answer = await target.request(new URL(link).pathname, form({}));
  return answer.headers.get('set-cookie')!.split(';')[0]!;
}

describe('signing in', () => {
  it('answers the same for any address, and emails a link and a code only to an owner', async () => {
    const stranger = await app.request('/console/sign-in', form({ email: 'someone@example.com', next: '/console' }));
    const owner = await app.request('/console/sign-in', form({ email: 'OWNER@example.com', next: '/console' }));
    expect(stranger.status).toBe(200);
    expect(owner.status).toBe(200);
    const strip = (html: string) => html.replace(/someone@example\.com|OWNER@example\.com/g, 'X');
    expect(strip(await stranger.text())).toBe(strip(await owner.text()));
    const mails = await emulators.sentEmails();
    expect(mails.map((m) => [m.subject, m.destination.to])).toEqual([['Sign in to Earshot', ['owner@example.com']]]);
    expect(mails[0]!.body.text).toMatch(/code on the sign-in page: \d{6}/);
  });

  it('uses a link only through the button: a GET changes nothing, the POST signs in once', async () => {
    await app.request('/console/sign-in', form({ email: 'owner@example.com', next: '/console/monitor' }));
    const link = new URL(/Sign in: (\S+)/.exec((await emulators.sentEmails())[0]!.body.text!)![1]!).pathname;
    for (let i = 0; i < 3; i += 1) expect((await app.request(link)).status).toBe(200);
    const used = await app.request(link, form({}));
    expect(used.status).toBe(303);
    expect(used.headers.get('location')).toBe('/console/monitor');
    const cookie = used.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=2592000/);
    expect((await app.request(link, form({}))).status).toBe(410);
    expect((await app.request(link)).status).toBe(410);
  });

  it('refuses forged links (404) and links past 15 minutes (410)', async () => {
    expect((await app.request(`/console/sign-in/${'A'.repeat(43)}`, form({}))).status).toBe(404);
    await app.request('/console/sign-in', form({ email: 'owner@example.com', next: '/console' }));
    const link = new URL(/Sign in: (\S+)/.exec((await emulators.sentEmails())[0]!.body.text!)![1]!).pathname;
    clock = new Date(clock.getTime() + 16 * 60_000);
    expect((await app.request(link, form({}))).status).toBe(410);
  });

  it('signs in with the emailed code, and locks the code after too many wrong tries', async () => {
    await app.request('/console/sign-in', form({ email: 'owner@example.com', next: '/console' }));
    const code = /sign-in page: (\d{6})/.exec((await emulators.sentEmails())[0]!.body.text!)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await app.request('/console/code', form({ email: 'owner@example.com', code: wrong, next: '/console' }));
    expect(first.status).toBe(400);
    expect(await first.text()).toContain('That code is not right');
    const good = await app.request('/console/code', form({ email: 'owner@example.com', code, next: '/console' }));
    expect(good.status).toBe(303);
    expect(good.headers.get('set-cookie')).toMatch(/^earshot_session=/);
    expect((await app.request('/console/code', form({ email: 'owner@example.com', code, next: '/console' }))).status).toBe(400);

    await emulators.clearEmails();
    await app.request('/console/sign-in', form({ email: 'owner@example.com', next: '/console' }));
    const next = /sign-in page: (\d{6})/.exec((await emulators.sentEmails())[0]!.body.text!)![1]!;
    const other = next === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) await app.request('/console/code', form({ email: 'owner@example.com', code: other, next: '/console' }));
    expect((await app.request('/console/code', form({ email: 'owner@example.com', code: next, next: '/console' }))).status).toBe(400);
  });

  it('rate-limits sign-in requests per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await app.request('/console/sign-in', form({ email: 'limited@example.com', next: '/console' }))).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});

describe('sessions', () => {
  it('show the inbox with Sign out, and sign out for good', async () => {
    const cookie = await signIn();
    const inbox = await app.request('/console', { headers: { cookie } });
    const page = await inbox.text();
    expect(page).toContain('Open cases');
    expect(page).toContain('>Sign out</button>');
    await app.request('/console/sign-out', form({}, { cookie }));
    expect(await (await app.request('/console', { headers: { cookie } })).text()).toContain('Email address');
  });

  it('signs out a cookie from another deployment, and sessions of an address no longer an owner', async () => {
    const cookie = await signIn();
    const elsewhere = consoleWith({ EARSHOT_LINK_SECRET: 'another-deployment-secret-000000' });
    const foreign = await elsewhere.app.request('/console', { headers: { cookie } });
    expect(await foreign.text()).toContain('Email address');
    expect(foreign.headers.get('set-cookie')).toMatch(/earshot_session=;/);

    const removed = consoleWith({ EARSHOT_OWNER_EMAIL: 'partner@example.com' });
    expect(await (await removed.app.request('/console', { headers: { cookie } })).text()).toContain('Email address');
    // Revoked for good: the session is gone even for the old configuration.
    expect(await (await app.request('/console', { headers: { cookie } })).text()).toContain('Email address');
  });

  it('ends after 30 days without use, and slides while used', async () => {
    const cookie = await signIn();
    clock = new Date(clock.getTime() + 20 * 86_400_000);
    expect(await (await app.request('/console', { headers: { cookie } })).text()).toContain('Open cases');
    clock = new Date(clock.getTime() + 20 * 86_400_000);
    expect(await (await app.request('/console', { headers: { cookie } })).text()).toContain('Open cases');
    clock = new Date(clock.getTime() + 31 * 86_400_000);
    expect(await (await app.request('/console', { headers: { cookie } })).text()).toContain('Email address');
  });
});

describe('cases', () => {
  it('refuses a forged cross-site POST with 403 and changes nothing', async () => {
    const caseId = await complaint('forged-1');
    const cookie = await signIn();
    const forged = await app.request(`/console/cases/${caseId}/handled`, form({ done: 'x' }, { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }));
    expect(forged.status).toBe(403);
    expect((await deps.cases.get(caseId))!.status).toBe('new');
  });

  it('records each action on the timeline with who and when, and takes a handled case off the open lists', async () => {
    const caseId = await complaint('timeline-1');
    const cookie = await signIn();
    const post = (action: string, body: Record<string, string>) => app.request(`/console/cases/${caseId}/${action}`, form(body, { cookie }));
    expect((await post('note', { note: 'Called <b>twice</b>' })).status).toBe(303);
    expect((await post('replied-elsewhere', {})).status).toBe(303);
    expect((await post('handled', { done: 'Refunded the loaf' })).status).toBe(303);
    expect((await deps.feedback.listOpenComplaints(100)).map((f) => f.id)).not.toContain('timeline-1');
    const openList = await app.request('/console', { headers: { cookie } });
    expect(await openList.text()).not.toContain(caseId);
    const handledList = await app.request('/console?status=handled', { headers: { cookie } });
    expect(await handledList.text()).toContain(caseId);
    expect((await post('reopen', {})).status).toBe(303);
    expect((await deps.feedback.listOpenComplaints(100)).map((f) => f.id)).toContain('timeline-1');
    const page = await (await app.request(`/console/cases/${caseId}?done=reopened`, { headers: { cookie } })).text();
    expect(page).toContain('Case reopened.');
    expect(page).toContain('Called &lt;b&gt;twice&lt;/b&gt;');
    expect(page).toContain('Stale bread &lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img src=x');
    for (const what of ['Note', 'Replied elsewhere', 'Marked handled', 'Reopened']) expect(page).toContain(what);
    expect((await deps.cases.withTimeline(caseId))!.events.filter((e) => e.by === 'owner@example.com')).toHaveLength(4);
  });

  it('finds cases by name, email, phone-less order number, and filters by channel, without a scan', async () => {
    const caseId = await complaint('search-1', 'Zoë Quartermain');
    const cookie = await signIn();
    for (const q of ['quartermain', 'Zoe', 'search-1@example.com', 'O-search-1']) {
      expect(await (await app.request(`/console?q=${encodeURIComponent(q)}`, { headers: { cookie } })).text(), q).toContain(caseId);
    }
    expect(await (await app.request('/console?channel=email', { headers: { cookie } })).text()).not.toContain(caseId);
    expect(await (await app.request('/console?channel=survey', { headers: { cookie } })).text()).toContain(caseId);
  });

  it('pages the inbox', async () => {
    for (let i = 0; i < 27; i += 1) await complaint(`page-${i}`);
    const cookie = await signIn();
    const first = await (await app.request('/console', { headers: { cookie } })).text();
    const next = /href="(\/console\?after=[^"]+)">Next page/.exec(first)?.[1];
    expect(next).toBeDefined();
    const second = await (await app.request(next!.replace(/&amp;/g, '&'), { headers: { cookie } })).text();
    const ids = (html: string) => [...html.matchAll(/\/console\/cases\/([a-z2-7]{16})/g)].map((m) => m[1]);
    expect(ids(second).length).toBeGreaterThan(0);
    expect(ids(second).filter((id) => ids(first).includes(id))).toEqual([]);
  });
});

describe('one-click links from alert emails', () => {
  it('mark a case handled without a session, once, through the confirmation page only', async () => {
    const caseId = await complaint('link-1');
    const token = actionToken(SECRET, { caseId, action: 'handled', email: 'owner@example.com', expiresAt: new Date(clock.getTime() + 14 * 86_400_000) });
    const confirm = await app.request(`/console/a/${token}`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('>Mark handled</button>');
    expect((await deps.cases.get(caseId))!.status).toBe('new');
    const done = await app.request(`/console/a/${token}`, form({}));
    expect(done.status).toBe(200);
    expect((await deps.cases.get(caseId))!.status).toBe('handled');
    expect((await deps.cases.withTimeline(caseId))!.events.at(-1)).toMatchObject({ kind: 'handled', by: 'owner@example.com' });
    expect((await app.request(`/console/a/${token}`, form({}))).status).toBe(410);
  });

  it('act once when the same Mark handled link is pressed twice at the same moment', async () => {
    const caseId = await complaint('link-twice');
    const token = actionToken(SECRET, { caseId, action: 'handled', email: 'owner@example.com', expiresAt: new Date(clock.getTime() + 14 * 86_400_000) });
    const statuses = (await Promise.all([app.request(`/console/a/${token}`, form({})), app.request(`/console/a/${token}`, form({}))])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 410]);
    const handled = (await deps.cases.withTimeline(caseId))!.events.filter((e) => e.kind === 'handled');
    expect(handled).toHaveLength(1);
    expect(await deps.auth.actionLinkUsed(actionHash(token))).toBe(true);
  });

  it('refuse forged and expired links, changing nothing', async () => {
    const caseId = await complaint('link-2');
    const forged = actionToken('another-deployment-secret-000000', { caseId, action: 'handled', email: 'owner@example.com', expiresAt: new Date(clock.getTime() + 86_400_000) });
    expect((await app.request(`/console/a/${forged}`, form({}))).status).toBe(404);
    const stranger = actionToken(SECRET, { caseId, action: 'handled', email: 'stranger@example.com', expiresAt: new Date(clock.getTime() + 86_400_000) });
    expect((await app.request(`/console/a/${stranger}`, form({}))).status).toBe(404);
    const old = actionToken(SECRET, { caseId, action: 'handled', email: 'owner@example.com', expiresAt: new Date(clock.getTime() - 1000) });
    expect((await app.request(`/console/a/${old}`)).status).toBe(410);
    expect((await app.request(`/console/a/${old}`, form({}))).status).toBe(410);
    expect((await deps.cases.get(caseId))!.status).toBe('new');
  });

  it('open the case after sign-in', async () => {
    const caseId = await complaint('link-3');
    const token = actionToken(SECRET, { caseId, action: 'open', email: 'owner@example.com', expiresAt: new Date(clock.getTime() + 86_400_000) });
    const open = await app.request(`/console/a/${token}`, form({}));
    expect(open.headers.get('location')).toBe(`/console?next=${encodeURIComponent(`/console/cases/${caseId}`)}`);
    const cookie = await signIn('owner@example.com', app, `/console/cases/${caseId}`);
    const again = await app.request(`/console/a/${token}`, form({}, { cookie }));
    expect(again.headers.get('location')).toBe(`/console/cases/${caseId}`);
  });
});

describe('the JSON API', () => {
  it('offers the same case actions with the API key', async () => {
    const caseId = await complaint('api-1');
    const api = (path: string, body?: unknown, key = 'test-api-key-123') =>
      app.request(path, { method: body === undefined ? 'GET' : 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    expect((await api('/v1/cases', undefined, 'wrong-key')).status).toBe(401);
    expect(((await (await api('/v1/cases?q=api-1@example.com')).json()) as { cases: Array<{ caseId: string }> }).cases.map((c) => c.caseId)).toEqual([caseId]);
    expect((await api(`/v1/cases/${caseId}/notes`, { text: 'From the till' })).status).toBe(200);
    const handled = (await (await api(`/v1/cases/${caseId}/handled`, { whatWasDone: 'Refund' })).json()) as { case: { status: string }; changed: boolean };
    expect(handled).toMatchObject({ case: { status: 'handled' }, changed: true });
    expect(((await (await api(`/v1/cases/${caseId}/handled`, {})).json()) as { changed: boolean }).changed).toBe(false);
    const view = (await (await api(`/v1/cases/${caseId}`)).json()) as { events: Array<{ kind: string; by: string }> };
    expect(view.events.map((e) => e.kind)).toEqual(['opened', 'note', 'handled']);
    expect((await api(`/v1/cases/${caseId}/notes`, { text: '' })).status).toBe(400);
    expect((await api('/v1/cases/nosuchcase0000000/notes', { text: 'x' })).status).toBe(404);
  });
});
