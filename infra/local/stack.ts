import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FUNCTIONS, MAX_BODY_BYTES, QUEUES, ROUTES, weeklyTime, type FunctionDefinition, type FunctionKey, type QueueKey } from '#infra/definitions.ts';
import { parseConfig, readConfigFile, withDefaults, type Config } from '#shared/config.ts';
import { previewDigest } from '#shared/use-cases/digest.ts';
import { nextWeekly } from '#shared/domain/week.ts';
import { startEmulatorThread, type Emulator } from '#infra/local/emulators.ts';
import { createClients, type Clients } from '#infra/local/clients.ts';
import { buildHandler } from '#infra/local/functions.ts';
import { localHelpers, readOutbox, type OutboxEmail } from '#infra/local/helpers.ts';
import { createLocalHttpServer, listen, type HttpHandler, type LocalHelper, type LocalRoute } from '#infra/local/http-server.ts';
import { localContext } from '#infra/local/lambda-context.ts';
import { provisionBucket, provisionQueues, provisionTable, type QueueUrls } from '#infra/local/provision.ts';
import { LOCAL_DEFAULTS } from '#infra/local/defaults.ts';
import { LocalScheduler, type ScheduledJob } from '#infra/local/scheduler.ts';
import { removeStackFile, writeStackFile } from '#infra/local/stack-file.ts';
import { CONSUMER_KEYS, loadConsumerThreads, type ConsumerKey, type Consumers } from '#infra/local/consumers.ts';

export { LOCAL_DEFAULTS } from '#infra/local/defaults.ts';
export type { OutboxEmail } from '#infra/local/helpers.ts';
export type { Consumers } from '#infra/local/consumers.ts';

export interface LocalStackOptions {
  /** Environment for the stack (defaults to process.env); the stack's configuration is built from it. */
  env?: Record<string, string | undefined>;
  /** Seconds a failed queue message waits before redelivery (locally short; AWS uses the visibility timeout). */
  retryDelaySeconds?: number;
  /** Run the schedules (invitations) in the background; on by default. */
  schedules?: boolean;
  /**
   * The clock of the console, the follow-through (promises, check-ins) and the digest, for tests
   * that move time (a promise's due day, a check-in three days after a handling); real time otherwise.
   */
  clock?: () => Date;
  /**
   * How many batches each queue consumer processes at once (Lambda's maximum concurrency of its
   * event source); `LOCAL_CONCURRENCY` by default.
   */
  concurrency?: Partial<Record<ConsumerKey, number>>;
}

export interface LocalStack {
  url: string;
  port: number;
  config: Config;
  endpoints: { dynamodb: string; sqs: string; s3: string; ses: string };
  queues: QueueUrls;
  /** Sends every due invitation now. */
  runInvitations(): Promise<{ sent: number; failed: number }>;
  /**
   * Stops and restarts the consumers of one queue (as disabling a Lambda event source mapping
   * would): messages wait in the queue meanwhile.
   */
  consumers: Consumers;
  /** Sends every due promise reminder and check-in now (`POST /_local/run/reminders`). */
  runReminders(): Promise<{ reminders: number; checkIns: number }>;
  outbox(): Promise<OutboxEmail[]>;
  clearOutbox(): Promise<void>;
  stop(): Promise<void>;
}

