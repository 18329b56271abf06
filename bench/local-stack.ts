import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** `npm start` as a newcomer runs it (through tsx), on a free port with a fresh data dir. */
export interface StartedStack {
  url: string;
  startupMs: number;
  child: ChildProcess;
  /** The emulator endpoints the stack printed when it started. */
  endpoints: { dynamodb: string; sqs: string; ses: string };
  /** Sends Ctrl-C (SIGINT) and resolves with the exit code and how long shutdown took. */
  stop(): Promise<{ code: number | null; ms: number }>;
}

export async function startStackProcess(env: Record<string, string> = {}): Promise<StartedStack> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-bench-'));
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    env: {
      ...process.env,
      EARSHOT_PORT: String(port),
      EARSHOT_DATA_DIR: dataDir,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const printed = /DynamoDB (\S+)\s+SQS\/S3 (\S+)\s+SES (\S+)/;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the stack exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200 && printed.test(stdout)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the stack did not become healthy within 60 s');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const startupMs = performance.now() - started;
  const [, dynamodb, sqs, ses] = printed.exec(stdout)!;
  return {
    url,
    endpoints: { dynamodb: dynamodb!, sqs: sqs!, ses: ses! },
    startupMs,
    child,
    stop: () =>
      new Promise((resolve) => {
        const begin = performance.now();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          rmSync(dataDir, { recursive: true, force: true });
          resolve({ code, ms: performance.now() - begin });
        });
        child.kill('SIGINT');
      }),
  };
}

/** The p-th percentile (0-100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
