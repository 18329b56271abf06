import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { logger } from '#shared/logger.ts';

/**
 * Parts of the local stack that run on threads of their own (the emulators, each queue consumer),
 * so they use the machine's other cores as Lambda functions and AWS services run apart from each
 * other. Threads belong to the stack's process: a SIGKILL of the stack ends them with it, and
 * nothing is left running.
 *
 * The protocol: the thread answers `{ ready: value }` (or `{ failed }`) once started, then answers
 * each `{ id, command, payload }` with `{ id, done }` or `{ id, error }`. `stop` is the last command.
 */

/** A part of the stack running on its own thread. */
export interface Thread<Ready> {
  /** What the thread answered when it was ready (an emulator's endpoint, for example). */
  ready: Ready;
  /** Runs one of the thread's commands (with its plain-data payload) and resolves when the thread has done it. */
  call(command: string, payload?: unknown): Promise<void>;
  /** Runs the thread's `stop` command, then ends the thread. */
  stop(): Promise<void>;
}

type Reply = { ready: unknown } | { failed: string } | { id: number; done: true } | { id: number; error: string };

/** Where the threads' entry modules are built, under the project's node_modules (so their packages resolve). */
const BUILD_DIR = fileURLToPath(new URL('../../node_modules/.cache/earshot-threads/', import.meta.url));
const builds = new Map<string, Promise<URL>>();

/**
 * A thread's entry module as plain JavaScript: the TypeScript sources it imports bundled by
 * esbuild (as the functions are for Lambda), the packages left to Node. A thread then starts
 * without a TypeScript loader, whose module hooks cost a round trip per module on every thread.
 * Built once per process and entry, into a directory named by the content (shared by stacks that
 * run the same code; a half-written one is never used).
 */
function runnable(entry: URL): Promise<URL> {
  const key = entry.href;
  if (!builds.has(key)) builds.set(key, build(fileURLToPath(entry)));
  return builds.get(key)!;
}

async function build(entry: string): Promise<URL> {
  const { build: bundle } = await import('esbuild');
  const outdir = join(BUILD_DIR, 'out');
  const result = await bundle({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    packages: 'external',
    outdir,
    write: false,
    logLevel: 'silent',
  });
  const hash = createHash('sha256');
  for (const file of result.outputFiles) hash.update(relative(outdir, file.path)).update(file.contents);
  const dir = join(BUILD_DIR, hash.digest('hex').slice(0, 20));
  if (!existsSync(dir)) {
    const partial = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}`;
    for (const file of result.outputFiles) {
      const path = join(partial, relative(outdir, file.path));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents);
    }
    try {
      renameSync(partial, dir);
    } catch {
      // Another stack wrote the same build first.
      rmSync(partial, { recursive: true, force: true });
    }
    pruneBuilds(dir);
  }
  return pathToFileURL(join(dir, `${basename(entry, '.ts')}.js`));
}

/** Removes builds of code no stack has started for a week. */
function pruneBuilds(keep: string): void {
  const weekAgo = Date.now() - 7 * 86_400_000;
  for (const name of readdirSync(BUILD_DIR)) {
    const path = join(BUILD_DIR, name);
    if (path !== keep && statSync(path).mtimeMs < weekAgo) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Starts `entry` (a module that calls `serveThread`) on a new thread with `data`, and resolves once
 * it is ready. `onExit` hears of a thread that ends without being stopped (a crash).
 */
export async function startThread<Ready>(entry: URL, data: unknown, options: { name: string; onExit?: (code: number) => void }): Promise<Thread<Ready>> {
  // No execArgv of this process (its TypeScript loader) is passed on: the entry is plain JavaScript.
  const worker = new Worker(await runnable(entry), { workerData: data, name: options.name, execArgv: [] });
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let stopping = false;
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  void exited.then((code) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`${options.name}: the thread ended (exit code ${code})`));
    pending.clear();
    if (!stopping) options.onExit?.(code);
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) resolve(reply.ready as Ready);
      else if ('failed' in reply) reject(new Error(`${options.name}: ${reply.failed}`));
      else {
        const waiting = pending.get(reply.id);
        pending.delete(reply.id);
        if ('error' in reply) waiting?.reject(new Error(`${options.name}: ${reply.error}`));
        else waiting?.resolve();
      }
    });
    worker.once('error', (error) => {
      logger.error('local thread failed', { thread: options.name, error: String(error) });
      reject(error);
    });
    void exited.then((code) => reject(new Error(`${options.name}: the thread ended before it was ready (exit code ${code})`)));
  }).catch(async (error: unknown) => {
    stopping = true;
    await worker.terminate();
    throw error;
  });
  const call = (command: string, payload?: unknown) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, command, payload });
    });
  return {
    ready,
    call,
    stop: async () => {
      if (stopping) return;
      stopping = true;
      await call('stop').catch((error: unknown) => logger.error('local thread did not stop cleanly', { thread: options.name, error: String(error) }));
      // Stopped: whatever handle a library left open (a keep-alive socket) does not hold the thread.
      await worker.terminate();
    },
  };
}

/** What a thread's entry module starts: the value it is ready with, its commands, and how it stops. */
export interface Served {
  ready?: unknown;
  commands?: Record<string, (payload: never) => Promise<void>>;
  stop(): Promise<void>;
}

/** The entry side of `startThread`: starts the part with the thread's data and serves its commands. */
export function serveThread<Data>(start: (data: Data) => Promise<Served>): void {
  const port = parentPort;
  if (!port) throw new Error('serveThread runs on a thread started by startThread');
  start(workerData as Data).then(
    (served) => {
      port.on('message', async ({ id, command, payload }: { id: number; command: string; payload: never }) => {
        try {
          const run = command === 'stop' ? () => served.stop() : served.commands?.[command];
          if (!run) throw new Error(`no command ${command}`);
          await run(payload);
          port.postMessage({ id, done: true });
        } catch (error) {
          port.postMessage({ id, error: String(error) });
        }
      });
      port.postMessage({ ready: served.ready ?? null });
    },
    (error: unknown) => port.postMessage({ failed: String((error as Error)?.stack ?? error) }),
  );
}
