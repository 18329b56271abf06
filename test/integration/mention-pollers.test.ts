import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PurgeQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedbackMessage } from '#shared/domain/feedback.ts';
import { backoffMs, pollSource, type PollDeps } from '#shared/use-cases/poll-mentions.ts';
import { sourceHealth } from '#shared/use-cases/source-health.ts';
import { signMention } from '#shared/domain/mention.ts';
import { httpEvent } from '../helpers/events.ts';
import { lazyHandler, startEmulators, TEST_ENV, type TestEmulators } from '../helpers/emulators.ts';

const fixture = (name: string) => readFileSync(`test/fixtures/mentions/${name}`, 'utf8');

/** The fixtures' "now": posts in them are minutes to hours old. */
const AT = new Date('2026-11-23T10:00:00Z');

/** A source API on loopback serving fixtures in the real formats; each test sets the answers. */
let server: Server;
let base: string;
let respond: (req: IncomingMessage, url: URL, res: ServerResponse) => void;
let requests: Array<{ url: URL; headers: IncomingMessage['headers'] }> = [];
let emulators: TestEmulators;
const webhook = lazyHandler('mentions', () => emulators.config, () => emulators.clients);
const handler = lazyHandler('pollMentions', () => emulators.config, () => emulators.clients);
let clock = AT;

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

let counter = 0;
/** Configures the sources under fresh ids (cursors from earlier tests do not leak in). */
function useSources(sources: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): string[] {
  counter += 1;
  const renamed = sources.map((s) => ({ ...s, id: `${String(s.id)}-${counter}` }));
  emulators.reconfigure({ EARSHOT_CONFIG_JSON: JSON.stringify({ mentions: { sources: renamed, timeoutMs: 500, ...extra } }) });
  return renamed.map((s) => s.id);
}

/** The real adapters with the test's clock. */
function pollDeps(): PollDeps {
  return { ...emulators.adapters, now: () => clock };
}

const poll = (index = 0) => pollSource(emulators.config.mentions.sources[index]!, pollDeps());

async function queued(): Promise<FeedbackMessage[]> {
  const messages: FeedbackMessage[] = [];
  for (let i = 0; i < 10; i += 1) {
    const answer = await emulators.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: emulators.queues.feedback.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!answer.Messages?.length) break;
    messages.push(...answer.Messages.map((m) => JSON.parse(m.Body!) as FeedbackMessage));
  }
  return messages;
}

beforeAll(async () => {
  emulators = await startEmulators();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ url, headers: req.headers });
    respond(req, url, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  await emulators?.stop();
});

beforeEach(async () => {
  requests = [];
  clock = AT;
  await emulators.clients.sqs.send(new PurgeQueueCommand({ QueueUrl: emulators.queues.feedback.url }));
});

