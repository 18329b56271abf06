import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { signMention } from '#shared/domain/mention.ts';
import { verifySurveyToken } from '#shared/domain/survey-link.ts';
import { TEST_ENV } from '../helpers/emulators.ts';
import { newDataDir, removeDataDir, startStackProcess, type StackProcess } from '../helpers/stack-process.ts';

/**
 * `npm start` killed with SIGKILL in the middle of a burst, then restarted on the same data dir:
 * every item answered 2xx is recorded in the end, a retry of an item the client never heard back
 * about goes through, and a retry is answered as a duplicate (200 / 409) only for an item that is
 * really stored.
 */
const dataDirs: string[] = [];
let stack: StackProcess | undefined;

afterAll(async () => {
  await stack?.kill();
  for (const dir of dataDirs) removeDataDir(dir);
});

type Outcome = { status: number; id?: string } | { status: 0; error: string };

interface Item {
  key: string;
  /** The feedback id the item has once recorded (known up front for mentions and surveys). */
  id?: string;
  send(url: string): Promise<Outcome>;
}

const SURVEYS = 80;
const MENTIONS = 100;
const EMAILS = 20;

async function post(url: string, init: RequestInit): Promise<Outcome> {
  try {
    const response = await fetch(url, { ...init, method: 'POST', signal: AbortSignal.timeout(20_000) });
    const body = (await response.json().catch(() => ({}))) as { id?: string };
    return { status: response.status, ...(body.id ? { id: body.id } : {}) };
  } catch (error) {
    return { status: 0, error: String(error) };
  }
}

function mentionItem(i: number): Item {
  const body = JSON.stringify({
    source: 'Bluesky',
    externalId: `at://did:plc:burst/app.bsky.feed.post/${i}`,
    author: { handle: `@fan${i}.bsky.social`, name: `Fan ${i}` },
    text: i % 10 === 0 ? `Waited an hour and the staff were rude, never again (${i})` : `Lovely bread and friendly staff, thank you (${i})`,
    publishedAt: new Date().toISOString(),
  });
  return {
    key: `mention-${i}`,
    send: (url) => {
      const timestamp = Math.floor(Date.now() / 1000);
      return post(`${url}/v1/mentions`, {
        headers: { 'content-type': 'application/json', 'x-earshot-timestamp': String(timestamp), 'x-earshot-signature': signMention(TEST_ENV.EARSHOT_WEBHOOK_SECRET, timestamp, body) },
        body,
      });
    },
  };
}

function surveyItem(i: number, token: string): Item {
  const surveyId = verifySurveyToken(TEST_ENV.EARSHOT_LINK_SECRET, token)!;
  return {
    key: `survey-${i}`,
    id: `survey-${surveyId}`,
    send: (url) =>
      post(`${url}/v1/survey-responses`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, score: i % 8 === 0 ? 3 : 9, comment: i % 8 === 0 ? 'The cake was dry and late.' : 'Great, thanks!' }),
      }),
  };
}

function emailItem(i: number): Item {
  const raw = readFileSync('test/fixtures/email/gmail-complaint.eml', 'latin1').replace(/^Message-ID:.*$/im, `Message-ID: <burst-${i}@mail.example.com>`).replace(/^From:.*$/im, `From: Writer ${i} <writer${i}@example.com>`);
  return {
    key: `email-${i}`,
    send: (url) => post(`${url}/_local/inbound-email`, { headers: { 'content-type': 'message/rfc822' }, body: Buffer.from(raw, 'latin1') }),
  };
}

/** Sends every item, `concurrency` at a time, and calls `onAcknowledged` after each 2xx. */
async function burst(url: string, items: Item[], concurrency: number, onAcknowledged: (count: number) => void): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  let next = 0;
  let acknowledged = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const outcome = await item.send(url);
        outcomes.set(item.key, outcome);
        if (outcome.status >= 200 && outcome.status < 300) onAcknowledged(++acknowledged);
      }
    }),
  );
  return outcomes;
}

/** Reads which of `ids` are recorded as feedback, straight from the table. */
async function recorded(endpoint: string, ids: string[]): Promise<Set<string>> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 100) {
    const result = await client.send(
      new BatchGetCommand({ RequestItems: { earshot: { Keys: ids.slice(i, i + 100).map((id) => ({ pk: `FEEDBACK#${id}`, sk: '#FEEDBACK' })), ProjectionExpression: 'id' } } }),
    );
    for (const item of result.Responses?.earshot ?? []) found.add(String(item.id));
  }
  client.destroy();
  return found;
}

