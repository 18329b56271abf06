import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running local stack writes into its data dir, so the CLI can find it. */
export interface StackFile {
  pid: number;
  url: string;
  dataDir: string;
  endpoints: { dynamodb: string; sqs: string; s3: string; ses: string };
  tableName: string;
  startedAt: string;
}

/** Where the running stack of a data dir describes itself. */
export function stackFilePath(dataDir: string): string {
  return join(dataDir, 'stack.json');
}

/** Written once the stack is ready (mode 600: it names local endpoints only, but it is the owner's). */
export function writeStackFile(info: StackFile): void {
  writeFileSync(stackFilePath(info.dataDir), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
}

/** Removed when the stack stops, unless another stack has since taken the data dir. */
export function removeStackFile(dataDir: string, pid: number): void {
  const current = readStackFile(dataDir);
  if (current?.pid === pid) rmSync(stackFilePath(dataDir), { force: true });
}

/** The stack file of a data dir, or undefined when there is none (or it cannot be read). */
export function readStackFile(dataDir: string): StackFile | undefined {
  const file = stackFilePath(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackFile;
  } catch {
    return undefined;
  }
}

/**
 * The running stack that serves a data dir: its stack file names a live process whose health check
 * answers. A file left by a stack that was killed is ignored.
 */
export async function findRunningStack(dataDir: string): Promise<StackFile | undefined> {
  const info = readStackFile(dataDir);
  if (!info) return undefined;
  try {
    process.kill(info.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
  }
  try {
    const health = await fetch(`${info.url}/healthz`, { signal: AbortSignal.timeout(5000) });
    return health.ok ? info : undefined;
  } catch {
    return undefined;
  }
}
