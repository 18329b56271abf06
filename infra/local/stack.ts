import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { FUNCTIONS, MAX_BODY_BYTES, QUEUES, RAW_BUCKET, ROUTES, type FunctionDefinition, type FunctionKey, type QueueKey } from '#infra/definitions.ts';
import { parseConfig, readConfigFile, withDefaults, type Config } from '#shared/config.ts';
import { previewDigest } from '#shared/use-cases/digest.ts';
import { readInboundEmail } from '#shared/email/inbound-email.ts';
import { s3ObjectCreatedEvent } from '#shared/domain/s3-event.ts';
import { nextWeekly } from '#shared/domain/week.ts';
import { inboundEmailId } from '#shared/use-cases/ingest-email.ts';
import { startDynamo, startSes, startSqsS3, type Emulator } from '#infra/local/emulators.ts';
import { createClients, type Clients } from '#infra/local/clients.ts';
import { buildHandler } from '#infra/local/functions.ts';
import { createLocalHttpServer, listen, type HttpHandler, type LocalHelper, type LocalRoute } from '#infra/local/http-server.ts';
import { localContext } from '#infra/local/lambda-context.ts';
import { provisionBucket, provisionQueues, provisionTable, type QueueUrls } from '#infra/local/provision.ts';
import { LOCAL_DEFAULTS } from '#infra/local/defaults.ts';
import { LocalScheduler } from '#infra/local/scheduler.ts';
import { removeStackFile, writeStackFile } from '#infra/local/stack-file.ts';
import { SqsPoller, type SqsHandler } from '#infra/local/sqs-poller.ts';

export { LOCAL_DEFAULTS } from '#infra/local/defaults.ts';

export interface LocalStackOptions {
  /** Environment for the stack (defaults to process.env); the stack's configuration is built from it. */
  env?: Record<string, string | undefined>;
  /** Seconds a failed queue message waits before redelivery (locally short; AWS uses the visibility timeout). */
  retryDelaySeconds?: number;
  /** Run the schedules (invitations) in the background; on by default. */
  schedules?: boolean;
}

/** One email as the local outbox lists it (contract: `GET /_local/outbox`). */
export interface OutboxEmail {
  id: string;
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
  headers: Record<string, string>;
}

