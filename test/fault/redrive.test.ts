import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { redriveCommand } from '../../cli/redrive.ts';
import { feedbackMessage } from '../helpers/events.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

/**
 * `npm run -s earshot -- redrive` against the running local stack: messages that ended in the
 * dead-letter queue (an outage, a bug since fixed) go back to their queue and are processed.
 */
let stack: TestStack;
let sqs: SQSClient;
let dynamo: DynamoDBDocumentClient;

beforeAll(async () => {
  stack = await startTestStack();
  ({ dynamo, sqs } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

async function deadLetters(): Promise<number> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: stack.queues.feedback.dlqUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

function earshot(args: string[]) {
  return promisify(execFile)('npm', ['run', '-s', 'earshot', '--', ...args], { env: { ...process.env, EARSHOT_PORT: String(stack.port) }, timeout: 60_000 });
}

it('moves dead-letter messages back to their queue, where they are processed', { timeout: 90_000 }, async () => {
  // Prepare: two messages that failed during an outage and were moved to the dead-letter queue.
  const messages = [feedbackMessage({ customer: { email: 'dee@example.com', name: 'Dee Lane' } }), feedbackMessage({ customer: { email: 'ora@example.com', name: 'Ora Kim' } })];
  for (const message of messages) await sqs.send(new SendMessageCommand({ QueueUrl: stack.queues.feedback.dlqUrl, MessageBody: JSON.stringify(message) }));
  expect(await deadLetters()).toBe(2);

  // Act
  const dry = await earshot(['redrive', '--dry-run']);
  const result = await earshot(['redrive']);

  // Assess
  expect(dry.stdout).toContain('earshot-feedback: 2 messages waiting in the dead-letter queue');
  expect(await deadLetters()).toBe(2 - 2);
  expect(result.stdout).toContain('earshot-feedback: 2 messages moved back from the dead-letter queue');
  const emails = await stack.waitForEmails((all) => all.length >= 2, 15_000);
  expect(emails.map((e) => e.subject).sort()).toEqual(['New complaint from Dee Lane', 'New complaint from Ora Kim']);
  for (const message of messages) {
    const item = await dynamo.send(new GetCommand({ TableName: 'earshot', Key: { pk: `FEEDBACK#${message.id}`, sk: '#FEEDBACK' } }));
    expect(item.Item?.id).toBe(message.id);
  }
});

it('refuses an unknown queue name with the usage', async () => {
  // Prepare
  let out = '';
  let err = '';
  const sink = (write: (text: string) => void) => ({ write: (chunk: string) => (write(chunk), true) }) as unknown as NodeJS.WritableStream;

  // Act
  const code = await redriveCommand(['--queue', 'nope'], sink((t) => (out += t)), sink((t) => (err += t)));

  // Assess
  expect(code).toBe(2);
  expect(err).toContain('Unknown queue: nope');
  expect(out).toBe('');
});
