import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { FUNCTIONS } from '#infra/definitions.ts';

/** One function bundle as deployed: its size, its cold import time and the SDK clients it loads. */
export interface ColdImport {
  name: string;
  bytes: number;
  /** Median wall time of the runs, each in a fresh Node process. */
  medianMs: number;
  runsMs: number[];
  /** Median CPU time (user + system) of the same runs: steadier than wall time on a busy machine. */
  medianCpuMs: number;
  /** `@aws-sdk/client-*` and `@aws-sdk/lib-dynamodb` packages the import loads. */
  sdkClients: string[];
}

/** Bundles one function exactly as the CDK stack does (esbuild, minified ESM for Node 24, the AWS SDK left to the runtime). */
export async function bundleFunction(root: string, name: string): Promise<Uint8Array> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, `functions/${name}/handler.ts`)],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
    external: ['@aws-sdk/*'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const [js] = result.outputFiles;
  if (!js) throw new Error(`no bundle for ${name}`);
  return js.contents;
}

// Runs in the fresh process: times the import and, when asked, lists the SDK packages resolved.
const PROBE = `
import { registerHooks } from 'node:module';
const clients = new Set();
if (process.env.PROBE_CLIENTS) {
  registerHooks({
    resolve(specifier, context, next) {
      const m = /^@aws-sdk\\/(client-[a-z0-9-]+|lib-dynamodb)$/.exec(specifier);
      if (m) clients.add(m[1]);
      return next(specifier, context);
    },
  });
}
const cpu = process.cpuUsage();
const started = performance.now();
await import(process.env.PROBE_MODULE);
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, clients: [...clients].sort() }));
`;

/**
 * Measures each function's cold import: the bundle is written next to the project's node_modules
 * (so the SDK resolves as the Lambda runtime would provide it) and imported `runs` times, each in a
 * fresh Node process; one more run lists the SDK clients the import loads. `root` is the checkout
 * to measure (another checkout gives the figures of another commit).
 */
export async function measureColdImports(root = process.cwd(), runs = 5): Promise<ColdImport[]> {
  const absRoot = resolve(root);
  const dir = join(absRoot, 'node_modules', '.cache', 'earshot-cold-import');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const probe = join(dir, 'probe.mjs');
  writeFileSync(probe, PROBE);
  const results: ColdImport[] = [];
  try {
    for (const fn of Object.values(FUNCTIONS)) {
      // An older checkout may not have every function yet.
      if (!existsSync(join(absRoot, `functions/${fn.name}/handler.ts`))) continue;
      const bundle = await bundleFunction(absRoot, fn.name);
      const file = join(dir, `${fn.name}.mjs`);
      writeFileSync(file, bundle);
      const env = {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'us-east-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        PROBE_MODULE: pathToFileURL(file).href,
      };
      const once = (extra: Record<string, string> = {}) => {
        const child = spawnSync(process.execPath, [probe], { env: { ...env, ...extra }, encoding: 'utf8' });
        if (child.status !== 0) throw new Error(`importing ${fn.name} failed: ${child.stderr}`);
        return JSON.parse(child.stdout) as { ms: number; cpuMs: number; clients: string[] };
      };
      const measured = Array.from({ length: runs }, () => once());
      const runsMs = measured.map((m) => m.ms);
      results.push({
        name: fn.name,
        bytes: bundle.byteLength,
        medianMs: median(runsMs),
        runsMs,
        medianCpuMs: median(measured.map((m) => m.cpuMs)),
        sdkClients: once({ PROBE_CLIENTS: '1' }).clients,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Prints the figures as a table (also used on its own: `tsx bench/cold-import.ts [checkout]`). */
export function printColdImports(results: ColdImport[]): void {
  console.log(`${'function'.padEnd(18)} ${'bundle'.padStart(9)} ${'cold import'.padStart(12)} ${'(cpu)'.padStart(8)}   SDK clients loaded`);
  for (const r of results) {
    const flags = `${r.bytes >= 300 * 1024 ? '  OVER 300 KB' : ''}${r.medianMs > 120 ? '  OVER 120 ms' : ''}`;
    console.log(
      `${r.name.padEnd(18)} ${`${(r.bytes / 1024).toFixed(1)} KB`.padStart(9)} ${`${r.medianMs.toFixed(0)} ms`.padStart(12)} ${`${r.medianCpuMs.toFixed(0)} ms`.padStart(8)}   ${r.sdkClients.join(', ') || '(none)'}${flags}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printColdImports(await measureColdImports(process.argv[2] ?? process.cwd()));
}
