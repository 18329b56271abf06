import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { awsClients, resetAwsClients } from '#shared/adapters/aws-clients.ts';
import { resetSecrets } from '#shared/adapters/secrets.ts';
import { config, resetConfig } from '#shared/config.ts';
import { resetDeps } from '#shared/wiring.ts';
import { startDynamo, startSes, startSqsS3, type Emulator } from '#infra/local/emulators.ts';
import { provisionBucket, provisionQueues, provisionTable, type QueueUrls } from '#infra/local/provision.ts';

/** Emulators on loopback with the table, queues and bucket provisioned, for handler tests. */
export interface TestEmulators {
  queues: QueueUrls;
  endpoints: { dynamodb: string; sqs: string; ses: string };
  /** Changes environment variables and rebuilds the configuration and clients from them. */
  reconfigure(env: Record<string, string>): void;
  sesEndpoint: string;
  dataDir: string;
  /** Emails in the SES emulator's store. */
  sentEmails(): Promise<Array<{ subject: string; destination: { to: string[] }; body: { text?: string; html?: string }; headers?: Array<{ name: string; value: string }> }>>;
  clearEmails(): Promise<void>;
  stop(): Promise<void>;
}

export const TEST_ENV = {
  EARSHOT_API_KEY: 'test-api-key-123',
  EARSHOT_WEBHOOK_SECRET: 'test-webhook-secret',
  EARSHOT_LINK_SECRET: 'test-link-secret-0123456789abcdef',
  EARSHOT_OWNER_EMAIL: 'owner@example.com',
  EARSHOT_FROM_EMAIL: 'earshot@example.com',
  EARSHOT_BUSINESS_NAME: 'Corner Bakery',
  EARSHOT_PUBLIC_URL: 'http://127.0.0.1:3999',
  AWS_REGION: 'us-east-1',
} as const;

/**
 * Starts dynalite, fauxqs and the SES emulator, provisions them from the shared definitions and
 * points the process configuration at them (tests run one file per process).
 */
export async function startEmulators(extraEnv: Record<string, string> = {}): Promise<TestEmulators> {
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-test-'));
  const [dynamo, sqsS3, ses] = (await Promise.all([startDynamo(), startSqsS3(), startSes()])) as [Emulator, Emulator, Emulator];
  Object.assign(process.env, TEST_ENV, {
    EARSHOT_DATA_DIR: dataDir,
    EARSHOT_DYNAMODB_ENDPOINT: dynamo.endpoint,
    EARSHOT_SQS_ENDPOINT: sqsS3.endpoint,
    EARSHOT_S3_ENDPOINT: sqsS3.endpoint,
    EARSHOT_SES_ENDPOINT: ses.endpoint,
    ...extraEnv,
  });
  const reset = () => {
    resetConfig();
    resetAwsClients();
    resetSecrets();
    resetDeps();
  };
  reset();
  const clients = awsClients();
  await provisionTable(clients.dynamo, config().aws.tableName);
  await provisionBucket(clients.s3, config().aws.rawBucket);
  const queues = await provisionQueues(clients.sqs, { visibilityTimeoutSeconds: 30 });
  process.env.EARSHOT_FEEDBACK_QUEUE_URL = queues.feedback.url;
  process.env.EARSHOT_INBOUND_EMAIL_QUEUE_URL = queues.inboundEmail.url;
  reset();
  return {
    queues,
    endpoints: { dynamodb: dynamo.endpoint, sqs: sqsS3.endpoint, ses: ses.endpoint },
    reconfigure: (env) => {
      Object.assign(process.env, env);
      reset();
    },
    sesEndpoint: ses.endpoint,
    dataDir,
    sentEmails: async () => ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: never[] }).emails,
    clearEmails: async () => {
      await fetch(`${ses.endpoint}/clear-store`, { method: 'POST' });
    },
    stop: async () => {
      await Promise.all([dynamo.stop(), sqsS3.stop(), ses.stop()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the emulators for one test file: started before its first test, stopped after its last, and
 * the SES outbox emptied before each test. The handle is filled in once they have started.
 */
export function useEmulators(extraEnv: Record<string, string> = {}): TestEmulators {
  const handle = {} as TestEmulators;
  beforeAll(async () => {
    Object.assign(handle, await startEmulators(extraEnv));
  });
  afterAll(async () => {
    await handle.stop?.();
  });
  beforeEach(async () => {
    await handle.clearEmails();
  });
  return handle;
}
