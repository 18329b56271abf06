import { readFileSync } from 'node:fs';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snsNotification } from '../helpers/events.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

const API_KEY = 'test-api-key-123';
let stack: TestStack;
let sqs: SQSClient;

beforeAll(async () => {
  stack = await startTestStack({ EARSHOT_INVITE_DELAY_HOURS: '0' });
  sqs = new SQSClient({ region: 'us-east-1', endpoint: stack.endpoints.sqs, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterAll(async () => {
  sqs?.destroy();
  await stack?.stop();
});

/** An SES event record from the fixtures, happening now (the digest counts the last seven days). */
function sesEvent(name: string, recipient: string): string {
  const record = JSON.parse(readFileSync(`test/fixtures/ses/${name}.json`, 'utf8')) as Record<string, Record<string, unknown>>;
  const detail = (record.bounce ?? record.complaint)!;
  detail.timestamp = new Date().toISOString();
  const recipients = (detail.bouncedRecipients ?? detail.complainedRecipients) as Array<{ emailAddress: string }>;
  recipients[0]!.emailAddress = recipient;
  return JSON.stringify(record);
}

async function order(orderId: string, email: string): Promise<void> {
  const answer = await stack.fetch('/v1/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ orderId, customer: { email } }),
  });
  expect(answer.status).toBe(202);
}

async function digestText(): Promise<string> {
  return ((await (await stack.fetch('/_local/digest/preview')).json()) as { text: string }).text;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('bounces and complaints from SES on the local stack', () => {
  it('suppresses the address, sends it nothing more, and counts each event once in the digest’s monitor section', async () => {
    const queueUrl = stack.queues.mailEvents.url;
    // SES's bounce record as the queue receives it (raw delivery), twice, as SQS may deliver it;
    // the complaint inside an SNS envelope, as it arrives when raw delivery is off.
    const bounce = sesEvent('bounce-permanent', 'gone@customer.example');
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: bounce }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: bounce }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: snsNotification(sesEvent('complaint', 'Annoyed@Customer.example')) }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: sesEvent('bounce-transient', 'full@customer.example') }));

    const line = 'Mail: 2 emails bounced and 1 recipient marked an email as spam. Earshot sends nothing more to an address that bounced for good or complained.';
    await until(async () => (await digestText()).includes(line));

    // Invitations: none to the bounced or complaining address (and not retried), one to the others.
    await order('B-1', 'gone@customer.example');
    await order('B-2', 'annoyed@customer.example');
    await order('B-3', 'full@customer.example');
    expect(await stack.runInvitations()).toEqual({ sent: 1, failed: 0, unsubscribed: 0 });
    expect(await stack.runInvitations()).toEqual({ sent: 0, failed: 0, unsubscribed: 0 });
    const emails = await stack.outbox();
    expect(emails.flatMap((e) => e.to)).toEqual(['full@customer.example']);

    // Redelivered events are not counted again.
    expect((await digestText()).split(line)).toHaveLength(2);
    expect(await (await stack.fetch('/_local/dead-letters')).json()).toMatchObject({ mailEvents: 0 });
  });
});
