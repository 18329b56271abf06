import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ENV } from './emulators.ts';

/** `npm start` in a child process, as an owner runs it: for tests that kill or hammer the process. */
export interface StackProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** The emulator endpoints the stack printed when it started. */
  endpoints: { dynamodb: string; sqs: string; ses: string };
  /** Everything the process wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** Kills the process with SIGKILL (no shutdown code runs) and waits until it is gone. */
  kill(): Promise<void>;
  /** Ctrl-C: resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A fresh data dir for a stack process; remove it with `removeDataDir`. */
export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'earshot-fault-'));
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Starts `infra/local/start.ts` in a child process on `port` with the given data dir (reuse both
 * to restart the same stack) and resolves once `/healthz` answers 200 and the start-up lines with
 * the emulator endpoints are printed.
 */
export async function startStackProcess(options: { dataDir: string; port?: number; env?: Record<string, string> }): Promise<StackProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    env: {
      ...process.env,
      ...TEST_ENV,
      EARSHOT_PUBLIC_URL: url,
      EARSHOT_PORT: String(port),
      EARSHOT_DATA_DIR: options.dataDir,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the stack exited (${child.exitCode ?? child.signalCode}): ${stderr.slice(-2000)}`);
    const healthy = await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false);
    if (healthy && /DynamoDB (\S+)\s+SQS\/S3 (\S+)\s+SES (\S+)/.test(stdout)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the stack did not become healthy within 60 s: ${stderr.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const [, dynamodb, sqs, ses] = /DynamoDB (\S+)\s+SQS\/S3 (\S+)\s+SES (\S+)/.exec(stdout)!;
  return {
    url,
    port,
    dataDir: options.dataDir,
    child,
    endpoints: { dynamodb: dynamodb!, sqs: sqs!, ses: ses! },
    stderr: () => stderr,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}