describe('Bluesky post search', () => {
  it('pages with the cursor, queues each post once, and searches since its cursor next time', async () => {
    const [id] = useSources([{ type: 'bluesky', id: 'bsky', query: 'Corner Bakery', service: base }]);
    respond = (_req, url, res) => send(res, 200, url.searchParams.get('cursor') === '25' ? fixture('bluesky-page2.json') : fixture('bluesky-page1.json'));

    const first = await poll();

    expect(first).toMatchObject({ result: 'read', pages: 2, received: 3, duplicates: 0 });
    expect(requests[0]!.url.pathname).toBe('/xrpc/app.bsky.feed.searchPosts');
    expect(Object.fromEntries(requests[0]!.url.searchParams)).toEqual({ q: 'Corner Bakery', sort: 'latest', limit: '100' });
    expect(requests[1]!.url.searchParams.get('cursor')).toBe('25');
    expect(requests[0]!.headers['user-agent']).toMatch(/^earshot-mentions\//);
    const messages = await queued();
    expect(messages).toHaveLength(3);
    const pat = messages.find((m) => m.customer.handle === '@pat.bsky.social')!;
    expect(pat).toMatchObject({
      channel: 'social',
      customer: { handle: '@pat.bsky.social', name: 'Pat Quinn' },
      mention: { source: 'Bluesky', externalId: 'at://did:plc:abc123/app.bsky.feed.post/3kq2aaa', url: 'https://bsky.app/profile/pat.bsky.social/post/3kq2aaa', publishedAt: '2026-11-23T09:00:00.000Z' },
    });
    expect(pat.text).toBe('Waited an hour at Corner Bakery and the staff were rude. Never again.');
    // The newest sort time read is the cursor.
    expect(await emulators.adapters.polls.get(id!)).toMatchObject({ cursor: '2026-11-23T09:00:00.000Z', lastSuccessAt: AT.toISOString(), failures: 0, version: 1 });

    requests = [];
    clock = new Date(AT.getTime() + 600_000);
    const second = await poll();
    // Searched a little behind the cursor (posts indexed late); what it finds again is a duplicate.
    expect(requests[0]!.url.searchParams.get('since')).toBe('2026-11-23T08:45:00.000Z');
    expect(second).toMatchObject({ result: 'read', received: 0, duplicates: 3 });
    expect(await queued()).toHaveLength(0);
    expect(await emulators.adapters.polls.get(id!)).toMatchObject({ version: 2, lastSuccessAt: clock.toISOString() });
  });

  it('ends the pages without failing when the public AppView refuses the cursor (403)', async () => {
    useSources([{ type: 'bluesky', id: 'bsky403', query: 'Corner Bakery', service: base }]);
    respond = (_req, url, res) => (url.searchParams.has('cursor') ? send(res, 403, 'Request forbidden by administrative rules.', { 'content-type': 'text/plain' }) : send(res, 200, fixture('bluesky-page1.json')));
    // The same posts as the test before: already received, so duplicates now.
    expect(await poll()).toMatchObject({ result: 'read', pages: 2, received: 0, duplicates: 2 });
  });
});

describe('Mastodon', () => {
  it('reads a hashtag timeline: HTML to text, full handles and followers, min_id next time', async () => {
    const [id] = useSources([{ type: 'mastodon', id: 'masto', instance: base, hashtag: 'CornerBakery' }]);
    respond = (_req, _url, res) => send(res, 200, fixture('mastodon-tag.json'), { link: `<${base}/api/v1/timelines/tag/CornerBakery?max_id=1>; rel="next", <${base}/api/v1/timelines/tag/CornerBakery?min_id=9>; rel="prev"` });

    expect(await poll()).toMatchObject({ result: 'read', pages: 1, received: 2 });

    expect(requests[0]!.url.pathname).toBe('/api/v1/timelines/tag/CornerBakery');
    expect(requests[0]!.url.searchParams.get('limit')).toBe('40');
    const messages = await queued();
    const lee = messages.find((m) => m.customer.handle === '@lee@mastodon.example')!;
    expect(lee.text).toBe('Got food poisoning after the chicken sandwich from #CornerBakery. Never again.');
    expect(lee.mention).toMatchObject({ source: 'Mastodon', followers: 15300, url: 'https://mastodon.example/@lee/113556789012345679', externalId: 'https://mastodon.example/users/lee/statuses/113556789012345679' });
    expect(messages.find((m) => m.customer.handle === '@ann@other.example')!.text).toBe('Best cinnamon buns in town & lovely people #CornerBakery');
    expect((await emulators.adapters.polls.get(id!))?.cursor).toBe('113556789012345679');

    requests = [];
    await poll();
    expect(requests[0]!.url.searchParams.get('min_id')).toBe('113556789012345679');
  });

  it('follows the Link header (prev: newer statuses) while pages come back full', async () => {
    const template = JSON.parse(fixture('mastodon-tag.json'))[1];
    const statuses = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ ...template, id: String(from + count - i), uri: `https://other.example/users/ann/statuses/${from + count - i}`, url: `https://other.example/@ann/${from + count - i}` }));
    useSources([{ type: 'mastodon', id: 'masto-pages', instance: base, hashtag: 'CornerBakery' }]);
    // The first run finds one status; the second finds 40 newer ones, then 3 more on the page after.
    respond = (_req, _url, res) => send(res, 200, JSON.stringify(statuses(1000, 1)));
    await poll();
    await queued();
    respond = (_req, url, res) => {
      const minId = url.searchParams.get('min_id');
      if (minId === '1001') send(res, 200, JSON.stringify(statuses(1001, 40)), { link: `<${base}/api/v1/timelines/tag/CornerBakery?max_id=1002>; rel="next", <${base}/api/v1/timelines/tag/CornerBakery?min_id=1041>; rel="prev"` });
      else if (minId === '1041') send(res, 200, JSON.stringify(statuses(1041, 3)), { link: `<${base}/api/v1/timelines/tag/CornerBakery?max_id=1042>; rel="next", <${base}/api/v1/timelines/tag/CornerBakery?min_id=1044>; rel="prev"` });
      else send(res, 200, '[]');
    };
    requests = [];
    expect(await poll()).toMatchObject({ result: 'read', pages: 2, received: 43 });
    expect(requests.map((r) => r.url.searchParams.get('min_id'))).toEqual(['1001', '1041']);
    expect((await emulators.adapters.polls.get(emulators.config.mentions.sources[0]!.id))?.cursor).toBe('1044');
  });

  it('searches statuses with the access token, qualifies local handles, and skips boosts', async () => {
    useSources([{ type: 'mastodon', id: 'masto-search', instance: base, query: 'Corner Bakery', accessToken: 'token-12345' }]);
    respond = (_req, _url, res) => send(res, 200, fixture('mastodon-search.json'));
    expect(await poll()).toMatchObject({ result: 'read', pages: 1, received: 1 });
    expect(requests[0]!.url.pathname).toBe('/api/v2/search');
    expect(Object.fromEntries(requests[0]!.url.searchParams)).toEqual({ q: 'Corner Bakery', type: 'statuses', resolve: 'false', limit: '40' });
    expect(requests[0]!.headers.authorization).toBe('Bearer token-12345');
    const [joe] = await queued();
    expect(joe).toMatchObject({ customer: { handle: '@joe@127.0.0.1', name: 'Joe & Co' }, mention: { followers: 240 } });
    expect(joe!.text).toBe('Corner Bakery got my order wrong again.\nThird time this month.');
  });
});

