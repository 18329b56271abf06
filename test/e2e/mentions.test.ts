import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMention } from '#shared/domain/mention.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

const SECRET = 'test-webhook-secret';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ EARSHOT_WEBHOOK_SECRET: SECRET });
});

afterAll(async () => {
  await stack?.stop();
});

function post(payload: unknown, options: { secret?: string; timestamp?: number } = {}) {
  const body = JSON.stringify(payload);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return stack.fetch('/v1/mentions', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-earshot-timestamp': String(timestamp),
      'x-earshot-signature': signMention(options.secret ?? SECRET, timestamp, body),
    },
    body,
  });
}

const mention = (externalId: string, text: string, extra: Record<string, unknown> = {}) => ({
  source: 'Bluesky',
  externalId,
  url: `https://bsky.app/profile/pat.example/post/${externalId}`,
  author: { handle: '@pat.example', name: 'Pat <b>Quinn</b>', followers: 12_400 },
  text,
  publishedAt: new Date().toISOString(),
  ...extra,
});

describe('mentions webhook on the local stack', () => {
  it('alerts exactly once, urgently, for a signed negative mention; the same mention again is a duplicate', async () => {
    const first = await post(mention('m-1', 'Worst service ever, waited an hour and the staff were rude <script>alert(1)</script>'));
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as { id: string };

    const emails = await stack.waitForEmails((all) => all.some((e) => e.subject === 'URGENT: Negative mention on Bluesky'));
    const alerts = emails.filter((e) => e.subject === 'URGENT: Negative mention on Bluesky');
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert.html).not.toContain('<script>');
    expect(alert.html).toContain('&lt;script&gt;');
    expect(alert.text).toContain('12,400 followers');
    // The post's link is shown as text with its site, never as a link.
    expect(alert.text).toContain('https[:]//bsky[.]app/profile/pat[.]example/post/m-1 (site: bsky[.]app)');
    expect(alert.html).not.toContain('href="https://bsky.app');
    expect(alert.headers['X-Earshot-Alert'] ?? alert.headers['x-earshot-alert']).toBe('negative-mention');

    const again = await post(mention('m-1', 'Worst service ever, waited an hour and the staff were rude'));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, duplicate: true });
    await new Promise((r) => setTimeout(r, 500));
    expect((await stack.outbox()).filter((e) => e.subject.startsWith('URGENT: Negative mention'))).toHaveLength(1);
  });

  it('alerts for a 1-star review and never for a positive mention', async () => {
    expect((await post(mention('r-1', 'Cold food and nobody came to our table.', { source: 'Google', rating: 1 }))).status).toBe(202);
    expect((await post(mention('m-2', 'Lovely evening, thank you!'))).status).toBe(202);
    const emails = await stack.waitForEmails((all) => all.some((e) => e.subject === 'URGENT: Negative review on Google'));
    expect(emails.filter((e) => e.subject === 'URGENT: Negative review on Google')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    const all = await stack.outbox();
    expect(all.some((e) => e.text.includes('Lovely evening'))).toBe(false);
  });

  it('answers 401 for a bad or stale signature and 400 naming the field, storing nothing', async () => {
    expect((await post(mention('m-3', 'Terrible'), { secret: 'wrong' })).status).toBe(401);
    const stale = await post(mention('m-3', 'Terrible'), { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const invalid = await post({ ...mention('m-3', 'Terrible'), rating: 9 });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/rating/);
    // Nothing was claimed: the same id, signed properly, is new.
    expect((await post(mention('m-3', 'Terrible, never again'))).status).toBe(202);
    const unsigned = await stack.fetch('/v1/mentions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unsigned.status).toBe(401);
  });

  it('signs the raw bytes (non-ASCII text included), and refuses bodies over 256 KiB with 413', async () => {
    const ok = await post(mention('m-4', 'Café au lait était froid 😞 — très déçu'));
    expect(ok.status).toBe(202);
    const big = await post(mention('m-5', 'x'.repeat(270 * 1024)));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it("counts a negative post by a customer's linked handle as that customer's second complaint", async () => {
    const api = { authorization: 'Bearer test-api-key-123', 'content-type': 'application/json' };
    const order = await stack.fetch('/v1/orders', { method: 'POST', headers: api, body: JSON.stringify({ orderId: 'ML-1', customer: { email: 'maria@example.com', name: 'Maria Lopez' }, total: 84.5, currency: 'EUR' }) });
    const { surveyUrl } = (await order.json()) as { surveyUrl: string };
    const token = new URL(surveyUrl).pathname.split('/').pop()!;
    const answer = await stack.fetch('/v1/survey-responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, score: 2, comment: 'The cake arrived squashed and late.' }) });
    expect(answer.status).toBe(202);
    await stack.waitForEmails((all) => all.some((e) => e.subject === 'New complaint from Maria Lopez'));
    const found = await stack.fetch('/v1/customers?email=maria@example.com', { headers: api });
    const { customer } = (await found.json()) as { customer: { customerId: string } };
    const linked = await stack.fetch(`/v1/customers/${customer.customerId}/identities`, { method: 'POST', headers: api, body: JSON.stringify({ type: 'handle', source: 'bluesky', value: '@maria.bsky.social' }) });
    expect(linked.status).toBe(200);

    const negative = mention('m-6', 'Worst service ever, waited an hour and the staff were rude', { author: { handle: '@Maria.bsky.social', followers: 300 } });
    expect((await post(negative)).status).toBe(202);

    const emails = await stack.waitForEmails((all) => all.some((e) => e.subject.startsWith('URGENT: Second complaint from Maria Lopez')));
    const second = emails.filter((e) => e.subject.startsWith('URGENT: Second complaint from Maria Lopez'));
    expect(second).toHaveLength(1);
    expect(second[0]!.text).toContain('The cake arrived squashed and late.');
    expect(second[0]!.text).toContain('Worst service ever');
  });
});