/** Waits until no queue holds a message (visible or in flight). */
async function waitUntilDrained(endpoint: string): Promise<void> {
  const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      const urls = (await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
      let waiting = 0;
      for (const url of urls.filter((u) => !u.endsWith('-dlq'))) {
        const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
        waiting += Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
      }
      if (waiting === 0 || Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    sqs.destroy();
  }
}

it('loses nothing it acknowledged when killed with SIGKILL mid-burst and restarted on the same data dir', { timeout: 240_000 }, async () => {
  // Prepare: a stack, and orders whose survey links the burst answers.
  const dataDir = newDataDir();
  dataDirs.push(dataDir);
  stack = await startStackProcess({ dataDir });
  const url = stack.url;
  const tokens = await Promise.all(
    Array.from({ length: SURVEYS }, async (_, i) => {
      const response = await fetch(`${url}/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ENV.EARSHOT_API_KEY}` },
        body: JSON.stringify({ orderId: `KILL-${i}`, customer: { email: `buyer${i}@example.com`, name: `Buyer ${i}` } }),
      });
      expect(response.status).toBe(202);
      return new URL(((await response.json()) as { surveyUrl: string }).surveyUrl).pathname.split('/').pop()!;
    }),
  );
  const items: Item[] = [];
  for (let i = 0; i < Math.max(SURVEYS, MENTIONS, EMAILS); i += 1) {
    if (i < MENTIONS) items.push(mentionItem(i));
    if (i < SURVEYS) items.push(surveyItem(i, tokens[i]!));
    if (i < EMAILS) items.push(emailItem(i));
  }

  // Act: the burst, killed once 60% of it has been acknowledged.
  const first = stack;
  let killed: Promise<void> | undefined;
  const firstRound = await burst(first.url, items, 12, (count) => {
    if (count === Math.floor(items.length * 0.6)) killed = first.kill();
  });
  await killed;
  stack = await startStackProcess({ dataDir, port: first.port });
  const unanswered = items.filter((item) => (firstRound.get(item.key)?.status ?? 0) === 0);
  // Every item the client never heard back about is retried, and a few acknowledged ones again.
  const retried = [...unanswered, ...items.filter((item) => !unanswered.includes(item)).slice(0, 10)];
  const secondRound = await burst(stack.url, retried, 8, () => undefined);

  // Assess: answers.
  const acknowledged = new Map<string, string>();
  const duplicates = new Map<string, string>();
  for (const item of items) {
    const answers = [firstRound.get(item.key), secondRound.get(item.key)].filter((a): a is Outcome => a !== undefined && a.status !== 0);
    for (const answer of answers) {
      expect([200, 202, 409], `${item.key}: ${JSON.stringify(answer)}`).toContain(answer.status);
      const id = ('id' in answer ? answer.id : undefined) ?? item.id;
      expect(id, item.key).toBeDefined();
      if (answer.status === 202) acknowledged.set(item.key, id!);
      else duplicates.set(item.key, id!);
    }
    expect(answers.length, `${item.key} never got an answer`).toBeGreaterThan(0);
  }
  expect(unanswered.length, 'the kill landed mid-burst').toBeGreaterThan(0);

  // Assess: every acknowledged item, and every item answered as a duplicate, is recorded.
  const expected = [...new Set([...acknowledged.values(), ...duplicates.values()])];
  // Once the queues are empty, the reconciler drives through what was archived but never queued
  // (an inbound email stored just before the kill, before its notification was sent).
  await waitUntilDrained(stack.endpoints.sqs);
  const reconciled = await fetch(`${stack.url}/_local/run/reconcile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"graceSeconds":0}' });
  expect(reconciled.status).toBe(200);
  const deadline = Date.now() + 60_000;
  let found = new Set<string>();
  while (Date.now() < deadline) {
    found = await recorded(stack.endpoints.dynamodb, expected);
    if (found.size === expected.length) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(expected.filter((id) => !found.has(id))).toEqual([]);
  expect(stack.alive()).toBe(true);
});
