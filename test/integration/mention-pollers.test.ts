import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PurgeQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/poll-mentions/handler.ts';
import { awsClients } from '#shared/adapters/aws-clients.ts';
import { config } from '#shared/config.ts';
import type { FeedbackMessage } from '#shared/domain/feedback.ts';
import { backoffMs, pollSource } from '#shared/use-cases/poll-mentions.ts';
import { sourceHealth } from '#shared/use-cases/source-health.ts';
import { deps } from '#shared/wiring.ts';
import { startEmulators, type TestEmulators } from '../helpers/emulators.ts';

const fixture = (name: string) => readFileSync(`test/fixtures/mentions/${name}`, 'utf8');

/** A source API on loopback serving fixtures in the real formats; each test sets the answers. */
let server: Server;
let base: string;
let respond: (req: IncomingMessage, url: URL, res: ServerResponse) => void;
let requests: URL[] = [];
let emulators: TestEmulators;

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

function useSources(sources: unknown[], extra: Record<string, unknown> = {}): void {
  emulators.reconfigure({ EARSHOT_CONFIG_JSON: JSON.stringify({ mentions: { sources, timeoutMs: 500, ...extra } }) });
}

async function queued(): Promise<FeedbackMessage[]> {
  const messages: FeedbackMessage[] = [];
  for (let i = 0; i < 5; i += 1) {
    const answer = await awsClients().sqs.send(new ReceiveMessageCommand({ QueueUrl: emulators.queues.feedback.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!answer.Messages?.length) break;
    messages.push(...answer.Messages.map((m) => JSON.parse(m.Body!) as FeedbackMessage));
  }
  return messages;
}

beforeAll(async () => {
  emulators = await startEmulators();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
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
  await awsClients().sqs.send(new PurgeQueueCommand({ QueueUrl: emulators.queues.feedback.url }));
});

describe('Bluesky post search', () => {
  it('pages through results, queues each post once, and resumes from its cursor', async () => {
    const source = { type: 'bluesky', id: 'bsky', query: 'Corner Bakery', service: base };
    useSources([source]);
    respond = (_req, url, res) => send(res, 200, url.searchParams.get('cursor') === '25' ? fixture('bluesky-page2.json') : fixture('bluesky-page1.json'));

    const first = await pollSource(config().mentions.sources[0]!, deps());
    expect(first).toMatchObject({ result: 'read', pages: 2, received: 3, duplicates: 0 });
    expect(requests[0]!.pathname).toBe('/xrpc/app.bsky.feed.searchPosts');
    expect(requests[0]!.searchParams.get('q')).toBe('Corner Bakery');
    expect(requests[0]!.searchParams.get('sort')).toBe('latest');
    const messages = await queued();
    expect(messages).toHaveLength(3);
    const pat = messages.find((m) => m.customer.handle === '@pat.bsky.social')!;
    expect(pat).toMatchObject({ channel: 'social', mention: { source: 'Bluesky', url: 'https://bsky.app/profile/pat.bsky.social/post/3kq2aaa' } });

    requests = [];
    const second = await pollSource(config().mentions.sources[0]!, deps());
    expect(requests[0]!.searchParams.get('since')).toBe('2026-11-23T09:00:02.000Z');
    expect(second).toMatchObject({ result: 'read', received: 0, duplicates: 3 });
    expect(await queued()).toHaveLength(0);
  });
});

describe('Mastodon hashtag timeline', () => {
  it('turns HTML statuses into text with the author\'s followers, and asks only for newer ones next time', async () => {
    useSources([{ type: 'mastodon', id: 'masto', instance: base, hashtag: 'CornerBakery' }]);
    respond = (_req, _url, res) => send(res, 200, fixture('mastodon-tag.json'), { link: `<${base}/api/v1/timelines/tag/CornerBakery?max_id=1>; rel="next", <${base}/api/v1/timelines/tag/CornerBakery?min_id=9>; rel="prev"` });
    expect(await pollSource(config().mentions.sources[0]!, deps())).toMatchObject({ result: 'read', pages: 1, received: 2 });
    expect(requests[0]!.pathname).toBe('/api/v1/timelines/tag/CornerBakery');
    const messages = await queued();
    const lee = messages.find((m) => m.customer.handle === '@lee@mastodon.example')!;
    expect(lee.text).toBe('Got food poisoning after the chicken sandwich from #CornerBakery. Never again.');
    expect(lee.mention).toMatchObject({ source: 'Mastodon', followers: 15300, url: 'https://mastodon.example/@lee/113556789012345679' });
    requests = [];
    await pollSource(config().mentions.sources[0]!, deps());
    expect(requests[0]!.searchParams.get('min_id')).toBe('113556789012345679');
  });
});

describe('Reddit search', () => {
  it('reads new posts page by page and stops at what it has already read', async () => {
    useSources([{ type: 'reddit', id: 'reddit', query: '"Corner Bakery"', baseUrl: base }]);
    respond = (_req, url, res) => send(res, 200, url.searchParams.get('after') ? fixture('reddit-page2.json') : fixture('reddit-page1.json'));
    expect(await pollSource(config().mentions.sources[0]!, deps())).toMatchObject({ result: 'read', pages: 2, received: 3 });
    expect(requests[0]!.searchParams.get('sort')).toBe('new');
    const charged = (await queued()).find((m) => m.mention?.externalId === 't3_1gq0001')!;
    expect(charged).toMatchObject({ customer: { handle: 'u/breadfan' }, mention: { url: 'https://www.reddit.com/r/london/comments/1gq0001/corner_bakery_charged_me_twice/' } });
    expect(charged.text).toContain('still no refund');
    requests = [];
    expect(await pollSource(config().mentions.sources[0]!, deps())).toMatchObject({ result: 'read', pages: 1, received: 0 });
    expect(requests).toHaveLength(1);
  });
});

describe('RSS and Atom feeds', () => {
  it('reads Google Alerts (Atom) and review sites (RSS), unwrapping links and HTML', async () => {
    useSources([
      { type: 'rss', id: 'alerts', name: 'Google Alerts', url: `${base}/alerts.atom` },
      { type: 'rss', id: 'reviews', url: `${base}/reviews.rss` },
    ]);
    respond = (_req, url, res) => send(res, 200, url.pathname.endsWith('.atom') ? fixture('google-alerts.atom') : fixture('reviews.rss'), { 'content-type': 'application/xml' });
    const result = await handler();
    expect(result).toMatchObject({ sources: 2, received: 4, failed: 0, silent: 0 });
    const messages = await queued();
    const review = messages.find((m) => m.mention?.externalId === 'tag:google.com,2013:googlealerts/feed:1111111111111111111')!;
    expect(review.mention).toMatchObject({ source: 'Google Alerts', url: 'https://localnews.example/reviews/corner-bakery' });
    expect(review.text).toBe('Review: Corner Bakery is a disappointment\nThe Corner Bakery was dirty and the bread was stale. We will not be back.');
    const rss = messages.find((m) => m.mention?.externalId === 'review-901')!;
    expect(rss).toMatchObject({ customer: { name: 'Mo Reid' }, mention: { source: '127.0.0.1', url: 'https://reviews.example/corner-bakery/r/901' } });
    expect(rss.text).toBe('1 star: cold and late\nOrder arrived two hours late and cold. Nobody answered the phone.');
  });
});

describe('failures', () => {
  it('honours Retry-After on 429 and does not call again before it', async () => {
    useSources([{ type: 'reddit', id: 'limited', query: 'x', baseUrl: base }]);
    respond = (_req, _url, res) => send(res, 429, '{"message":"Too Many Requests"}', { 'retry-after': '120' });
    const before = Date.now();
    const failed = await pollSource(config().mentions.sources[0]!, deps());
    expect(failed).toMatchObject({ result: 'failed', error: 'HTTP 429' });
    expect(Date.parse(failed.nextAttemptAt!) - before).toBeGreaterThanOrEqual(119_000);
    requests = [];
    expect(await pollSource(config().mentions.sources[0]!, deps())).toMatchObject({ result: 'waiting' });
    expect(requests).toHaveLength(0);
  });

  it('backs off on 5xx, timeouts and malformed bodies, and records the last error', async () => {
    const cases: Array<[string, (res: ServerResponse) => void, RegExp]> = [
      ['err500', (res) => send(res, 503, 'Service Unavailable', { 'retry-after': 'Thu, 01 Jan 1970 00:00:00 GMT' }), /HTTP 503/],
      ['slow', (res) => setTimeout(() => send(res, 200, '{"posts":[]}'), 1500), /timed out/],
      ['broken', (res) => send(res, 200, '{"posts": [oops'), /malformed/],
      ['notfeed', (res) => send(res, 200, '<html><body>Not a feed</body></html>', { 'content-type': 'text/html' }), /malformed feed/],
    ];
    for (const [id, answer, error] of cases) {
      useSources([id === 'notfeed' ? { type: 'rss', id, url: `${base}/feed` } : { type: 'bluesky', id, query: 'x', service: base }]);
      respond = (_req, _url, res) => answer(res);
      const started = Date.now();
      const outcome = await pollSource(config().mentions.sources[0]!, deps());
      expect(outcome.result, id).toBe('failed');
      expect(outcome.error, id).toMatch(error);
      expect(Date.parse(outcome.nextAttemptAt!) - started, id).toBeGreaterThanOrEqual(59_000);
      const state = await deps().polls.get(id);
      expect(state).toMatchObject({ failures: 1, lastError: outcome.error });
    }
    expect(backoffMs(1)).toBe(60_000);
    expect(backoffMs(3)).toBe(240_000);
    expect(backoffMs(30)).toBe(6 * 3600_000);
    expect(backoffMs(1, 600_000)).toBe(600_000);
  });

  it('reports a source with no recent success as silent, for the alarm and the digest', async () => {
    useSources([{ type: 'bluesky', id: 'err500', query: 'x', service: base }, { type: 'bluesky', id: 'bsky', query: 'Corner Bakery', service: base }], { silentAfterMinutes: 5 });
    const health = await sourceHealth(deps());
    expect(health.map((h) => [h.source, h.silent])).toEqual([['Bluesky', true], ['Bluesky', false]]);
    expect(health[0]!.lastError).toBe('HTTP 503');
  });
});
