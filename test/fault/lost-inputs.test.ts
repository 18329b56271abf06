import { readFileSync } from 'node:fs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, PurgeQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentionId, signMention } from '#shared/domain/mention.ts';
import { verifySurveyToken } from '#shared/domain/survey-link.ts';
import { linkSecretFor } from '#infra/local/stack.ts';
import { TEST_ENV } from '../helpers/emulators.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

/**
 * Inputs that were archived but never became records, in the two ways a crash or an operator
 * leaves them: the reconciler finds them in the raw archive and drives them through (once), and a
 * retry after a crash between "claimed" and "queued" is called a duplicate only once the item is
 * really stored.
 */
let stack: TestStack;
let dynamo: DynamoDBDocumentClient;
let sqs: SQSClient;

beforeAll(async () => {
  stack = await startTestStack({ EARSHOT_INVITE_DELAY_HOURS: '0' }, { retryDelaySeconds: 0 });
  ({ dynamo, sqs } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

async function order(orderId: string, email: string, name: string): Promise<string> {
  const response = await stack.fetch('/v1/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ENV.EARSHOT_API_KEY}` },
    body: JSON.stringify({ orderId, customer: { email, name } }),
  });
  expect(response.status).toBe(202);
  return new URL(((await response.json()) as { surveyUrl: string }).surveyUrl).pathname.split('/').pop()!;
}

function mention(externalId: string, text: string) {
  const body = JSON.stringify({ source: 'Google', externalId, author: { name: 'Pat Quinn' }, text, rating: 1, publishedAt: new Date().toISOString() });
  const timestamp = Math.floor(Date.now() / 1000);
  return stack.fetch('/v1/mentions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-earshot-timestamp': String(timestamp), 'x-earshot-signature': signMention(TEST_ENV.EARSHOT_WEBHOOK_SECRET, timestamp, body) },
    body,
  });
}

async function isRecorded(id: string): Promise<boolean> {
  return Boolean((await dynamo.send(new GetCommand({ TableName: 'earshot', Key: { pk: `FEEDBACK#${id}`, sk: '#FEEDBACK' }, ConsistentRead: true }))).Item);
}

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

async function reconcile(): Promise<{ checked: number; redriven: number; waiting: number; gaveUp: number }> {
  const response = await stack.fetch('/_local/run/reconcile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"graceSeconds":0}' });
  expect(response.status).toBe(200);
  return (await response.json()) as { checked: number; redriven: number; waiting: number; gaveUp: number };
}

describe('the reconciler', () => {
  it('drives inputs whose queue messages were purged through again, once, and counts them in the digest', async () => {
    // Prepare: three accepted inputs whose messages an operator purges before they are processed.
    // Both processing queues: the low-rated review goes to the priority queue.
    await stack.consumers.pause('feedback');
    await stack.consumers.pause('urgent');
    const token = await order('REC-1', 'rita@example.com', 'Rita Moss');
    const answer = await stack.fetch('/v1/survey-responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, score: 2, comment: 'The cake was stale.' }) });
    expect(answer.status).toBe(202);
    const surveyId = ((await answer.json()) as { id: string }).id;
    const posted = await mention('rec-review-1', 'Cold coffee and a rude waiter.');
    expect(posted.status).toBe(202);
    const mentionFeedbackId = ((await posted.json()) as { id: string }).id;
    const raw = readFileSync('test/fixtures/email/gmail-complaint.eml', 'latin1').replace(/^Message-ID:.*$/im, 'Message-ID: <purged-1@mail.example.com>');
    const mailed = await stack.fetch('/_local/inbound-email', { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: Buffer.from(raw, 'latin1') });
    expect(mailed.status).toBe(202);
    const emailId = ((await mailed.json()) as { id: string }).id;
    await waitFor(
      async () => (await queued(stack.queues.inboundEmail.url)) === 0 && (await queued(stack.queues.feedback.url)) + (await queued(stack.queues.urgent.url)) === 3,
      'three messages on the processing queues',
    );
    await sqs.send(new PurgeQueueCommand({ QueueUrl: stack.queues.feedback.url }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl: stack.queues.urgent.url }));
    stack.consumers.resume('feedback');
    stack.consumers.resume('urgent');
    await stack.clearOutbox();

    // Act
    const first = await reconcile();

    // Assess: all three are recorded, each alerted once; a second run finds nothing to do.
    expect(first.redriven).toBe(3);
    for (const id of [surveyId, mentionFeedbackId, emailId]) await waitFor(() => isRecorded(id), `${id} recorded`);
    const emails = await stack.waitForEmails((all) => all.length >= 3);
    expect(emails.map((e) => e.subject).sort()).toEqual(['New complaint from Maria Lopez', 'New complaint from Rita Moss', 'URGENT: Negative review on Google']);
    const second = await reconcile();
    expect(second.redriven).toBe(0);
    expect(second.checked).toBeGreaterThanOrEqual(3);
    const preview = (await (await stack.fetch('/_local/digest/preview')).json()) as { text: string };
    expect(preview.text).toMatch(/3 inputs? .*driven through again|driven through again.*3/i);
  });
});

describe('a retry after a crash between claiming and queueing', () => {
  it('finishes a mention that was claimed but never queued, then calls it a duplicate', async () => {
    // Prepare: the registry item a process killed right after claiming leaves behind.
    const externalId = 'claimed-not-queued-1';
    const id = mentionId('Google', externalId);
    await dynamo.send(
      new PutCommand({ TableName: 'earshot', Item: { pk: `MENTION#google#${externalId}`, sk: '#MENTION', feedbackId: id, receivedAt: new Date().toISOString(), rawKey: `raw/social/${new Date().toISOString().slice(0, 10)}/${id}.json` } }),
    );

    // Act
    const retry = await mention(externalId, 'Hair in my soup and nobody cared.');

    // Assess
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ id, duplicate: true });
    await waitFor(() => isRecorded(id), 'the mention recorded');
  });

  it('finishes a survey answer that was marked answered but never queued, then answers 409', async () => {
    // Prepare: a survey link marked answered (with its answer) by a process killed before queueing.
    const token = await order('REC-2', 'sam@example.com', 'Sam Lee');
    const surveyId = verifySurveyToken(linkSecretFor(stack.config.dataDir), token)!;
    const now = new Date().toISOString();
    const rawKey = `raw/survey/${now.slice(0, 10)}/survey-${surveyId}.json`;
    await dynamo.send(
      new UpdateCommand({
        TableName: 'earshot',
        Key: { pk: `SURVEY#${surveyId}`, sk: '#SURVEY' },
        UpdateExpression: 'SET answeredAt = :at, responseId = :rid, answer = :answer',
        ExpressionAttributeValues: { ':at': now, ':rid': `survey-${surveyId}`, ':answer': { score: 1, comment: 'Burnt bread.', rawKey, receivedAt: now } },
      }),
    );

    // Act
    const retry = await stack.fetch('/v1/survey-responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, score: 1, comment: 'Burnt bread.' }) });

    // Assess
    expect(retry.status).toBe(409);
    await waitFor(() => isRecorded(`survey-${surveyId}`), 'the answer recorded');
  });
});
