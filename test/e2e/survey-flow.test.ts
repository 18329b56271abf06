import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

const API_KEY = 'test-api-key-123';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ EARSHOT_INVITE_DELAY_HOURS: '0' });
});

afterAll(async () => {
  await stack?.stop();
});

function createOrder(body: unknown, key = API_KEY) {
  return stack.fetch('/v1/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
}

function tokenOf(surveyUrl: string): string {
  return new URL(surveyUrl).pathname.split('/').pop()!;
}

describe('the survey channel end to end', () => {
  it('is healthy once started', async () => {
    const response = await stack.fetch('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('goes from an order to the owner alert: invitation, survey page, answer, "New complaint"', async () => {
    // Prepare
    const created = await createOrder({
      orderId: 'E2E-1',
      customer: { email: 'Maria.Lopez@Example.com', name: 'Maria Lopez' },
      total: 42.5,
      currency: 'EUR',
    });
    expect(created.status).toBe(202);
    const order = (await created.json()) as { orderId: string; surveyUrl: string; inviteAt: string };
    expect(order.orderId).toBe('E2E-1');
    expect(order.surveyUrl.length).toBeLessThan(100);
    expect(order.surveyUrl.startsWith(stack.url)).toBe(true);

    // Act: the invitation goes out
    const run = await stack.fetch('/_local/run/invitations', { method: 'POST' });
    expect(await run.json()).toMatchObject({ sent: 1 });
    const outbox = (await (await stack.fetch('/_local/outbox')).json()) as Array<{ to: string[]; subject: string; text: string; html: string }>;
    const invitation = outbox.find((e) => e.to.includes('maria.lopez@example.com'));
    expect(invitation).toBeDefined();
    expect(invitation!.text).toContain(order.surveyUrl);
    expect(invitation!.html).toContain(order.surveyUrl);

    // Act: the customer opens the link and answers 2/10 with an angry comment
    const pagePath = new URL(order.surveyUrl).pathname;
    const form = await stack.fetch(pagePath);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await form.text()).toContain('<legend>');
    const answer = await stack.fetch(pagePath, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ score: '2', comment: 'Waited 40 minutes and the cake was <b>stale</b>. Never again!' }).toString(),
    });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Thank you');

    // Assess: the owner's alert arrives (its latency is measured by npm run bench)
    const emails = await stack.waitForEmails((all) => all.some((e) => e.subject.startsWith('New complaint from')), 3000);
    const alert = emails.find((e) => e.subject === 'New complaint from Maria Lopez');
    expect(alert, JSON.stringify(emails.map((e) => e.subject))).toBeDefined();
    expect(alert!.to).toEqual(['owner@example.com']);
    expect(alert!.html).toContain('&lt;b&gt;stale&lt;/b&gt;');
    expect(alert!.html).not.toContain('<b>stale</b>');
    expect(alert!.text).toContain('> Waited 40 minutes');
    expect(alert!.text).toContain('E2E-1');
    expect(alert!.text).toContain('2 / 10');

    // The link is single-use
    const again = await stack.fetch(pagePath);
    expect(again.status).toBe(410);
  });

  it('answers the same order again with the same link and schedules nothing new', async () => {
    const first = await createOrder({ orderId: 'E2E-2', customer: { email: 'a@example.com' } });
    const second = await createOrder({ orderId: 'E2E-2', customer: { email: 'a@example.com' } });
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(((await second.json()) as { surveyUrl: string }).surveyUrl).toBe(((await first.json()) as { surveyUrl: string }).surveyUrl);
    await stack.fetch('/_local/run/invitations', { method: 'POST' });
    const again = (await (await stack.fetch('/_local/run/invitations', { method: 'POST' })).json()) as { sent: number };
    expect(again.sent).toBe(0);
    const invitations = (await stack.outbox()).filter((e) => e.to.includes('a@example.com'));
    expect(invitations).toHaveLength(1);
  });

  it('takes JSON answers: 202 once, then 409', async () => {
    const order = (await (await createOrder({ orderId: 'E2E-3', customer: { email: 'b@example.com', name: 'Bo' } })).json()) as { surveyUrl: string };
    const token = tokenOf(order.surveyUrl);
    const post = (body: unknown) =>
      stack.fetch('/v1/survey-responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const first = await post({ token, score: 10, comment: 'Lovely, thank you!' });
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ id: expect.any(String) });
    const second = await post({ token, score: 3 });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('conflict');
    expect((await stack.fetch(new URL(order.surveyUrl).pathname)).status).toBe(410);
  });
});

