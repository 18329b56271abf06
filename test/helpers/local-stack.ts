import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '#infra/local/stack.ts';
import { TEST_ENV } from './emulators.ts';

/** The local stack on free ports with a throw-away data dir, a fetch bound to it, and clients of its emulators (closed by `stop`). */
export interface TestStack extends LocalStack {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  dynamo: DynamoDBDocumentClient;
  sqs: SQSClient;
  /** Polls the outbox until `predicate` holds or the time runs out. */
  waitForEmails(predicate: (emails: Awaited<ReturnType<LocalStack['outbox']>>) => boolean, timeoutMs?: number): Promise<Awaited<ReturnType<LocalStack['outbox']>>>;
}

export async function startTestStack(env: Record<string, string> = {}, options: Pick<LocalStackOptions, 'retryDelaySeconds' | 'clock' | 'concurrency'> = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-stack-'));
  const stack = await startLocalStack({
    env: {
      ...process.env,
      ...TEST_ENV,
      EARSHOT_PUBLIC_URL: '',
      EARSHOT_LINK_SECRET: '',
      EARSHOT_PORT: '0',
      EARSHOT_DATA_DIR: dataDir,
      ...env,
    },
    schedules: false,
    ...options,
  });
  const clientOptions = { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ ...clientOptions, endpoint: stack.endpoints.dynamodb }));
  const sqs = new SQSClient({ ...clientOptions, endpoint: stack.endpoints.sqs });
  return {
    ...stack,
    dynamo,
    sqs,
    fetch: (path, init) => fetch(`${stack.url}${path}`, { redirect: 'manual', ...init }),
    waitForEmails: async (predicate, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const emails = await stack.outbox();
        if (predicate(emails) || Date.now() > deadline) return emails;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    stop: async () => {
      dynamo.destroy();
      sqs.destroy();
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
