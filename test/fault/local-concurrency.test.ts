import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signMention } from '#shared/domain/mention.ts';
import { TEST_ENV } from '../helpers/emulators.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

/**
 * The local consumers run as Lambda's do: each consumer function on a thread of its own, up to its
 * maximum concurrency of batches at once. Held batches of the feedback queue (waiting in hand, or
 * keeping their thread busy as a long synchronous batch would) never delay the priority queue's
 * consumer or the front door. Deterministic: batches are held and released, never raced.
 */
let stack: TestStack;
let dynamo: DynamoDBDocumentClient;
let sqs: SQSClient;
const CONCURRENCY = 3;

beforeAll(async () => {
  stack = await startTestStack({ EARSHOT_MAX_ALERTS_PER_HOUR: '1000' }, { retryDelaySeconds: 0, concurrency: { processFeedback: CONCURRENCY } });
  ({ dynamo, sqs } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function waiting(url: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return { visible: Number(Attributes?.ApproximateNumberOfMessages ?? 0), inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) };
}

async function recordedCount(ids: string[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < ids.length; i += 100) {
    const result = await dynamo.send(new BatchGetCommand({ RequestItems: { earshot: { Keys: ids.slice(i, i + 100).map((id) => ({ pk: `FEEDBACK#${id}`, sk: '#FEEDBACK' })), ConsistentRead: true } } }));
    found += result.Responses?.earshot?.length ?? 0;
  }
  return found;
}

async function mentions(prefix: string, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const body = JSON.stringify({ source: 'Bluesky', externalId: `${prefix}-${i}`, author: { handle: `@${prefix}${i}.bsky.social` }, text: 'Lovely croissants this morning, thank you!', publishedAt: new Date().toISOString() });
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await stack.fetch('/v1/mentions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-earshot-timestamp': String(timestamp), 'x-earshot-signature': signMention(TEST_ENV.EARSHOT_WEBHOOK_SECRET, timestamp, body) },
        body,
      });
      expect(response.status).toBe(202);
      return ((await response.json()) as { id: string }).id;
    }),
  );
}

/** An illness report in a survey answer: the triage sends it to the priority queue. */
async function illness(orderId: string, name: string): Promise<string> {
  const ordered = await stack.fetch('/v1/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ENV.EARSHOT_API_KEY}` },
    body: JSON.stringify({ orderId, customer: { email: `${orderId.toLowerCase()}@example.com`, name } }),
  });
  expect(ordered.status).toBe(202);
  const token = new URL(((await ordered.json()) as { surveyUrl: string }).surveyUrl).pathname.split('/').pop()!;
  const answered = await stack.fetch('/v1/survey-responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, score: 1, comment: 'My whole family got food poisoning after the chicken pie.' }) });
  expect(answered.status).toBe(202);
  return `URGENT: Illness reported by ${name}`;
}

it('processes up to its maximum concurrency of feedback batches at once, and the priority consumer alerts while all of them are held', async () => {
  // Prepare: every feedback batch from now on waits in hand; 60 ordinary items (6 batches' worth).
  const held = await stack.consumers.hold('feedback');
  const ordinary = await mentions('conc', 60);

  // Act: the consumers take as many batches as they may, and no more.
  await waitFor(() => held.inHand() === CONCURRENCY, `${CONCURRENCY} batches in hand`);
  const subject = await illness('CONC-1', 'Ivy Hart');

  // Assess: the urgent item alerts while the feedback batches are held; the rest of the backlog waits in the queue.
  const emails = await stack.waitForEmails((all) => all.some((e) => e.subject === subject));
  expect(emails.filter((e) => e.subject === subject)).toHaveLength(1);
  expect(held.inHand()).toBe(CONCURRENCY);
  expect(held.mostInHand()).toBe(CONCURRENCY);
  const queue = await waiting(stack.queues.feedback.url);
  expect(queue.visible).toBeGreaterThanOrEqual(60 - CONCURRENCY * 10);
  expect(await recordedCount(ordinary)).toBe(0);

  // Released, the whole backlog is processed, each item once.
  held.release();
  await waitFor(async () => (await recordedCount(ordinary)) === ordinary.length, 'every ordinary item recorded');
  await waitFor(async () => {
    const left = await waiting(stack.queues.feedback.url);
    return left.visible + left.inFlight === 0;
  }, 'the feedback queue empty');
  expect(held.mostInHand()).toBe(CONCURRENCY);
});

it('a feedback batch that keeps its thread busy holds up neither the front door nor the priority consumer', async () => {
  // Prepare: the next feedback batch keeps its consumer's thread busy until released.
  const held = await stack.consumers.hold('feedback', { busy: true });
  const ordinary = await mentions('busy', 5);
  await waitFor(() => held.inHand() === 1, 'a busy batch in hand');

  // Act: the front door still answers, and an urgent item comes in.
  const subject = await illness('BUSY-1', 'Olive Stone');

  // Assess: it alerts while the feedback consumer's thread is still busy with its batch.
  const emails = await stack.waitForEmails((all) => all.some((e) => e.subject === subject));
  expect(emails.filter((e) => e.subject === subject)).toHaveLength(1);
  expect(held.inHand()).toBe(1);
  expect(await recordedCount(ordinary)).toBe(0);

  held.release();
  await waitFor(async () => (await recordedCount(ordinary)) === ordinary.length, 'the busy batch processed');
});