describe('Reddit search', () => {
  it('reads new posts page by page with after, and stops at what it has already read', async () => {
    const [id] = useSources([{ type: 'reddit', id: 'reddit', query: '"Corner Bakery"', baseUrl: base }], { maxAgeHours: 24 * 30 });
    respond = (_req, url, res) => send(res, 200, url.searchParams.get('after') ? fixture('reddit-page2.json') : fixture('reddit-page1.json'));

    expect(await poll()).toMatchObject({ result: 'read', pages: 2, received: 3 });

    expect(Object.fromEntries(requests[0]!.url.searchParams)).toMatchObject({ q: '"Corner Bakery"', sort: 'new', limit: '100', raw_json: '1' });
    expect(requests[1]!.url.searchParams.get('after')).toBe('t3_1gq0002');
    const messages = await queued();
    const charged = messages.find((m) => m.mention?.externalId === 't3_1gq0001')!;
    expect(charged).toMatchObject({ customer: { handle: 'u/breadfan' }, mention: { source: 'Reddit', url: 'https://www.reddit.com/r/london/comments/1gq0001/corner_bakery_charged_me_twice/', publishedAt: '2026-11-23T09:40:00.000Z' } });
    expect(charged.text).toBe('Corner Bakery charged me twice\nCharged twice for one order and still no refund after two weeks. Anyone else?');
    expect(messages.find((m) => m.mention?.externalId === 't3_1gq0002')!.customer).toEqual({});
    expect((await emulators.adapters.polls.get(id!))?.cursor).toBe('1795426800');

    requests = [];
    expect(await poll()).toMatchObject({ result: 'read', pages: 1, received: 0, duplicates: 1 });
    expect(requests).toHaveLength(1);
  });

  it('skips posts older than maxAgeHours, so a new source does not alert on its history', async () => {
    useSources([{ type: 'reddit', id: 'reddit-age', query: 'x', baseUrl: base }]);
    respond = (_req, url, res) => send(res, 200, url.searchParams.get('after') ? fixture('reddit-page2.json') : fixture('reddit-page1.json'));
    // Two recent posts (received by the test before, so duplicates now) and one a few days old.
    expect(await poll()).toMatchObject({ result: 'read', received: 0, duplicates: 2, skipped: 1 });
  });
});