describe('bad input is answered and leaves nothing stored', () => {
  it('401 without or with a wrong API key', async () => {
    const body = { orderId: 'BAD-1', customer: { email: 'c@example.com' } };
    const none = await stack.fetch('/v1/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await createOrder(body, 'wrong-key')).status).toBe(401);
    // Nothing was stored: with the right key it is new (202, not 200).
    expect((await createOrder(body)).status).toBe(202);
  });

  it('400 for malformed JSON and for schema violations, naming the field', async () => {
    const malformed = await stack.fetch('/v1/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: '{"orderId": "X", ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(/malformed JSON/);
    const badEmail = await createOrder({ orderId: 'BAD-2', customer: { email: 'not-an-email' } });
    expect(badEmail.status).toBe(400);
    expect(((await badEmail.json()) as { error: { message: string } }).error.message).toContain('customer.email');
    const missing = await createOrder({ customer: { email: 'd@example.com' } });
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('orderId');
    // Nothing stored for BAD-2.
    expect((await createOrder({ orderId: 'BAD-2', customer: { email: 'e@example.com' } })).status).toBe(202);
  });

  it('413 for a body over 256 KiB', async () => {
    const response = await createOrder({ orderId: 'BIG', customer: { email: 'f@example.com' }, padding: 'x'.repeat(300 * 1024) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect((await createOrder({ orderId: 'BIG', customer: { email: 'f@example.com' } })).status).toBe(202);
  });

  it('400 for a score outside 0-10, on both routes, and the link stays usable', async () => {
    const order = (await (await createOrder({ orderId: 'BAD-3', customer: { email: 'g@example.com' } })).json()) as { surveyUrl: string };
    const token = tokenOf(order.surveyUrl);
    const json = await stack.fetch('/v1/survey-responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, score: 11 }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { message: string } }).error.message).toContain('score');
    const form = await stack.fetch(`/s/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'score=-1&comment=hello',
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('choose a score');
    expect((await stack.fetch(`/s/${token}`)).status).toBe(200);
  });

  it('404 for a tampered or unknown token', async () => {
    const order = (await (await createOrder({ orderId: 'BAD-4', customer: { email: 'h@example.com' } })).json()) as { surveyUrl: string };
    const token = tokenOf(order.surveyUrl);
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await stack.fetch(`/s/${tampered}`)).status).toBe(404);
    expect((await stack.fetch('/s/not-a-token')).status).toBe(404);
    const json = await stack.fetch('/v1/survey-responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: tampered, score: 5 }),
    });
    expect(json.status).toBe(404);
  });

  it('404 for unknown routes; no route answers 500 to junk', async () => {
    expect((await stack.fetch('/v1/nothing-here')).status).toBe(404);
    const junk = [
      stack.fetch('/v1/orders', { method: 'POST', headers: { authorization: `Bearer ${API_KEY}` }, body: '\u0000\u0001' }),
      stack.fetch('/v1/orders', { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: 'null' }),
      stack.fetch('/v1/orders', { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: '[]' }),
      stack.fetch('/v1/survey-responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"token": 5}' }),
      stack.fetch('/s/%E0%A4%A', {}),
      stack.fetch('/s/abc', { method: 'POST', body: 'score=5' }),
    ];
    for (const response of await Promise.all(junk)) expect(response.status).toBeLessThan(500);
  });
});
