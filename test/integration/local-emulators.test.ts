import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { startSqsS3, type Emulator } from '#infra/local/emulators.ts';
import { provisionBucket } from '#infra/local/provision.ts';

const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
const dirs: string[] = [];
const running: Emulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<{ sqs: SQSClient; s3: S3Client; emulator: Emulator }> {
  const emulator = await startSqsS3({ dataDir });
  running.push(emulator);
  return {
    emulator,
    sqs: new SQSClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials }),
    s3: new S3Client({ region: 'us-east-1', endpoint: emulator.endpoint, credentials, forcePathStyle: true }),
  };
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-sqs-s3-'));
  dirs.push(dir);
  return dir;
}

describe('the embedded SQS and S3 emulator with a data dir', () => {
  it('listens on loopback only', async () => {
    // Act
    const { emulator } = await start(dataDir());

    // Assess
    expect(new URL(emulator.endpoint).hostname).toBe('127.0.0.1');
  });

  it('keeps queued messages and archived objects across a restart', async () => {
    // Prepare
    const dir = dataDir();
    const first = await start(dir);
    const { QueueUrl } = await first.sqs.send(new CreateQueueCommand({ QueueName: 'kept' }));
    await first.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'acknowledged' }));
    await provisionBucket(first.s3, 'raw');
    await first.s3.send(new PutObjectCommand({ Bucket: 'raw', Key: 'a/b.json', Body: '{"kept":true}' }));
    await first.emulator.stop();
    running.splice(running.indexOf(first.emulator), 1);

    // Act
    const second = await start(dir);
    const received = await second.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    const object = await second.s3.send(new GetObjectCommand({ Bucket: 'raw', Key: 'a/b.json' }));

    // Assess
    expect(received.Messages?.map((m) => m.Body)).toEqual(['acknowledged']);
    expect(await object.Body?.transformToString()).toBe('{"kept":true}');
  });

  it('redelivers a message made visible again, counting receives, until the redrive policy moves it', async () => {
    // Prepare
    const { sqs } = await start(dataDir());
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'work-dlq' }));
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: 'work', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) } }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'poison' }));

    // Act
    const counts: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
      );
      for (const message of Messages) {
        counts.push(message.Attributes?.ApproximateReceiveCount ?? '?');
        await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
      }
    }
    const dead = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));

    // Assess
    expect(counts).toEqual(['1', '2']);
    expect(dead.Attributes?.ApproximateNumberOfMessages).toBe('1');
  });
});
