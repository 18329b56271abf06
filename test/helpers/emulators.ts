import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { FunctionKey } from '#infra/definitions.ts';
import { createAllAdapters } from '#infra/local/adapters.ts';
import { createClients, type Clients } from '#infra/local/clients.ts';
import { startDynamo, startSes, startSqsS3, type Emulator } from '#infra/local/emulators.ts';
import { buildHandler, type LocalHandler } from '#infra/local/functions.ts';
import { provisionBucket, provisionQueues, provisionTable, type QueueUrls } from '#infra/local/provision.ts';
import { loadConfig, type Config } from '#shared/config.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** Emulators on loopback with the table, queues and bucket provisioned, for handler tests. */
export interface TestEmulators {
  queues: QueueUrls;
  endpoints: { dynamodb: string; sqs: string; ses: string };
  /** The configuration the functions under test are built over (rebuilt by `reconfigure`). */
  readonly config: Config;
  /** AWS clients over that configuration, for arranging and asserting. */
  readonly clients: Clients;
  /** Every real adapter over that configuration, for calling use cases and asserting. */
  readonly adapters: Deps;
  /** Changes environment variables and rebuilds the configuration, clients, adapters and functions from them. */
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
 * builds a configuration pointing at them. The environment is also written to process.env, for
 * child processes a test starts (tests run one file per process).
 */
export async function startEmulators(extraEnv: Record<string, string> = {}): Promise<TestEmulators> {
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-test-'));
  const [dynamo, sqsS3, ses] = (await Promise.all([startDynamo(), startSqsS3(), startSes()])) as [Emulator, Emulator, Emulator];
  const env: Record<string, string | undefined> = { ...process.env };
  Object.assign(env, TEST_ENV, {
    EARSHOT_DATA_DIR: dataDir,
    EARSHOT_DYNAMODB_ENDPOINT: dynamo.endpoint,
    EARSHOT_SQS_ENDPOINT: sqsS3.endpoint,
    EARSHOT_S3_ENDPOINT: sqsS3.endpoint,
    EARSHOT_SES_ENDPOINT: ses.endpoint,
    ...extraEnv,
  });
  let config = loadConfig(env);
  let clients = createClients(config);
  let adapters = createAllAdapters(config);
  const rebuild = () => {
    Object.assign(process.env, env);
    config = loadConfig(env);
    clients = createClients(config);
    adapters = createAllAdapters(config);
  };
  await provisionTable(clients.dynamo, config.aws.tableName);
  await provisionBucket(clients.s3, config.aws.rawBucket);
  const queues = await provisionQueues(clients.sqs, { visibilityTimeoutSeconds: 30 });
  env.EARSHOT_FEEDBACK_QUEUE_URL = queues.feedback.url;
  env.EARSHOT_INBOUND_EMAIL_QUEUE_URL = queues.inboundEmail.url;
  rebuild();
  return {
    queues,
    endpoints: { dynamodb: dynamo.endpoint, sqs: sqsS3.endpoint, ses: ses.endpoint },
    get config() {
      return config;
    },
    get clients() {
      return clients;
    },
    get adapters() {
      return adapters;
    },
    reconfigure: (changes) => {
      Object.assign(env, changes);
      rebuild();
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

/** A test's view of the emulators: filled in before its first test; functions built over its configuration. */
export interface EmulatorsHandle extends TestEmulators {
  /**
   * A function's handler built (once per configuration) by its own composition over the current
   * configuration, exactly as its Lambda entry point builds it; usable at module level.
   */
  fn<K extends FunctionKey>(key: K): LocalHandler<K>;
}

/**
 * Runs the emulators for one test file: started before its first test, stopped after its last, and
 * the SES outbox emptied before each test. The handle is filled in once they have started.
 */
export function useEmulators(extraEnv: Record<string, string> = {}): EmulatorsHandle {
  let started: TestEmulators | undefined;
  const current = (): TestEmulators => {
    if (!started) throw new Error('the emulators have not started yet');
    return started;
  };
  const handle = Object.create(null) as EmulatorsHandle;
  for (const name of ['queues', 'endpoints', 'config', 'clients', 'adapters', 'sesEndpoint', 'dataDir'] as const) {
    Object.defineProperty(handle, name, { get: () => current()[name], enumerable: true });
  }
  Object.assign(handle, {
    reconfigure: (env: Record<string, string>) => current().reconfigure(env),
    sentEmails: () => current().sentEmails(),
    clearEmails: () => current().clearEmails(),
    stop: async () => started?.stop(),
    fn: <K extends FunctionKey>(key: K) => lazyHandler(key, () => current().config, () => current().clients),
  });
  beforeAll(async () => {
    started = await startEmulators(extraEnv);
  });
  afterAll(async () => {
    await started?.stop();
  });
  beforeEach(async () => {
    await current().clearEmails();
  });
  return handle;
}

/**
 * A function's handler, built by its own composition (`makeXHandler(createXDeps(config))`) over the
 * configuration `config()` gives when it is called (with the test's clients), and built again when
 * that configuration changes.
 */
export function lazyHandler<K extends FunctionKey>(key: K, config: () => Config, clients: () => Partial<Clients> = () => ({})): LocalHandler<K> {
  let built: { config: Config; handler: Promise<unknown> } | undefined;
  return (async (...args: unknown[]) => {
    const current = config();
    if (built?.config !== current) built = { config: current, handler: buildHandler(key, current, clients()) };
    return ((await built.handler) as (...a: unknown[]) => Promise<unknown>)(...args);
  }) as unknown as LocalHandler<K>;
}
