import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { feedbackMessage } from '../helpers/events.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;
let sqs: SQSClient;

beforeAll(async () => {
  stack = await startTestStack({}, { retryDelaySeconds: 0 });
  sqs = new SQSClient({ region: 'us-east-1', endpoint: stack.endpoints.sqs, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
});

afterAll(async () => {
  sqs?.destroy();
  await stack?.stop();
});

it('moves a poison message to the dead-letter queue after the redrive limit, while good messages go through', async () => {
  // Prepare
  const good = feedbackMessage({ customer: { email: 'good@example.com', name: 'Good Customer' } });

  // Act
  await sqs.send(new SendMessageCommand({ QueueUrl: stack.queues.feedback.url, MessageBody: '{"version":1,"id":"poison"' }));
  await sqs.send(new SendMessageCommand({ QueueUrl: stack.queues.feedback.url, MessageBody: JSON.stringify(good) }));

  // Assess
  const deadline = Date.now() + 15_000;
  let counts: Record<string, number> = {};
  while (Date.now() < deadline) {
    counts = (await (await stack.fetch('/_local/dead-letters')).json()) as Record<string, number>;
    if (counts.feedback === 1) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(counts.feedback).toBe(1);
  const emails = await stack.waitForEmails((all) => all.length > 0);
  expect(emails.map((e) => e.subject)).toEqual(['New complaint from Good Customer']);
});
