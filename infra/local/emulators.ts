import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { buildApp } from 'fauxqs';
import * as sesModule from 'aws-ses-v2-local';

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

/** SQS and S3 (fauxqs), in memory, on 127.0.0.1. */
export async function startSqsS3(options: { port?: number } = {}): Promise<Emulator> {
  const app = buildApp({ logger: false, host: '127.0.0.1' });
  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  return {
    endpoint: address.replace('localhost', '127.0.0.1'),
    stop: async () => {
      await app.close();
    },
  };
}

/** SES v1/v2 (aws-ses-v2-local) on 127.0.0.1; `GET /store` lists what was sent. */
export async function startSes(options: { port?: number } = {}): Promise<Emulator> {
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
