import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * The table module's choice, measured: the process-feedback bundle (the largest that reads and
 * writes the table) with the project's own declarative module, and the same bundle with the
 * entities it uses declared in ElectroDB (custom key templates keeping today's keys). Size as
 * deployed, cold import median of 5 fresh processes. ElectroDB is not a dependency: install it
 * for the comparison with `npm install --no-save electrodb`, then `npx tsx bench/table-choice.ts`.
 */

// The entities process-feedback touches, in ElectroDB, with today's keys.
const ELECTRO_ENTITIES = `
import { Entity, Service } from 'electrodb';
const key = (template, composite) => ({ field: 'pk', composite, template, casing: 'none' });
const sort = (template, composite) => ({ field: 'sk', composite, template, casing: 'none' });
const str = { type: 'string' }, num = { type: 'number' }, bool = { type: 'boolean' }, any = { type: 'any' };
const ttl = { expiresAt: { type: 'number' } };
const customer = new Entity({ model: { entity: 'customer', version: '1', service: 'earshot' }, attributes: {
  customerId: { type: 'string', required: true }, name: str, emails: { type: 'set', items: 'string' }, phones: { type: 'set', items: 'string' },
  handles: { type: 'set', items: 'string' }, orderIds: { type: 'set', items: 'string' }, orderCount: num, orderValue: num, currency: str,
  createdAt: str, updatedAt: str, mergedInto: str, mergedFrom: { type: 'set', items: 'string' }, countedOrders: { type: 'set', items: 'string' },
  valueCents: str, ...ttl },
  indexes: { primary: { pk: key('CUSTOMER#\${customerId}', ['customerId']), sk: sort('#PROFILE', []) },
    byValue: { index: 'gsi2', pk: { field: 'gsi2pk', composite: [], template: 'CUSTOMERS#BY-VALUE', casing: 'none' }, sk: { field: 'gsi2sk', composite: ['valueCents'], template: '\${valueCents}', casing: 'none' } } } });
const complaints = new Entity({ model: { entity: 'complaints', version: '1', service: 'earshot' }, attributes: {
  customerId: { type: 'string', required: true }, entries: { type: 'list', items: { type: 'map', properties: { id: str, at: str, channel: str, incident: str } } }, ids: { type: 'set', items: 'string' }, ...ttl },
  indexes: { primary: { pk: key('CUSTOMER#\${customerId}', ['customerId']), sk: sort('#COMPLAINTS', []) } } });
const identity = new Entity({ model: { entity: 'identity', version: '1', service: 'earshot' }, attributes: { identity: { type: 'string', required: true }, customerId: str, kind: str },
  indexes: { primary: { pk: key('IDENTITY#\${identity}', ['identity']), sk: sort('#IDENTITY', []) } } });
const feedback = new Entity({ model: { entity: 'feedback', version: '1', service: 'earshot' }, attributes: {
  id: { type: 'string', required: true }, channel: str, receivedAt: str, processedAt: str, rawKey: str, text: str, customer: any, orderIds: { type: 'list', items: str },
  score: num, subject: str, source: str, url: str, rating: num, followers: num, classification: any, complaint: bool, customerId: str, alertKeys: { type: 'list', items: str },
  incident: str, handledAt: str, ...ttl },
  indexes: { primary: { pk: key('FEEDBACK#\${id}', ['id']), sk: sort('#FEEDBACK', []) },
    history: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['customerId'], template: 'CUSTOMER#\${customerId}', casing: 'none' }, sk: { field: 'gsi1sk', composite: ['receivedAt', 'id'], template: '\${receivedAt}#\${id}', casing: 'none' } },
    open: { index: 'gsi2', pk: { field: 'gsi2pk', composite: [], template: 'OPEN#COMPLAINTS', casing: 'none' }, sk: { field: 'gsi2sk', composite: ['receivedAt', 'id'], template: '\${receivedAt}#\${id}', casing: 'none' } } } });
const alert = new Entity({ model: { entity: 'alert', version: '1', service: 'earshot' }, attributes: {
  incidentKey: { type: 'string', required: true }, kind: str, urgent: bool, to: { type: 'list', items: str }, subject: str, body: any, headers: any, status: str, createdAt: str,
  attempts: num, nextAttemptAt: str, sentAt: str, messageId: str, lastError: str, feedbackIds: { type: 'list', items: str }, batched: bool, rateCounted: bool,
  members: { type: 'list', items: str }, leaseUntil: str, followUps: num },
  indexes: { primary: { pk: key('ALERT#\${incidentKey}', ['incidentKey']), sk: sort('#ALERT', []) },
    pending: { index: 'gsi1', pk: { field: 'gsi1pk', composite: [], template: 'ALERT#PENDING', casing: 'none' }, sk: { field: 'gsi1sk', composite: ['nextAttemptAt'], template: '\${nextAttemptAt}', casing: 'none' } } } });
const rate = new Entity({ model: { entity: 'rate', version: '1', service: 'earshot' }, attributes: { bucket: { type: 'string', required: true }, taken: num, ...ttl },
  indexes: { primary: { pk: key('RATE#\${bucket}', ['bucket']), sk: sort('#RATE', []) } } });
const dayTopic = new Entity({ model: { entity: 'topic', version: '1', service: 'earshot' }, attributes: { day: { type: 'string', required: true }, topic: { type: 'string', required: true },
  complaints: num, quote: str, quoteId: str, ids: { type: 'list', items: str }, customers: { type: 'set', items: 'string' }, ...ttl },
  indexes: { primary: { pk: key('DAY#\${day}', ['day']), sk: sort('TOPIC#\${topic}', ['topic']) } } });
const dayPraise = new Entity({ model: { entity: 'praise', version: '1', service: 'earshot' }, attributes: { day: { type: 'string', required: true }, at: { type: 'string', required: true },
  id: { type: 'string', required: true }, channel: str, quote: str, customer: str, staff: { type: 'list', items: str }, ...ttl },
  indexes: { primary: { pk: key('DAY#\${day}', ['day']), sk: sort('PRAISE#\${at}#\${id}', ['at', 'id']) } } });
export const electroService = new Service({ customer, complaints, identity, feedback, alert, rate, dayTopic, dayPraise });
`;

const BUNDLE = {
  bundle: true,
  minify: true,
  platform: 'node' as const,
  target: 'node24',
  format: 'esm' as const,
  mainFields: ['module', 'main'],
  write: false,
  logLevel: 'silent' as const,
  external: ['@aws-sdk/*'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
};

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** Builds both variants and measures them. */
export async function compareTableModules(root = process.cwd()): Promise<Array<{ variant: string; bytes: number; medianMs: number; medianCpuMs: number }>> {
  const absRoot = resolve(root);
  createRequire(join(absRoot, 'package.json')).resolve('electrodb');
  const dir = join(absRoot, 'node_modules', '.cache', 'earshot-table-choice');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const handler = join(absRoot, 'functions/process-feedback/handler.ts');
  writeFileSync(join(dir, 'electro-entities.mjs'), ELECTRO_ENTITIES);
  writeFileSync(join(dir, 'with-electrodb.mjs'), `export { handler } from ${JSON.stringify(handler)};\nexport { electroService } from './electro-entities.mjs';\n`);
  const probe = join(dir, 'probe.mjs');
  writeFileSync(
    probe,
    "const c = process.cpuUsage(); const t = performance.now(); await import(process.env.PROBE_MODULE); const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ ms: performance.now() - t, cpuMs: (u.user + u.system) / 1000 }));",
  );
  const results = [];
  try {
    for (const [variant, entry] of [
      ['own declarative module', handler],
      ['with ElectroDB entities', join(dir, 'with-electrodb.mjs')],
    ] as const) {
      const output = await build({ ...BUNDLE, absWorkingDir: absRoot, entryPoints: [entry] });
      const bytes = output.outputFiles![0]!.contents;
      const file = join(dir, `${variant.replace(/\W+/g, '-')}.mjs`);
      writeFileSync(file, bytes);
      const runs = Array.from({ length: 5 }, () => {
        const child = spawnSync(process.execPath, [probe], {
          env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'ERROR', PROBE_MODULE: pathToFileURL(file).href },
          encoding: 'utf8',
        });
        if (child.status !== 0) throw new Error(`${variant}: ${child.stderr.split("\n").filter((l) => l.length < 400).join("\n")}`);
        return JSON.parse(child.stdout) as { ms: number; cpuMs: number };
      });
      results.push({ variant, bytes: bytes.byteLength, medianMs: median(runs.map((r) => r.ms)), medianCpuMs: median(runs.map((r) => r.cpuMs)) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await compareTableModules()) {
    console.log(`process-feedback, ${r.variant.padEnd(24)} ${(r.bytes / 1024).toFixed(1).padStart(7)} KB   cold import ${r.medianMs.toFixed(0).padStart(4)} ms (cpu ${r.medianCpuMs.toFixed(0)} ms)`);
  }
}
