import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { FUNCTIONS } from '#infra/definitions.ts';

/** The budget of one function bundle (esbuild, minified, as deployed), in bytes. */
export const BUNDLE_BUDGET_BYTES = 300 * 1024;
/**
 * The budget of one function's cold import, in milliseconds: what the function's own code adds
 * (median of fresh processes) above the AWS SDK packages it loads, which the Lambda runtime
 * provides and which alone take longer than this to import on a small machine. The whole import
 * is printed beside it.
 */
export const COLD_IMPORT_BUDGET_MS = 120;

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
  /**
   * The same import split in two, in fresh processes: the SDK packages it loads, imported alone
   * first (the floor no change to the function's code can remove on this machine), then the
   * bundle, whose time is then the function's own cost. Medians of wall and CPU ms.
   */
  sdkFloor: { medianMs: number; medianCpuMs: number };
  own: { medianMs: number; medianCpuMs: number };
}

/** What the AWS SDK alone costs to import on this machine: DynamoDB's client and document client, which every function loads. */
export interface SdkFloor {
  packages: string[];
  medianMs: number;
  medianCpuMs: number;
}

/** One function bundled as deployed, with the bytes each input module adds to it. */
export interface FunctionBundle {
  code: Uint8Array;
  /** Output bytes by input module (project paths, `node_modules/...` for packages), largest first. */
  inputs: Array<{ path: string; bytes: number }>;
}

