/**
 * How `npm run -s earshot -- <command>` starts: in plain node, from the built CLI (cli/build.mjs),
 * rebuilt first when a source file changed since it was built (or when there is no build yet), so
 * the command always runs the code in the working tree.
 *
 * The Node version check that other npm scripts run as a `pre` script runs here, in this process
 * (one Node start-up fewer for every command).
 */
import '../scripts/check-node.mjs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** As in cli/build.mjs (not imported from there: it loads esbuild, which a fresh build does not need). */
const CACHE = process.env.EARSHOT_CLI_CACHE || join(ROOT, 'node_modules', '.cache', 'earshot-cli');

/** Whether a build is there and every file it was built from is unchanged. */
function fresh(current) {
  if (!current || !existsSync(join(CACHE, current.dir, 'earshot.mjs'))) return false;
  for (const [file, mtime, size] of current.inputs) {
    let stat;
    try {
      stat = statSync(join(ROOT, file));
    } catch {
      return false;
    }
    if (stat.mtimeMs !== mtime || stat.size !== size) return false;
  }
  return true;
}

let current;
try {
  current = JSON.parse(readFileSync(join(CACHE, 'current.json'), 'utf8'));
} catch {
  current = undefined;
}
if (!fresh(current)) current = await (await import('./build.mjs')).buildCli();
// V8 keeps the compiled code of the build beside it, so later starts skip compiling it.
enableCompileCache(join(CACHE, 'compiled'));
await import(pathToFileURL(join(CACHE, current.dir, 'earshot.mjs')).href);