describe('RSS and Atom feeds', () => {
  it('reads Google Alerts (Atom) and review sites (RSS), unwrapping links and HTML', async () => {
    useSources([
      { type: 'rss', id: 'alerts', name: 'Google Alerts', url: `${base}/alerts.atom` },
      { type: 'rss', id: 'reviews', url: `${base}/reviews.rss` },
    ]);
    respond = (_req, url, res) => send(res, 200, url.pathname.endsWith('.atom') ? fixture('google-alerts.atom') : fixture('reviews.rss'), { 'content-type': 'application/xml' });
    expect(await poll(0)).toMatchObject({ result: 'read', received: 2 });
    expect(await poll(1)).toMatchObject({ result: 'read', received: 2 });
    const messages = await queued();
    const review = messages.find((m) => m.mention?.externalId === 'tag:google.com,2013:googlealerts/feed:1111111111111111111')!;
    expect(review.mention).toMatchObject({ source: 'Google Alerts', url: 'https://localnews.example/reviews/corner-bakery', publishedAt: '2026-11-23T09:00:00.000Z' });
    expect(review.text).toBe('Review: Corner Bakery is a disappointment\nThe Corner Bakery was dirty and the bread was stale. We will not be back.');
    const rss = messages.find((m) => m.mention?.externalId === 'review-901')!;
    expect(rss).toMatchObject({ customer: { name: 'Mo Reid' }, mention: { source: '127.0.0.1', url: 'https://reviews.example/corner-bakery/r/901' } });
    expect(rss.text).toBe('1 star: cold and late\nOrder arrived two hours late and cold. Nobody answered the phone.');
  });

  it('asks with If-None-Match next time; a 304 is a success that reads nothing', async () => {
    const [id] = useSources([{ type: 'rss', id: 'etag', url: `${base}/feed.rss` }]);
    respond = (req, _url, res) =>
      req.headers['if-none-match'] === '"v1"' ? (res.writeHead(304, { etag: '"v1"' }), res.end()) : send(res, 200, fixture('reviews.rss'), { 'content-type': 'application/rss+xml', etag: '"v1"' });
    expect(await poll()).toMatchObject({ result: 'read', received: 0, duplicates: 2 });
    requests = [];
    clock = new Date(AT.getTime() + 60_000);
    expect(await poll()).toMatchObject({ result: 'read', pages: 1, received: 0, duplicates: 0 });
    expect(requests[0]!.headers['if-none-match']).toBe('"v1"');
    expect(await emulators.adapters.polls.get(id!)).toMatchObject({ cursor: '{"etag":"\\"v1\\""}', lastSuccessAt: clock.toISOString() });
  });
});

