/**
 * Builds the command line into plain JavaScript (one esbuild bundle, ES modules, the commands other
 * than `classify` in chunks loaded when used), so `npm run -s earshot -- <command>` starts in
 * plain node instead of compiling TypeScript at every start. `npm ci` runs it (the `prepare`
 * script); cli/start.mjs runs it again whenever a source file changed since the last build.
 * Packages stay outside the bundle and load from node_modules as usual, except zod (see BUNDLED).
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository, and where builds go: under node_modules, so git and packaging ignore them and a
 * fresh `npm ci` starts without one (EARSHOT_CLI_CACHE overrides it, as the tests do; it must be
 * inside the repository, where the build finds node_modules).
 */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CACHE = process.env.EARSHOT_CLI_CACHE || join(ROOT, 'node_modules', '.cache', 'earshot-cli');

/**
 * Packages built into the bundle: zod, which every command loads (the config schema), costs about
 * 0.1 s of CPU at start-up when node loads it file by file from node_modules; bundled, only the parts
 * the commands use are there, in one file.
 */
const BUNDLED = /^zod(?:\/|$)/;

/** Every other package (and node's built-in modules) stays outside the bundle. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./#]/ }, (args) => (BUNDLED.test(args.path) ? undefined : { path: args.path, external: true }));
  },
};

/** Builds older than this are removed by the next build (a running command may still load one of its chunks). */
const KEEP_MS = 10 * 60 * 1000;

/**
 * Builds the CLI into a new directory and points `current.json` at it (written by rename, so a
 * command starting meanwhile reads the old build or the new one, never half of one). Returns what
 * `current.json` holds: the build's directory and every source file it was built from, with its
 * modification time and size.
 */
export async function buildCli() {
  const dir = `${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(CACHE, dir);
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['cli/earshot.ts'],
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    plugins: [externalPackages],
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((file) => !file.startsWith('node_modules/'))
    .map((file) => {
      const stat = statSync(join(ROOT, file));
      return [file, stat.mtimeMs, stat.size];
    });
  const current = { dir, inputs };
  mkdirSync(CACHE, { recursive: true });
  const next = join(CACHE, `current.${dir}.json`);
  writeFileSync(next, JSON.stringify(current));
  renameSync(next, join(CACHE, 'current.json'));
  // The compiled code V8 keeps (cli/start.mjs) is of older builds: it starts again with this one.
  rmSync(join(CACHE, 'compiled'), { recursive: true, force: true });
  for (const entry of readdirSync(CACHE)) {
    const born = parseInt(entry.split('-')[0], 36);
    if (entry !== dir && !entry.endsWith('.json') && !(Date.now() - born < KEEP_MS)) rmSync(join(CACHE, entry), { recursive: true, force: true });
  }
  return current;
}

// As the `prepare` script: an install without development packages (`npm ci --omit=dev`) has no
// esbuild and needs no command line, so it goes on without one.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildCli();
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes("'esbuild'")) throw error;
    console.warn('earshot: command line not built (esbuild, a development package, is not installed)');
  }
}
