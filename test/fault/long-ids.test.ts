import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_ENV } from '../helpers/emulators.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

/**
 * Ids and queries longer than any key can be (DynamoDB refuses keys over 2,048 bytes) get a 400
 * with a JSON error naming the field, on every customer route, instead of a 500.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const LONG = 'x'.repeat(3000);
const auth = { authorization: `Bearer ${TEST_ENV.EARSHOT_API_KEY}` };

const CASES: Array<{ method: string; path: string; body?: object; field: string }> = [
  { method: 'GET', path: `/v1/customers/c_${LONG}`, field: 'id' },
  { method: 'GET', path: `/v1/customers/${encodeURIComponent('c_ab/../..')}`, field: 'id' },
  { method: 'DELETE', path: `/v1/customers/c_${LONG}`, field: 'id' },
  { method: 'POST', path: `/v1/customers/c_${LONG}/identities`, body: { type: 'handle', source: 'bluesky', value: '@a' }, field: 'id' },
  { method: 'POST', path: `/v1/feedback/${LONG}/handled`, field: 'id' },
  { method: 'GET', path: `/v1/customers?email=${LONG}@example.com`, field: 'email' },
  { method: 'GET', path: `/v1/customers?handle=${LONG}&source=bluesky`, field: 'handle' },
  { method: 'GET', path: `/v1/customers?handle=ann&source=${LONG}`, field: 'source' },
  { method: 'GET', path: `/v1/customers?phone=${'1'.repeat(3000)}`, field: 'phone' },
];

it.each(CASES.map((c) => [`${c.method} ${c.path.slice(0, 40)}… (${c.path.length} characters)`, c] as const))('%s answers 400 naming the field', async (_name, { method, path, body, field }) => {
  // Act
  const response = await stack.fetch(path, {
    method,
    headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

  // Assess
  expect(response.status).toBe(400);
  const answer = (await response.json()) as { error: { code: string; message: string } };
  expect(answer.error.code).toBe('invalid_request');
  expect(answer.error.message).toMatch(new RegExp(`^${field}: `));
});

it('still finds customers by ids and queries of ordinary length', async () => {
  // Prepare
  const order = await stack.fetch('/v1/orders', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ orderId: 'LEN-1', customer: { email: 'len@example.com' } }) });
  expect(order.status).toBe(202);

  // Act
  const found = await stack.fetch('/v1/customers?email=len@example.com', { headers: auth });
  const unknown = await stack.fetch('/v1/customers/c_unknown', { headers: auth });

  // Assess
  expect(found.status).toBe(200);
  const { customer } = (await found.json()) as { customer: { customerId: string } };
  expect((await stack.fetch(`/v1/customers/${customer.customerId}`, { headers: auth })).status).toBe(200);
  expect(unknown.status).toBe(404);
});