describe('failures, for every kind of source', () => {
  const kinds: Record<string, () => Record<string, unknown>> = {
    rss: () => ({ type: 'rss', id: 'f-rss', url: `${base}/feed.atom` }),
    bluesky: () => ({ type: 'bluesky', id: 'f-bsky', query: 'x', service: base }),
    mastodon: () => ({ type: 'mastodon', id: 'f-masto', instance: base, hashtag: 'x' }),
    reddit: () => ({ type: 'reddit', id: 'f-reddit', query: 'x', baseUrl: base }),
  };
  const good: Record<string, string> = { rss: 'google-alerts.atom', bluesky: 'bluesky-page2.json', mastodon: 'mastodon-tag.json', reddit: 'reddit-page2.json' };
  const malformed: Record<string, [string, RegExp]> = {
    rss: ['truncated.atom', /malformed feed/],
    bluesky: ['{"posts": [oops', /malformed response: not JSON/],
    mastodon: ['{"error":"This method requires an authenticated user"}', /malformed response: no statuses/],
    reddit: ['reddit-blocked.html', /malformed response: not JSON/],
  };
  const body = (name: string) => (name.includes('.') && !name.startsWith('{') ? fixture(name) : name);

  for (const kind of Object.keys(kinds)) {
    it(`${kind}: 500 backs off, 429 honours Retry-After (seconds or date), malformed and slow answers fail, and success resets`, async () => {
      const [id] = useSources([kinds[kind]!()]);
      const cases: Array<{ answer: (res: ServerResponse) => void; error: RegExp; wait: number }> = [
        { answer: (res) => send(res, 500, '{"error":"InternalServerError"}'), error: /HTTP 500/, wait: 60_000 },
        { answer: (res) => send(res, 429, '{"error":"RateLimitExceeded"}', { 'retry-after': '900' }), error: /HTTP 429/, wait: 900_000 },
        { answer: (res) => send(res, 429, 'Too Many Requests', { 'retry-after': new Date(clock.getTime() + 3 * 3600_000).toUTCString() }), error: /HTTP 429/, wait: 3 * 3600_000 },
        { answer: (res) => send(res, 503, 'Service Unavailable', { 'retry-after': '5' }), error: /HTTP 503/, wait: 8 * 60_000 },
        { answer: (res) => send(res, 200, body(malformed[kind]![0])), error: malformed[kind]![1], wait: 16 * 60_000 },
        { answer: (res) => setTimeout(() => send(res, 200, fixture(good[kind]!)), 1500).unref(), error: /timed out after 500 ms/, wait: 32 * 60_000 },
      ];
      let failures = 0;
      for (const { answer, error, wait } of cases) {
        respond = (_req, _url, res) => answer(res);
        requests = [];
        const outcome = await poll();
        failures += 1;
        expect(outcome.result, String(error)).toBe('failed');
        expect(outcome.error).toMatch(error);
        expect(Date.parse(outcome.nextAttemptAt!) - clock.getTime(), String(error)).toBe(wait);
        expect(await emulators.adapters.polls.get(id!)).toMatchObject({ failures, lastError: outcome.error, lastErrorAt: clock.toISOString(), nextAttemptAt: outcome.nextAttemptAt });
        expect((await emulators.adapters.polls.get(id!))?.lastSuccessAt).toBeUndefined();
        // Before the next attempt is due, the source is not called at all.
        requests = [];
        clock = new Date(Date.parse(outcome.nextAttemptAt!) - 1000);
        expect(await poll()).toMatchObject({ result: 'waiting' });
        expect(requests).toHaveLength(0);
        clock = new Date(Date.parse(outcome.nextAttemptAt!));
      }
      respond = (_req, _url, res) => send(res, 200, fixture(good[kind]!), kind === 'rss' ? { 'content-type': 'application/atom+xml' } : {});
      expect(await poll()).toMatchObject({ result: 'read' });
      const state = await emulators.adapters.polls.get(id!);
      expect(state).toMatchObject({ failures: 0, lastSuccessAt: clock.toISOString() });
      expect(state?.nextAttemptAt).toBeUndefined();
      await new Promise((r) => setTimeout(r, 1100));
    });
  }

  it('backs off exponentially to a cap, at least as long as Retry-After asks, at most a day', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(30)).toBe(6 * 3600_000);
    expect(backoffMs(1, 600_000)).toBe(600_000);
    expect(backoffMs(1, 7 * 86_400_000)).toBe(86_400_000);
  });
});

