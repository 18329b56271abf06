import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '#infra/local/stack.ts';
import { TEST_ENV } from './emulators.ts';

/** The local stack on free ports with a throw-away data dir, and a fetch bound to it. */
export interface TestStack extends LocalStack {
  fetch(path: string, init?: RequestInit): Promise<Response>;
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
  return {
    ...stack,
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
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