export interface LocalStack {
  url: string;
  port: number;
  config: Config;
  endpoints: { dynamodb: string; sqs: string; s3: string; ses: string };
  queues: QueueUrls;
  /** Sends every due invitation now. */
  runInvitations(): Promise<{ sent: number; failed: number }>;
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

/** Maps the SES emulator's store to the contract's outbox entries. */
async function readOutbox(sesEndpoint: string): Promise<OutboxEmail[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  const store = (await response.json()) as {
    emails: Array<{
      messageId: string;
      from: string;
      destination: { to: string[] };
      subject: string;
      body: { text?: string; html?: string };
      headers?: Array<{ name: string; value: string }>;
      replyTo?: string[];
      at: number;
    }>;
  };
  return store.emails.map((email) => ({
    id: email.messageId,
    to: email.destination.to,
    from: email.from,
    subject: email.subject,
    text: email.body.text ?? '',
    html: email.body.html ?? '',
    sentAt: new Date(email.at * 1000).toISOString(),
    headers: {
      ...Object.fromEntries((email.headers ?? []).map((h) => [h.name, h.value])),
      ...(email.replyTo?.length ? { 'Reply-To': email.replyTo.join(', ') } : {}),
    },
  }));
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
  let ready = false;
  const stoppers: Array<() => Promise<void>> = [];
  const stop = async () => {
    ready = false;
    for (const stopPart of stoppers.reverse()) await stopPart().catch(() => undefined);
    stoppers.length = 0;
  };

  try {
    // The front door first, so /healthz answers 503 while the rest starts.
    const routes: LocalRoute[] = [];
    const helpers: Record<string, { handler: LocalHelper; maxBodyBytes: number }> = {
      'GET /healthz': {
        maxBodyBytes: 0,
        handler: async () => (ready ? { status: 200, body: { ok: true } } : { status: 503, body: { ok: false } }),
      },
    };
    const server = createLocalHttpServer({ routes, helpers });
    const port = await listen(server, initial.http.port);
    stoppers.push(
      () =>
        new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
    );
    const url = `http://127.0.0.1:${port}`;

    const emulators: Emulator[] = await Promise.all([
      startDynamo({ path: join(dataDir, 'dynamodb') }),
      startSqsS3({ dataDir: join(dataDir, 'sqs-s3') }),
      startSes(),
    ]);
    const [dynamo, sqsS3, ses] = emulators as [Emulator, Emulator, Emulator];
    for (const emulator of emulators) stoppers.push(() => emulator.stop());

    Object.assign(env, {
      EARSHOT_DYNAMODB_ENDPOINT: dynamo.endpoint,
      EARSHOT_SQS_ENDPOINT: sqsS3.endpoint,
      EARSHOT_S3_ENDPOINT: sqsS3.endpoint,
      EARSHOT_SES_ENDPOINT: ses.endpoint,
    });
    // Defaults that only the local stack knows (its URL, this data dir's link key), below the file.
    Object.assign(
      env,
      withDefaults(env, file, {
        EARSHOT_PUBLIC_URL: url,
        EARSHOT_LINK_SECRET: () => linkSecretFor(dataDir),
        AWS_REGION: 'us-east-1',
      }),
    );
    const provisioning = parseConfig(file, env);
    const clients = createClients(provisioning);
    await Promise.all([
      provisionTable(clients.dynamo, provisioning.aws.tableName),
      provisionBucket(clients.s3, provisioning.aws.rawBucket),
    ]);
    const queues = await provisionQueues(clients.sqs, { visibilityTimeoutSeconds: 30 });
    for (const key of Object.keys(QUEUES) as QueueKey[]) env[QUEUES[key].urlEnv] = queues[key].url;
    env.EARSHOT_FEEDBACK_DLQ_URL = queues.feedback.dlqUrl;
    env.EARSHOT_INBOUND_EMAIL_DLQ_URL = queues.inboundEmail.dlqUrl;
    // The stack's own configuration: every function of this stack is built over it (and over
    // nothing in process.env), so two stacks in one process never share adapters.
    const cfg = parseConfig(file, env);
    // The provisioning clients (the queue URLs do not change them) are shared by the functions of
    // this stack: one connection pool per service, as warm as the stack.
    const shared = clients;

    const handlers = Object.fromEntries(
      await Promise.all((Object.keys(FUNCTIONS) as FunctionKey[]).map(async (key) => [key, await buildHandler(key, cfg, shared)] as const)),
    ) as Record<FunctionKey, unknown>;
    const contextFor = (key: FunctionKey) => () => localContext(FUNCTIONS[key].name, FUNCTIONS[key].timeoutSeconds);

    for (const route of ROUTES) {
      routes.push({
        method: route.method,
        path: route.path,
        handler: handlers[route.fn] as HttpHandler,
        context: contextFor(route.fn),
        // A little above the limit, so the handler's own 413 (as in AWS) is what answers.
        maxBodyBytes: MAX_BODY_BYTES * 4,
      });
    }

    const pollers: SqsPoller[] = [];
    for (const key of Object.keys(FUNCTIONS) as FunctionKey[]) {
      const definition = FUNCTIONS[key];
      if (!('consumes' in definition.access)) continue;
      const queue = queues[definition.access.consumes];
      const arn = (
        await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['QueueArn'] }))
      ).Attributes!.QueueArn!;
      const poller = new SqsPoller({
        sqs: clients.sqs,
        queueUrl: queue.url,
        queueArn: arn,
        handler: handlers[key] as SqsHandler,
        context: contextFor(key),
        retryDelaySeconds: options.retryDelaySeconds ?? 1,
        region: cfg.aws.region,
      });
      poller.start();
      pollers.push(poller);
    }
    stoppers.push(async () => {
      await Promise.all(pollers.map((p) => p.stop()));
    });

    const scheduler = new LocalScheduler(
      (Object.keys(FUNCTIONS) as FunctionKey[]).flatMap((key) => {
        const definition = FUNCTIONS[key] as FunctionDefinition;
        const handler = handlers[key] as (event: unknown, context: unknown) => Promise<unknown>;
        if (definition.schedule) {
          return [
            {
              name: definition.name,
              everySeconds: definition.schedule.localEverySeconds,
              run: () => handler({ source: 'aws.events', 'detail-type': 'Scheduled Event', time: new Date().toISOString() }, contextFor(key)()),
            },
          ];
        }
        if (definition.weekly) {
          // The digest's day and hour come from the config (default: the definition's Monday 08:00).
          const weekly = key === 'digest' ? { ...definition.weekly, day: cfg.digest.day, hour: cfg.digest.hour } : definition.weekly;
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
      }),
    );
    if (options.schedules ?? true) scheduler.start();
    stoppers.push(() => scheduler.stop());

    const runInvitations = async () => (await scheduler.runNow(FUNCTIONS.sendInvitations.name)) as { sent: number; failed: number };
    const outbox = () => readOutbox(ses.endpoint);
    const clearOutbox = async () => {
      await fetch(`${ses.endpoint}/clear-store`, { method: 'POST' });
    };

    helpers['POST /_local/run/invitations'] = {
      maxBodyBytes: 1024,
      handler: async () => ({ status: 200, body: await runInvitations() }),
    };
    helpers['POST /_local/run/digest'] = {
      maxBodyBytes: 1024,
      handler: async () => {
        const digest = handlers.digest as (event: unknown, context: unknown) => Promise<{ sent: number; skipped: number }>;
        return { status: 200, body: await digest({ through: 'now' }, contextFor('digest')()) };
      },
    };
    const digestDeps = (await import('#functions/digest/deps.ts')).createDigestDeps(cfg, shared);
    helpers['GET /_local/digest/preview'] = {
      maxBodyBytes: 0,
      handler: async () => ({ status: 200, body: await previewDigest(digestDeps, url) }),
    };
    helpers['GET /_local/outbox'] = {
      maxBodyBytes: 0,
      handler: async () => ({ status: 200, body: await outbox() }),
    };
    // Inbound email takes the path it takes in AWS: the raw message is stored under `inbound/` in
    // the raw-input bucket and S3's notification goes to the inbound-email queue.
    helpers['POST /_local/inbound-email'] = {
      maxBodyBytes: 12 * 1024 * 1024,
      handler: async (_req, _url, body) => {
        if (!body.byteLength) return { status: 400, body: { error: { code: 'invalid_request', message: 'body: expected a raw RFC 5322 message' } } };
        const now = new Date();
        const key = `${RAW_BUCKET.inboundPrefix}${now.toISOString().slice(0, 10)}/${randomBytes(12).toString('hex')}.eml`;
        await clients.s3.send(new PutObjectCommand({ Bucket: cfg.aws.rawBucket, Key: key, Body: body, ContentType: 'message/rfc822' }));
        await clients.sqs.send(
          new SendMessageCommand({ QueueUrl: queues.inboundEmail.url, MessageBody: JSON.stringify(s3ObjectCreatedEvent(cfg.aws.rawBucket, key, body.byteLength, now, cfg.aws.region)) }),
        );
        const verdict = await readInboundEmail(body);
        const id = inboundEmailId(key, verdict.email?.messageId);
        return { status: 202, body: { id } };
      },
    };
    helpers['GET /_local/dead-letters'] = {
      maxBodyBytes: 0,
      handler: async () => ({ status: 200, body: await deadLetterCounts(clients.sqs, queues) }),
    };

    ready = true;
    // The CLI (digest --preview, smoke) finds this stack through its data dir, whatever its port.
    writeStackFile({ pid: process.pid, url, dataDir, endpoints: { dynamodb: dynamo.endpoint, sqs: sqsS3.endpoint, s3: sqsS3.endpoint, ses: ses.endpoint }, tableName: cfg.aws.tableName, startedAt: new Date().toISOString() });
    stoppers.push(async () => removeStackFile(dataDir, process.pid));
    return {
      url,
      port,
      config: cfg,
      endpoints: { dynamodb: dynamo.endpoint, sqs: sqsS3.endpoint, s3: sqsS3.endpoint, ses: ses.endpoint },
      queues,
      runInvitations,
      outbox,
      clearOutbox,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** How many messages wait in each dead-letter queue. */
async function deadLetterCounts(sqs: Clients['sqs'], queues: QueueUrls): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [key, { dlqUrl }] of Object.entries(queues)) {
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    counts[key] = Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0);
  }
  return counts;
}