describe('state, health and metric', () => {
  it('writes the cursor conditionally: a run that read an older state keeps nothing', async () => {
    const [id] = useSources([{ type: 'reddit', id: 'race', query: 'x', baseUrl: base }]);
    respond = (_req, url, res) => send(res, 200, url.searchParams.get('after') ? fixture('reddit-page2.json') : fixture('reddit-page1.json'));
    await poll();
    const before = (await emulators.adapters.polls.get(id!))!;
    // Another run moves the state on meanwhile.
    expect(await emulators.adapters.polls.save({ ...before, cursor: '1795500000' })).toBe(true);
    expect(await emulators.adapters.polls.save({ ...before, cursor: '1' })).toBe(false);
    const stale: PollDeps = { ...pollDeps(), polls: { ...emulators.adapters.polls, get: async () => before, save: (s) => emulators.adapters.polls.save(s), list: () => emulators.adapters.polls.list() } };
    const outcome = await pollSource(emulators.config.mentions.sources[0]!, stale);
    expect(outcome).toMatchObject({ result: 'conflict', duplicates: 1 });
    expect(await emulators.adapters.polls.get(id!)).toMatchObject({ cursor: '1795500000', version: 2 });
  });

  it('reports enabled sources with no recent success as silent; disabled ones are neither read nor counted', async () => {
    useSources(
      [
        { type: 'bluesky', id: 'silent', query: 'x', service: base },
        { type: 'bluesky', id: 'fine', query: 'x', service: base },
        { type: 'reddit', id: 'off', query: 'x', baseUrl: base, enabled: false },
        { type: 'reddit', id: 'new', query: 'x', baseUrl: base },
      ],
      { silentAfterMinutes: 30 },
    );
    respond = (_req, url, res) => (url.pathname.startsWith('/xrpc') ? send(res, 200, fixture('bluesky-page2.json')) : send(res, 503, 'down'));
    await poll(0);
    await poll(1);
    await poll(3);
    respond = (_req, _url, res) => send(res, 503, 'down');
    clock = new Date(AT.getTime() + 45 * 60_000);
    await poll(0);
    const health = await sourceHealth({ ...emulators.adapters, now: () => clock });
    // `silent` failed after its last success 45 minutes ago; `fine` has not been read since either;
    // `new` never succeeded but was first tried 45 minutes ago.
    expect(health).toEqual([
      { source: 'Bluesky', lastSuccessAt: AT.toISOString(), lastError: 'HTTP 503', silent: true },
      { source: 'Bluesky', lastSuccessAt: AT.toISOString(), silent: true },
      { source: 'Reddit', lastError: 'HTTP 503', silent: true },
    ]);
    const early = await sourceHealth({ ...emulators.adapters, now: () => new Date(AT.getTime() + 60_000) });
    expect(early.map((h) => h.silent)).toEqual([false, false, false]);
  });

  it('the scheduled handler reads every enabled source and logs the EMF metric Earshot/SilentSources', async () => {
    const [, waiting] = useSources([
      { type: 'rss', id: 'emf-ok', url: `${base}/ok.atom` },
      { type: 'rss', id: 'emf-waiting', url: `${base}/down.atom` },
      { type: 'rss', id: 'emf-off', url: `${base}/off.atom`, enabled: false },
    ]);
    // One source has been failing for a day and is backing off.
    const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
    await emulators.adapters.polls.save({ sourceId: waiting!, source: '127.0.0.1', failures: 9, firstAttemptAt: dayAgo, lastError: 'HTTP 500', nextAttemptAt: new Date(Date.now() + 3600_000).toISOString() });
    respond = (_req, url, res) => send(res, url.pathname === '/ok.atom' ? 200 : 500, fixture('google-alerts.atom'), { 'content-type': 'application/atom+xml' });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'earshot-poll-mentions';
    try {
      expect(await handler()).toMatchObject({ sources: 2, failed: 0, silent: 1 });
      const lines = log.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('"_aws"'));
      expect(lines).toHaveLength(1);
      const metric = JSON.parse(lines[0]!);
      expect(metric).toMatchObject({ _aws: { CloudWatchMetrics: [{ Namespace: 'Earshot', Dimensions: [[]], Metrics: [{ Name: 'SilentSources', Unit: 'Count' }] }] }, SilentSources: 1 });
      expect(Math.abs(metric._aws.Timestamp - Date.now())).toBeLessThan(10_000);
      expect(requests.map((r) => r.url.pathname)).toEqual(['/ok.atom']);
    } finally {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      log.mockRestore();
    }
  });
});

describe('webhook handler (API Gateway events)', () => {
  it('verifies the signature over the decoded bytes of a base64-encoded body, then dedupes', async () => {
    useSources([]);
    const raw = JSON.stringify({ source: 'Tripadvisor', externalId: 'ta-77', author: { name: 'Zoë' }, text: 'Très décevant 😞', rating: 2, publishedAt: '2026-11-23T09:00:00Z' });
    const ts = Math.floor(Date.now() / 1000);
    const event = (signature: string) => ({
      ...httpEvent({ method: 'POST', routePath: '/v1/mentions', headers: { 'content-type': 'application/json', 'x-earshot-timestamp': String(ts), 'x-earshot-signature': signature } }),
      body: Buffer.from(raw, 'utf8').toString('base64'),
      isBase64Encoded: true,
    });
    // Signed over the base64 text instead of the bytes: refused.
    expect((await webhook(event(signMention(TEST_ENV.EARSHOT_WEBHOOK_SECRET, ts, Buffer.from(raw).toString('base64'))))).statusCode).toBe(401);
    const accepted = await webhook(event(signMention(TEST_ENV.EARSHOT_WEBHOOK_SECRET, ts, raw)));
    expect(accepted.statusCode).toBe(202);
    const { id } = JSON.parse(accepted.body as string) as { id: string };
    const again = await webhook(event(signMention(TEST_ENV.EARSHOT_WEBHOOK_SECRET, ts, raw)));
    expect(again.statusCode).toBe(200);
    expect(JSON.parse(again.body as string)).toEqual({ id, duplicate: true });
    const messages = await queued();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id, channel: 'social', text: 'Très décevant 😞', customer: { name: 'Zoë' }, mention: { source: 'Tripadvisor', externalId: 'ta-77', rating: 2 } });
  });
});
