import { spawn } from 'node:child_process';
import { GetQueueAttributesCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALERT } from '#shared/adapters/dynamo/table.ts';
import { deliverDueAlerts } from '#shared/use-cases/deliver-alert.ts';
import { localContext } from '#infra/local/lambda-context.ts';
import { SqsPoller } from '#infra/local/sqs-poller.ts';
import { lazyHandler, startEmulators, type TestEmulators } from '../helpers/emulators.ts';
import { context, feedbackMessage, sqsEvent, sqsRecord } from '../helpers/events.ts';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.ts';

let emulators: TestEmulators;
const handler = lazyHandler('processFeedback', () => emulators.config, () => emulators.clients);
let ses: FaultProxy;

beforeAll(async () => {
  emulators = await startEmulators({ EARSHOT_MAX_ALERTS_PER_HOUR: '1000', EARSHOT_RECURRING_TOPIC_THRESHOLD: '100' });
  ses = await startFaultProxy(emulators.sesEndpoint);
  emulators.reconfigure({ EARSHOT_SES_ENDPOINT: ses.endpoint });
});

afterAll(async () => {
  await ses?.stop();
  await emulators?.stop();
});

beforeEach(async () => {
  ses.mode = 'pass';
  await emulators.clearEmails();
});

const inMinutes = (minutes: number) => () => new Date(Date.now() + minutes * 60_000);

async function alertStatus(incidentKey: string) {
  const result = await emulators.clients.dynamo.send(new GetCommand({ TableName: emulators.config.aws.tableName, Key: ALERT.key({ incidentKey: incidentKey }) }));
  return result.Item?.status as string | undefined;
}

async function queueDrained(queueUrl: string): Promise<boolean> {
  const { Attributes } = await emulators.clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages) === 0 && Number(Attributes?.ApproximateNumberOfMessagesNotVisible) === 0;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('alerts are delivered exactly once under faults (SES, SQS and DynamoDB emulators)', () => {
  it('SES throttling for a while: alerts stay pending, are retried with backoff, and each is sent once', async () => {
    // Prepare
    ses.mode = 'throttle';
    const messages = Array.from({ length: 5 }, (_, i) => feedbackMessage({ customer: { email: `throttled${i}@example.com`, name: `Throttled ${i}` } }));

    // Act: processing while SES refuses
    const response = await handler(sqsEvent(...messages.map((m) => sqsRecord(JSON.stringify(m)))), context());
    const stillDown = await deliverDueAlerts({ ...emulators.adapters, now: inMinutes(2) });
    ses.mode = 'pass';
    const healed = await deliverDueAlerts({ ...emulators.adapters, now: inMinutes(60) });
    const after = await deliverDueAlerts({ ...emulators.adapters, now: inMinutes(120) });

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(ses.counts.throttle).toBeGreaterThanOrEqual(10);
    expect(stillDown.failed).toBe(5);
    expect(healed.sent).toBe(5);
    expect(after.sent).toBe(0);
    const emails = await emulators.sentEmails();
    expect(emails.map((e) => e.subject).sort()).toEqual(messages.map((_, i) => `New complaint from Throttled ${i}`).sort());
    for (const m of messages) expect(await alertStatus(`complaint:${m.id}`)).toBe('sent');
  });

  it('a consumer killed mid-batch (SES calls in flight) loses no alert and duplicates none', async () => {
    // Prepare: a short visibility timeout so the killed consumer's messages come back quickly.
    const queueUrl = emulators.queues.feedback.url;
    await emulators.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { VisibilityTimeout: '2' } }));
    const messages = Array.from({ length: 4 }, (_, i) => feedbackMessage({ customer: { email: `killed${i}@example.com`, name: `Killed ${i}` } }));
    for (const m of messages) await emulators.clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(m) }));
    ses.mode = 'hold';
    const heldBefore = ses.counts.hold;

    // Act: a consumer in its own process starts sending, and is killed while the SES call hangs.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/consumer-process.ts'], {
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(async () => ses.counts.hold > heldBefore, 60_000);
    } finally {
      // Killed whatever happens, so a slow start never leaves a consumer behind the test run.
      child.kill('SIGKILL');
      await exited;
    }
    ses.dropHeld();
    ses.mode = 'pass';

    // A new consumer takes over the redelivered messages; the sweep retries what the dead one claimed.
    const poller = new SqsPoller({ sqs: emulators.clients.sqs, queueUrl, queueArn: 'arn:aws:sqs:us-east-1:000000000000:earshot-feedback', handler, context: () => localContext('process-feedback', 30), retryDelaySeconds: 0 });
    poller.start();
    try {
      await waitFor(() => queueDrained(queueUrl), 100_000);
    } finally {
      await poller.stop();
    }
    await deliverDueAlerts({ ...emulators.adapters, now: inMinutes(5) });

    // Assess
    const subjects = (await emulators.sentEmails()).map((e) => e.subject).sort();
    expect(subjects).toEqual(messages.map((_, i) => `New complaint from Killed ${i}`).sort());
    for (const m of messages) expect(await alertStatus(`complaint:${m.id}`)).toBe('sent');
  }, 120_000);

  it('every message delivered twice to two concurrent consumers: one email per alert, second complaints included', async () => {
    // Prepare: five customers complain by survey and then by email (another channel).
    const queueUrl = emulators.queues.feedback.url;
    const messages = Array.from({ length: 5 }, (_, i) => [
      feedbackMessage({ customer: { email: `twice${i}@example.com`, name: `Twice ${i}` } }),
      feedbackMessage({
        id: `email-twice-${i}`,
        channel: 'email',
        customer: { email: `TWICE${i}@Example.com` },
        text: 'Still waiting for my refund, this is the second time I write. The order was wrong.',
        survey: undefined,
        email: { subject: 'Refund', messageId: `m${i}@example.com`, threadId: `m${i}@example.com` },
        orderIds: [],
      }),
    ]).flat();
    for (const m of messages) {
      for (let copy = 0; copy < 2; copy += 1) {
        await emulators.clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(m) }));
      }
    }

    // Act
    const make = () => new SqsPoller({ sqs: emulators.clients.sqs, queueUrl, queueArn: 'arn:aws:sqs:us-east-1:000000000000:earshot-feedback', handler, context: () => localContext('process-feedback', 30), batchSize: 3, retryDelaySeconds: 0 });
    const pollers = [make(), make()];
    pollers.forEach((p) => p.start());
    try {
      // A generous bound: on a machine busy with other test runs, draining takes far longer than alone.
      await waitFor(() => queueDrained(queueUrl), 100_000);
    } finally {
      await Promise.all(pollers.map((p) => p.stop()));
    }
    await deliverDueAlerts({ ...emulators.adapters, now: inMinutes(5) });

    // Assess: per customer one first complaint and one URGENT second complaint, nothing twice.
    const subjects = (await emulators.sentEmails()).map((e) => e.subject);
    expect(subjects, JSON.stringify(subjects)).toHaveLength(10);
    expect(new Set(subjects).size).toBe(10);
    for (let i = 0; i < 5; i += 1) {
      // Whichever arrived first is the first complaint; the customer's name is known once the survey is in.
      const mine = subjects.filter((s) => s.includes(`Twice ${i}`) || s.toLowerCase().includes(`twice${i}@example.com`));
      expect(mine).toHaveLength(2);
      expect(mine.filter((s) => s.startsWith('URGENT: Second complaint from'))).toHaveLength(1);
    }
  }, 120_000);
});
