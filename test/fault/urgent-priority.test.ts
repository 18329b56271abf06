import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signMention } from '#shared/domain/mention.ts';
import { TEST_ENV } from '../helpers/emulators.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

/**
 * Urgent never waits behind a burst: with the feedback queue's consumers stopped (a backlog that
 * does not move at all), likely-urgent items still alert, because the triage at ingest sends them
 * to the priority queue and its own consumer. Deterministic: the backlog is held, not raced.
 */
let stack: TestStack;
let dynamo: DynamoDBDocumentClient;
let sqs: SQSClient;

beforeAll(async () => {
  stack = await startTestStack({ EARSHOT_MAX_ALERTS_PER_HOUR: '1000' }, { retryDelaySeconds: 0 });
  ({ dynamo, sqs } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

async function waitFor(condition: () => Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function queued(url: string): Promise<number> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

async function isRecorded(id: string): Promise<boolean> {
  return Boolean((await dynamo.send(new GetCommand({ TableName: 'earshot', Key: { pk: `FEEDBACK#${id}`, sk: '#FEEDBACK' }, ConsistentRead: true }))).Item);
}

async function order(orderId: string, email: string, name: string): Promise<string> {
  const response = await stack.fetch('/v1/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ENV.EARSHOT_API_KEY}` },
    body: JSON.stringify({ orderId, customer: { email, name } }),
  });
  expect(response.status).toBe(202);
  return new URL(((await response.json()) as { surveyUrl: string }).surveyUrl).pathname.split('/').pop()!;
}

async function answer(token: string, score: number, comment: string): Promise<string> {
  const response = await stack.fetch('/v1/survey-responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, score, comment }) });
  expect(response.status).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

function mention(externalId: string, text: string, rating?: number) {
  const body = JSON.stringify({ source: 'Google', externalId, author: { name: `Fan ${externalId}` }, text, ...(rating ? { rating } : {}), publishedAt: new Date().toISOString() });
  const timestamp = Math.floor(Date.now() / 1000);
  return stack.fetch('/v1/mentions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-earshot-timestamp': String(timestamp), 'x-earshot-signature': signMention(TEST_ENV.EARSHOT_WEBHOOK_SECRET, timestamp, body) },
    body,
  });
}

function email(from: string, messageId: string, text: string) {
  const raw = [`From: ${from}`, 'To: hello@shop.example', 'Subject: My order', `Message-ID: <${messageId}>`, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
  return stack.fetch('/_local/inbound-email', { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: raw });
}

it('alerts on an illness report, a 1-star review and a second complaint while the feedback queue does not move, and processes the backlog once it does', async () => {
  // Prepare: a customer's first complaint, processed; then the ordinary queue's consumers stop.
  const repeatToken = await order('PRI-1', 'nora@example.com', 'Nora Field');
  await answer(repeatToken, 4, 'The bread was stale.');
  await stack.waitForEmails((all) => all.some((e) => e.subject === 'New complaint from Nora Field'));
  await stack.consumers.pause('feedback');
  const ordinary: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    const posted = await mention(`pri-fan-${i}`, 'Lovely croissants this morning, thank you!');
    expect(posted.status).toBe(202);
    ordinary.push(((await posted.json()) as { id: string }).id);
  }
  await waitFor(async () => (await queued(stack.queues.feedback.url)) === 5, 'the backlog on the feedback queue');

  // Act: urgent items arrive behind the backlog.
  const illToken = await order('PRI-2', 'ivan@example.com', 'Ivan Moss');
  await answer(illToken, 1, 'My whole family got food poisoning after the chicken pie.');
  expect((await mention('pri-review-1', 'Rude staff and cold food.', 1)).status).toBe(202);
  expect((await email('Nora Field <nora@example.com>', 'pri-second-1@mail.example', 'Again the bread was stale and nobody answered.')).status).toBe(202);

  // Assess: each alerts while the backlog has not moved at all.
  const urgent = ['URGENT: Illness reported by Ivan Moss', 'URGENT: Negative review on Google', 'URGENT: Second complaint from Nora Field'];
  const emails = await stack.waitForEmails((all) => urgent.every((subject) => all.some((e) => e.subject.startsWith(subject))));
  expect(await queued(stack.queues.feedback.url)).toBe(5);
  for (const subject of urgent) expect(emails.filter((e) => e.subject.startsWith(subject))).toHaveLength(1);

  // The backlog is processed once the consumers run again; nothing alerts twice.
  stack.consumers.resume('feedback');
  for (const id of ordinary) await waitFor(() => isRecorded(id), `${id} recorded`);
  await waitFor(async () => (await queued(stack.queues.feedback.url)) === 0 && (await queued(stack.queues.urgent.url)) === 0, 'both queues empty');
  const after = await stack.outbox();
  for (const subject of urgent) expect(after.filter((e) => e.subject.startsWith(subject))).toHaveLength(1);
});