/** Bundles one function exactly as the CDK stack does (esbuild, minified ESM for Node 24, the AWS SDK left to the runtime). */
export async function bundleFunction(root: string, name: string): Promise<FunctionBundle> {
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
    outdir: 'out',
    metafile: true,
    logLevel: 'silent',
    external: ['@aws-sdk/*'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  if (!js || !output) throw new Error(`no bundle for ${name}`);
  const inputs = Object.entries(output.inputs)
    .map(([path, input]) => ({ path, bytes: input.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { code: js.contents, inputs };
}

/** The bytes of a bundle by package (`zod`, `@aws-lambda-powertools/logger`) or project folder (`shared/classifier`), largest first. */
export function bundleShares(bundle: FunctionBundle): Array<{ part: string; bytes: number }> {
  const shares = new Map<string, number>();
  for (const { path, bytes } of bundle.inputs) {
    const segments = path.split('/');
    const part = segments[0] === 'node_modules' ? segments.slice(1, segments[1]?.startsWith('@') ? 3 : 2).join('/') : segments.slice(0, segments.length > 2 ? 2 : 1).join('/');
    shares.set(part, (shares.get(part) ?? 0) + bytes);
  }
  return [...shares].map(([part, bytes]) => ({ part, bytes })).sort((a, b) => b.bytes - a.bytes);
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
// PROBE_FIRST (the SDK packages alone) is imported and timed first, then PROBE_MODULE: its time is
// then the module's own cost, above the SDK it loads.
const timed = async (module) => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await import(module);
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
};
const first = process.env.PROBE_FIRST ? await timed(process.env.PROBE_FIRST) : undefined;
const { ms, cpuMs } = await timed(process.env.PROBE_MODULE);
process.stdout.write(JSON.stringify({ ms, cpuMs, first, clients: [...clients].sort() }));
`;

/** The packages every function loads: the floor of every cold import. */
const BASE_SDK = ['client-dynamodb', 'lib-dynamodb'];

/**
 * Measures each function's cold import: the bundle is written next to the project's node_modules
 * (so the SDK resolves as the Lambda runtime would provide it) and imported `runs` times, each in a
 * fresh Node process; one more run lists the SDK clients the import loads; then `runs` more fresh
 * processes import those clients first and the bundle after them, which splits the cold import
 * into the SDK floor and the function's own cost. The floor of every function, DynamoDB's client
 * and document client alone, is measured `runs` times too. `root` is the checkout to measure
 * (another checkout gives the figures of another commit).
 */
export async function measureColdImports(root = process.cwd(), runs = 5): Promise<{ functions: ColdImport[]; floor: SdkFloor }> {
  const absRoot = resolve(root);
  const dir = join(absRoot, 'node_modules', '.cache', 'earshot-cold-import');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const probe = join(dir, 'probe.mjs');
  writeFileSync(probe, PROBE);
  const env = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
  const once = (what: string, modules: string, extra: Record<string, string> = {}) => {
    const child = spawnSync(process.execPath, [probe], { env: { ...env, ...extra, PROBE_MODULE: modules }, encoding: 'utf8', cwd: dir });
    if (child.status !== 0) throw new Error(`importing ${what} failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as { ms: number; cpuMs: number; first?: { ms: number; cpuMs: number }; clients: string[] };
  };
  // The SDK packages as the bundles import them, resolved from the checkout's node_modules.
  const sdkModules = (packages: string[]) => {
    const file = join(dir, `sdk-${packages.join('+')}.mjs`);
    writeFileSync(file, packages.map((p) => `import '@aws-sdk/${p}';\n`).join(''));
    return pathToFileURL(file).href;
  };
  const results: ColdImport[] = [];
  try {
    const baseModule = sdkModules(BASE_SDK);
    const baseRuns = Array.from({ length: runs }, () => once('the SDK', baseModule));
    const base = { medianMs: median(baseRuns.map((m) => m.ms)), medianCpuMs: median(baseRuns.map((m) => m.cpuMs)) };
    for (const fn of Object.values(FUNCTIONS)) {
      // An older checkout may not have every function yet.
      if (!existsSync(join(absRoot, `functions/${fn.name}/handler.ts`))) continue;
      const bundle = await bundleFunction(absRoot, fn.name);
      const file = join(dir, `${fn.name}.mjs`);
      writeFileSync(file, bundle.code);
      const module = pathToFileURL(file).href;
      const measured = Array.from({ length: runs }, () => once(fn.name, module));
      const runsMs = measured.map((m) => m.ms);
      const sdkClients = once(fn.name, module, { PROBE_CLIENTS: '1' }).clients;
      const split = Array.from({ length: runs }, () => once(fn.name, module, { PROBE_FIRST: sdkModules(sdkClients) }));
      results.push({
        name: fn.name,
        bytes: bundle.code.byteLength,
        medianMs: median(runsMs),
        runsMs,
        medianCpuMs: median(measured.map((m) => m.cpuMs)),
        sdkClients,
        sdkFloor: { medianMs: median(split.map((m) => m.first!.ms)), medianCpuMs: median(split.map((m) => m.first!.cpuMs)) },
        own: { medianMs: median(split.map((m) => m.ms)), medianCpuMs: median(split.map((m) => m.cpuMs)) },
      });
    }
    return { functions: results, floor: { packages: BASE_SDK, ...base } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Prints the figures as a table (also used on its own: `tsx bench/cold-import.ts [checkout]`): per
 * function its bundle, its cold import (wall and CPU), the SDK clients it loads imported first and
 * alone (the floor), and the bundle's import after them (its own cost, what the function's code
 * decides).
 */
export function printColdImports({ functions, floor }: { functions: ColdImport[]; floor: SdkFloor }): void {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(
    `SDK floor on this machine: ${floor.packages.map((p) => `@aws-sdk/${p}`).join(' + ')} alone, fresh process: ${ms(floor.medianMs)} wall, ${ms(floor.medianCpuMs)} CPU` +
      ` (outside the budget: the runtime provides it)`,
  );
  console.log(`${'function'.padEnd(18)} ${'bundle'.padStart(9)} ${'cold import'.padStart(12)} ${'(cpu)'.padStart(8)} ${'SDK floor'.padStart(10)} ${'(cpu)'.padStart(8)} ${'own'.padStart(7)} ${'(cpu)'.padStart(8)}   SDK clients loaded`);
  for (const r of functions) {
    const flags = `${r.bytes >= BUNDLE_BUDGET_BYTES ? `  OVER ${BUNDLE_BUDGET_BYTES / 1024} KB` : ''}${r.own.medianMs > COLD_IMPORT_BUDGET_MS ? `  OWN COST OVER ${COLD_IMPORT_BUDGET_MS} ms` : ''}`;
    console.log(
      `${r.name.padEnd(18)} ${`${(r.bytes / 1024).toFixed(1)} KB`.padStart(9)} ${ms(r.medianMs).padStart(12)} ${ms(r.medianCpuMs).padStart(8)} ${ms(r.sdkFloor.medianMs).padStart(10)} ${ms(r.sdkFloor.medianCpuMs).padStart(8)} ${ms(r.own.medianMs).padStart(7)} ${ms(r.own.medianCpuMs).padStart(8)}   ${r.sdkClients.join(', ') || '(none)'}${flags}`,
    );
  }
  const own = functions.map((r) => r.own.medianMs).sort((a, b) => a - b);
  const ownCpu = functions.map((r) => r.own.medianCpuMs).sort((a, b) => a - b);
  const over = functions.filter((r) => r.own.medianMs > COLD_IMPORT_BUDGET_MS).map((r) => r.name);
  if (own.length) {
    console.log(
      `own cost above the SDK floor: ${ms(own[0]!)} to ${ms(own[own.length - 1]!)} wall, ${ms(ownCpu[0]!)} to ${ms(ownCpu[ownCpu.length - 1]!)} CPU;` +
        ` budget ${COLD_IMPORT_BUDGET_MS} ms: ${over.length ? `over in ${over.join(', ')}` : `every function within, ${ms(COLD_IMPORT_BUDGET_MS - own[own.length - 1]!)} to spare at the highest`}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printColdImports(await measureColdImports(process.argv[2] ?? process.cwd()));
}