/** Reads the survey-link key of this data dir, creating it once (mode 600) when there is none. */
export function linkSecretFor(dataDir: string): string {
  const file = join(dataDir, 'link-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** Stops what was started, last first. */
class Parts {
  private readonly stoppers: Array<() => Promise<void>> = [];

  add(stop: () => Promise<void>): void {
    this.stoppers.push(stop);
  }

  async stop(): Promise<void> {
    for (const stopPart of this.stoppers.reverse()) await stopPart().catch(() => undefined);
    this.stoppers.length = 0;
  }
}

type Handlers = Record<FunctionKey, unknown>;
type Invoke = (event: unknown, context: unknown) => Promise<unknown>;
const contextFor = (key: FunctionKey) => () => localContext(FUNCTIONS[key].name, FUNCTIONS[key].timeoutSeconds);

/** The HTTP front door, listening before anything else so /healthz answers 503 while the rest starts. */
async function openFrontDoor(port: number, parts: Parts) {
  let ready = false;
  const routes: LocalRoute[] = [];
  const helpers: Record<string, { handler: LocalHelper; maxBodyBytes: number }> = {
    'GET /healthz': { maxBodyBytes: 0, handler: async () => (ready ? { status: 200, body: { ok: true } } : { status: 503, body: { ok: false } }) },
  };
  const server = createLocalHttpServer({ routes, helpers });
  const listening = await listen(server, port);
  parts.add(
    () =>
      new Promise<void>((done) => {
        ready = false;
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
  return {
    port: listening,
    url: `http://127.0.0.1:${listening}`,
    /** Routes every API route to its function, as API Gateway does. */
    route(handlers: Handlers): void {
      for (const route of ROUTES) {
        // A little above the limit, so the handler's own 413 (as in AWS) is what answers.
        routes.push({ method: route.method, path: route.path, handler: handlers[route.fn] as HttpHandler, context: contextFor(route.fn), maxBodyBytes: MAX_BODY_BYTES * 4 });
      }
    },
    help(more: Record<string, { handler: LocalHelper; maxBodyBytes: number }>): void {
      Object.assign(helpers, more);
    },
    open(): void {
      ready = true;
    },
  };
}

/** DynamoDB, SQS with S3, and SES, persisted under the data dir, each on a thread of its own. */
async function startEmulatorsIn(dataDir: string, parts: Parts) {
  const started = await Promise.allSettled([
    startEmulatorThread({ kind: 'dynamodb', options: { path: join(dataDir, 'dynamodb') } }),
    // The stack is the only consumer of its queues: what its previous run held in flight is released.
    startEmulatorThread({ kind: 'sqs-s3', options: { dataDir: join(dataDir, 'sqs-s3'), releaseInFlight: true } }),
    startEmulatorThread({ kind: 'ses', options: {} }),
  ]);
  for (const result of started) if (result.status === 'fulfilled') parts.add(() => result.value.stop());
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  const emulators = started.map((result) => (result as PromiseFulfilledResult<Emulator>).value);
  const [dynamo, sqsS3, ses] = emulators as [Emulator, Emulator, Emulator];
  return { dynamodb: dynamo.endpoint, sqs: sqsS3.endpoint, s3: sqsS3.endpoint, ses: ses.endpoint };
}

/**
 * The stack's own configuration, over the emulators, its URL and this data dir's link key (the
 * local defaults sit below the config file), with the table, bucket and queues provisioned. Every
 * function of this stack is built over it, and over nothing in process.env, so two stacks in one
 * process never share adapters.
 */
async function provisionStack(given: { file: unknown; env: Record<string, string | undefined> }, endpoints: LocalStack['endpoints'], url: string, dataDir: string) {
  const env: Record<string, string | undefined> = {
    ...given.env,
    EARSHOT_DYNAMODB_ENDPOINT: endpoints.dynamodb,
    EARSHOT_SQS_ENDPOINT: endpoints.sqs,
    EARSHOT_S3_ENDPOINT: endpoints.s3,
    EARSHOT_SES_ENDPOINT: endpoints.ses,
  };
  Object.assign(env, withDefaults(env, given.file, { EARSHOT_PUBLIC_URL: url, EARSHOT_LINK_SECRET: () => linkSecretFor(dataDir), AWS_REGION: 'us-east-1' }));
  const provisioning = parseConfig(given.file, env);
  const clients = createClients(provisioning);
  await Promise.all([provisionTable(clients.dynamo, provisioning.aws.tableName), provisionBucket(clients.s3, provisioning.aws.rawBucket)]);
  const queues = await provisionQueues(clients.sqs, { visibilityTimeoutSeconds: 30 });
  for (const key of Object.keys(QUEUES) as QueueKey[]) env[QUEUES[key].urlEnv] = queues[key].url;
  env.EARSHOT_FEEDBACK_DLQ_URL = queues.feedback.dlqUrl;
  env.EARSHOT_INBOUND_EMAIL_DLQ_URL = queues.inboundEmail.dlqUrl;
  env.EARSHOT_MAIL_EVENTS_DLQ_URL = queues.mailEvents.dlqUrl;
  env.EARSHOT_URGENT_DLQ_URL = queues.urgent.dlqUrl;
  // The provisioning clients (the queue URLs do not change them) are shared by the stack's
  // functions: one connection pool per service, as warm as the stack.
  return { cfg: parseConfig(given.file, env), clients, queues, env };
}

/** The functions the stack's own thread runs: all but the queue consumers. */
const OWN_KEYS = (Object.keys(FUNCTIONS) as FunctionKey[]).filter((key) => !(CONSUMER_KEYS as FunctionKey[]).includes(key));

/**
 * Every function the stack's own thread runs (the HTTP functions and the schedules), built by its
 * own composition over the stack's configuration; the queue consumers run on threads of their own.
 */
async function buildHandlers(cfg: Config, clients: Clients, clock?: () => Date): Promise<Handlers> {
  return Object.fromEntries(await Promise.all(OWN_KEYS.map(async (key) => [key, await buildHandler(key, cfg, clients, clock)] as const))) as Handlers;
}

/** The schedules: every few seconds for the rate and every-few-minutes schedules, at the local time of the weekly ones. */
function schedulesOf(handlers: Handlers, cfg: Config): ScheduledJob[] {
  return (Object.keys(FUNCTIONS) as FunctionKey[]).flatMap((key): ScheduledJob[] => {
    const definition = FUNCTIONS[key] as FunctionDefinition;
    const handler = handlers[key] as Invoke;
    if (definition.schedule) {
      const event = () => ({ source: 'aws.events', 'detail-type': 'Scheduled Event', time: new Date().toISOString() });
      return [{ name: definition.name, everySeconds: definition.schedule.localEverySeconds, run: () => handler(event(), contextFor(key)()) }];
    }
    if (definition.every) return [{ name: definition.name, everySeconds: definition.every.localEverySeconds, run: () => handler({}, contextFor(key)()) }];
    if (definition.weekly) {
      // The day and hour of the setting the definition names (the digest's, from the config).
      const weekly = weeklyTime(definition.weekly, cfg);
      return [
        {
          name: definition.name,
          everySeconds: 7 * 86_400,
          nextDelayMs: () => nextWeekly(new Date(), weekly, cfg.business.timeZone).getTime() - Date.now(),
          run: () => handler({ through: 'yesterday' }, contextFor(key)()),
        },
      ];
    }
    return [];
  });
}

/**
 * Starts the whole pipeline on loopback: DynamoDB, SQS, S3 and SES emulators, the tables, queues
 * and bucket from the shared definitions, the HTTP front door, the queue consumers and the
 * schedules. `stop()` closes every part.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const given = { ...(options.env ?? process.env) };
  const file = readConfigFile(given);
  const env = withDefaults(given, file, LOCAL_DEFAULTS);
  const initial = parseConfig(file, env);
  const dataDir = resolve(initial.dataDir);
  const parts = new Parts();
  const stop = () => parts.stop();
  try {
    const door = await openFrontDoor(initial.http.port, parts);
    // The consumer threads load their functions while the emulators start (each on its own thread).
    const [loaded, emulators] = await Promise.allSettled([loadConsumerThreads(), startEmulatorsIn(dataDir, parts)]);
    // Stopped before the emulators: a batch in hand finishes against them.
    if (loaded.status === 'fulfilled') parts.add(() => loaded.value.stop());
    if (emulators.status === 'rejected') throw emulators.reason;
    if (loaded.status === 'rejected') throw loaded.reason;
    const endpoints = emulators.value;
    const provisioned = await provisionStack({ file, env }, endpoints, door.url, dataDir);
    const { cfg, clients, queues } = provisioned;
    // The consumers build their functions and start polling while this thread builds the others.
    const [handlers, consumers] = await Promise.all([
      buildHandlers(cfg, clients, options.clock),
      loaded.value.start({
        config: { file, env: provisioned.env },
        queues,
        sqs: clients.sqs,
        retryDelaySeconds: options.retryDelaySeconds ?? 1,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      }),
    ]);
    door.route(handlers);
    const scheduler = new LocalScheduler(schedulesOf(handlers, cfg));
    if (options.schedules ?? true) scheduler.start();
    parts.add(() => scheduler.stop());

    const runInvitations = async () => (await scheduler.runNow(FUNCTIONS.sendInvitations.name)) as { sent: number; failed: number };
    const runReminders = async () => {
      const run = (await scheduler.runNow(FUNCTIONS.followThrough.name)) as { reminders: number; checkIns: number };
      return { reminders: run.reminders, checkIns: run.checkIns };
    };
    const digestDeps = (await import('#functions/digest/deps.ts')).createDigestDeps(cfg, clients, options.clock);
    door.help(
      localHelpers({
        cfg,
        clients,
        queues,
        sesEndpoint: endpoints.ses,
        runInvitations,
        runReminders,
        runDigest: () => (handlers.digest as Invoke)({ through: 'now' }, contextFor('digest')()),
        runReconcile: (event) => (handlers.reconcile as Invoke)(event, contextFor('reconcile')()),
        sqsEndpoint: endpoints.sqs,
        previewDigest: () => previewDigest(digestDeps, door.url),
      }),
    );
    door.open();
    // The CLI (digest --preview, smoke) finds this stack through its data dir, whatever its port.
    writeStackFile({ pid: process.pid, url: door.url, dataDir, endpoints, tableName: cfg.aws.tableName, startedAt: new Date().toISOString() });
    parts.add(async () => removeStackFile(dataDir, process.pid));
    return {
      url: door.url,
      port: door.port,
      config: cfg,
      endpoints,
      queues,
      runInvitations,
      consumers,
      runReminders,
      outbox: () => readOutbox(endpoints.ses),
      clearOutbox: async () => {
        await fetch(`${endpoints.ses}/clear-store`, { method: 'POST' });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
