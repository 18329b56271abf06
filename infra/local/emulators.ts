import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { buildApp } from 'fauxqs';
import { startThread } from '#infra/local/threads.ts';
import { logger } from '#shared/logger.ts';

/** A running emulator: where to reach it and how to stop it. */
export interface Emulator {
  endpoint: string;
  stop(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

/** DynamoDB (dynalite), persisted under `path` when given, on 127.0.0.1. */
export async function startDynamo(options: { path?: string; port?: number } = {}): Promise<Emulator> {
  if (options.path) mkdirSync(options.path, { recursive: true });
  // Each emulator loads its own package only (an emulator thread loads one).
  const { default: dynalite } = await import('dynalite');
  const server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    // dynalite's close() also closes its LevelDB, so the data dir can be reopened.
    stop: () => closeServer(server),
  };
}

/**
 * SQS and S3 (fauxqs) on 127.0.0.1: in memory, or persisted to SQLite under `dataDir` when given, so
 * queued messages, in-flight messages and archived objects survive a crash of the local stack.
 *
 * fauxqs's own `startFauxqs` listens on every interface; this wires the same stores and SQLite
 * persistence into `buildApp` and listens on loopback only.
 */
export async function startSqsS3(options: { port?: number; dataDir?: string; releaseInFlight?: boolean } = {}): Promise<Emulator> {
  const { buildApp } = await import('fauxqs');
  const stores = options.dataDir ? await persistentFauxqsStores(options.dataDir, options.releaseInFlight ?? false) : undefined;
  const app = buildApp({ logger: false, ...(stores ? { stores: stores.stores } : {}) });
  if (stores) app.addHook('preClose', () => stores.close());
  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  return {
    endpoint: address.replace('localhost', '127.0.0.1'),
    stop: async () => {
      await app.close();
    },
  };
}

/** The stores `buildApp` accepts (SQS, SNS, S3). */
type FauxqsStores = NonNullable<NonNullable<Parameters<typeof buildApp>[0]>['stores']>;

/**
 * fauxqs's stores loaded from, and written through to, its SQLite file under `dataDir`. With
 * `releaseInFlight`, messages that were received but neither deleted nor made visible again are
 * visible at once: the consumers that held them belonged to the process that stopped (a restart
 * after a crash continues at once instead of after the visibility timeout). Receive counts stay.
 */
async function persistentFauxqsStores(dataDir: string, releaseInFlight: boolean): Promise<{ stores: FauxqsStores; close(): void }> {
  mkdirSync(dataDir, { recursive: true });
  // The stores are not in the package's exports; load them beside its entry point (version pinned).
  const entry = import.meta.resolve('fauxqs');
  const load = (path: string) => import(new URL(path, entry).href);
  const [{ SqsStore }, { SnsStore }, { S3Store }, { PersistenceManager }] = await Promise.all([
    load('./sqs/sqsStore.js'),
    load('./sns/snsStore.js'),
    load('./s3/s3Store.js'),
    load('./persistence.js'),
  ]);
  const stores = { sqsStore: new SqsStore(), snsStore: new SnsStore(), s3Store: new S3Store() } as FauxqsStores;
  const persistence = new PersistenceManager(dataDir);
  // fauxqs opens its file in WAL mode with SQLite's default synchronous=FULL: an fsync on every
  // send, receive and delete, each blocking the emulator (about 5 ms on an idle disk, far more on a
  // busy one). In WAL mode NORMAL syncs at checkpoints only: a committed write survives a crash or
  // SIGKILL of the stack; only a power loss or an OS crash can lose the last few.
  persistence.db.exec('PRAGMA synchronous = NORMAL');
  // fauxqs 2.4 writes NULL into the NOT NULL receive count when a message is made visible again
  // (ChangeMessageVisibility to 0), and the failed write drops the message: clear only the
  // in-flight columns instead, keeping the receive count the redrive policy needs.
  const makeReady = persistence.db.prepare('UPDATE sqs_messages SET receipt_handle = NULL, visibility_deadline = NULL WHERE message_id = ?');
  persistence.updateMessageReady = (messageId: string) => {
    makeReady.run(messageId);
  };
  if (releaseInFlight) persistence.db.exec('UPDATE sqs_messages SET receipt_handle = NULL, visibility_deadline = NULL WHERE receipt_handle IS NOT NULL');
  // Load first, then attach, as fauxqs does: loading must not write back.
  persistence.load(stores.sqsStore, stores.snsStore, stores.s3Store);
  stores.sqsStore.persistence = persistence;
  stores.snsStore.persistence = persistence;
  stores.s3Store.persistence = persistence;
  for (const queue of stores.sqsStore.allQueues()) queue.persistence = persistence;
  return { stores, close: () => persistence.close() };
}

/** SES v1/v2 (aws-ses-v2-local) on 127.0.0.1; `GET /store` lists what was sent. */
export async function startSes(options: { port?: number } = {}): Promise<Emulator> {
  const sesModule = await import('aws-ses-v2-local');
  // The package is CommonJS with an `exports.default`; unwrap it the same way under any loader.
  const start = (sesModule as unknown as { default: typeof sesModule.default | { default: typeof sesModule.default } }).default;
  const sesLocal = typeof start === 'function' ? start : start.default;
  const server = await sesLocal({ host: '127.0.0.1', port: options.port ?? 0 });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => closeServer(server),
  };
}

/** Which emulator to start, with its options. */
export type EmulatorSpec =
  | { kind: 'dynamodb'; options: Parameters<typeof startDynamo>[0] }
  | { kind: 'sqs-s3'; options: Parameters<typeof startSqsS3>[0] }
  | { kind: 'ses'; options: Parameters<typeof startSes>[0] };

/**
 * An emulator on a thread of its own, as the AWS services run apart from the functions: its
 * requests are served on another core than the stack's HTTP front door and its consumers, and its
 * synchronous work (LevelDB, SQLite) blocks only itself. The thread ends with the process.
 */
export async function startEmulatorThread(spec: EmulatorSpec): Promise<Emulator> {
  const thread = await startThread<string>(new URL('./emulator-thread.ts', import.meta.url), spec, {
    name: `emulator ${spec.kind}`,
    onExit: (code) => logger.error('an emulator thread ended', { emulator: spec.kind, code }),
  });
  return { endpoint: thread.ready, stop: () => thread.stop() };
}
