import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Proves that the layer rules of `.dependency-cruiser.cjs` (run over the code by `npm run rules`,
 * part of `npm test`) fail on a forbidden import: a small tree laid out like the project, with one
 * forbidden import per rule, is checked with the project's own configuration.
 */
const CONFIG = resolve('.dependency-cruiser.cjs');
const DEPCRUISE = resolve('node_modules/.bin/depcruise');

/** Files of the probe tree: each forbidden import is commented with the rule it breaks. */
const FILES: Record<string, string> = {
  'shared/domain/order.ts': "export const ORDER = 'order';\n",
  'shared/domain/pure.ts': "import { ORDER } from './order.ts';\nimport { archive } from '../adapters/archive.ts'; // domain-imports-only-domain\nexport const pure = [ORDER, archive];\n",
  'shared/ports/archive.ts': "export interface Archive { put(key: string): Promise<void> }\n",
  'shared/ports/mailer.ts': "import { layout } from '../emails/layout.ts'; // ports-import-only-domain\nexport const mailer = layout;\n",
  'shared/ports/left.ts': "import { right } from './right.ts'; // no-cycles\nexport const left = () => right;\n",
  'shared/ports/right.ts': "import { left } from './left.ts';\nexport const right = () => left;\n",
  'shared/emails/layout.ts': "import { settings } from '../config.ts'; // rendering-imports-domain-and-ports\nexport const layout = settings;\n",
  'shared/config.ts': "export const settings = {};\n",
  'shared/adapters/archive.ts': "import type { Archive } from '../ports/archive.ts';\nexport const archive: Archive = { put: async () => undefined };\n",
  'shared/adapters/loner.ts': "export const loner = 1; // adapters-implement-ports (no port)\n",
  'shared/adapters/caller.ts': "import type { Archive } from '../ports/archive.ts';\nimport { useCase } from '../use-cases/record.ts'; // adapters-never-import-use-cases\nexport const caller: Archive = { put: async () => useCase() };\n",
  'shared/use-cases/record.ts': "import { archive } from '../adapters/archive.ts'; // use-cases-never-import-adapters\nexport const useCase = async () => archive.put('k');\n",
  'shared/http/api.ts': "import { LIMIT } from '../../infra/definitions.ts'; // handlers-never-import-infra\nexport const api = LIMIT;\n",
  'shared/helper.ts': "import { makeOrdersHandler } from '../functions/orders/make-handler.ts'; // shared-never-imports-functions\nexport const helper = makeOrdersHandler;\n",
  'functions/orders/make-handler.ts': "import { archive } from '../../shared/adapters/archive.ts'; // handlers-take-ports-not-adapters\nimport { other } from '../survey/make-handler.ts'; // functions-stay-apart\nexport const makeOrdersHandler = () => [archive, other];\n",
  'functions/orders/deps.ts':
    "import { archive } from '../../shared/adapters/archive.ts';\nimport { processing } from '../../shared/composition/processing.ts';\nexport const createOrdersDeps = () => ({ archive, processing });\n",
  'shared/composition/processing.ts': "import { archive } from '../adapters/archive.ts';\nexport const processing = { archive };\n",
  'shared/use-cases/wired.ts': "import { processing } from '../composition/processing.ts'; // compositions-only-in-roots\nexport const wired = processing;\n",
  'functions/orders/handler.ts':
    "import { createOrdersDeps } from './deps.ts';\nimport { makeOrdersHandler } from './make-handler.ts';\nimport { archive } from '../../shared/adapters/archive.ts'; // entry-point-is-one-line\nexport const handler = [makeOrdersHandler, createOrdersDeps, archive];\n",
  'functions/survey/make-handler.ts': "export const other = 1;\n",
  'infra/definitions.ts': "export const LIMIT = 1;\n",
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', allowImportingTsExtensions: true, noEmit: true } }),
};

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

let dir: string;
let violations: Violation[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-rules-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const run = promisify(execFile);
  // The checker exits non-zero when it finds violations: that is the point here.
  const answer = await run(DEPCRUISE, ['shared', 'functions', 'infra', '--config', CONFIG, '--output-type', 'json'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  violations = (JSON.parse(answer.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the layer rules (npm run rules)', () => {
  it.each([
    ['domain-imports-only-domain', 'shared/domain/pure.ts', 'shared/adapters/archive.ts'],
    ['ports-import-only-domain', 'shared/ports/mailer.ts', 'shared/emails/layout.ts'],
    ['rendering-imports-domain-and-ports', 'shared/emails/layout.ts', 'shared/config.ts'],
    ['use-cases-never-import-adapters', 'shared/use-cases/record.ts', 'shared/adapters/archive.ts'],
    ['adapters-never-import-use-cases', 'shared/adapters/caller.ts', 'shared/use-cases/record.ts'],
    ['handlers-never-import-infra', 'shared/http/api.ts', 'infra/definitions.ts'],
    ['handlers-take-ports-not-adapters', 'functions/orders/make-handler.ts', 'shared/adapters/archive.ts'],
    ['functions-stay-apart', 'functions/orders/make-handler.ts', 'functions/survey/make-handler.ts'],
    ['entry-point-is-one-line', 'functions/orders/handler.ts', 'shared/adapters/archive.ts'],
    ['shared-never-imports-functions', 'shared/helper.ts', 'functions/orders/make-handler.ts'],
    ['compositions-only-in-roots', 'shared/use-cases/wired.ts', 'shared/composition/processing.ts'],
  ])('%s fails on %s importing %s', (rule, from, to) => {
    expect(violations).toContainEqual(expect.objectContaining({ rule: expect.objectContaining({ name: rule }), from, to }));
  });

  it('no-cycles fails on two modules importing each other', () => {
    expect(violations.filter((v) => v.rule.name === 'no-cycles').map((v) => v.from)).toEqual(expect.arrayContaining(['shared/ports/left.ts']));
  });

  it('adapters-implement-ports fails on an adapter that implements no port', () => {
    expect(violations).toContainEqual(expect.objectContaining({ rule: expect.objectContaining({ name: 'adapters-implement-ports' }), from: 'shared/adapters/loner.ts' }));
  });

  it('allows what the layers allow: a root building adapters, an adapter implementing a port, domain importing domain', () => {
    const allowed = [
      ['functions/orders/deps.ts', 'shared/adapters/archive.ts'],
      ['shared/adapters/archive.ts', 'shared/ports/archive.ts'],
      ['shared/domain/pure.ts', 'shared/domain/order.ts'],
      ['functions/orders/handler.ts', 'functions/orders/deps.ts'],
      ['functions/orders/deps.ts', 'shared/composition/processing.ts'],
      ['shared/composition/processing.ts', 'shared/adapters/archive.ts'],
    ];
    for (const [from, to] of allowed) expect(violations.filter((v) => v.from === from && v.to === to), `${from} -> ${to}`).toEqual([]);
  });
});
