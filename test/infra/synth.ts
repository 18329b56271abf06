import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, type EarshotApp } from '#infra/aws/app.ts';
import { handlerEntry } from '#infra/aws/earshot-function.ts';
import { FUNCTIONS } from '#infra/definitions.ts';

/** One finding of a policy-validation plugin (cdk-nag), as written to the cloud assembly's report. */
export interface Violation {
  ruleName: string;
  description: string;
  paths: string[];
  reason?: string;
}

export interface Synthesised {
  built: EarshotApp;
  data: Template;
  stateless: Template;
  /** Unacknowledged violations: these fail `cdk synth`. */
  violations: Violation[];
  /** Acknowledged violations, each with the reason given in the code. */
  acknowledged: Violation[];
  /** Where the cloud assembly (templates and bundled functions) was written. */
  outdir: string;
  /** The error synthesis threw, if any (cdk-nag violations make it throw). */
  synthError?: unknown;
  cleanup(): void;
}

/** The context `cdk synth` reads from cdk.json, so tests see the same defaults and feature flags. */
export function cdkJsonContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> }).context;
}

/** Handler files that FUNCTIONS names but that do not exist (yet). */
export function missingHandlers(): string[] {
  return Object.values(FUNCTIONS)
    .map((definition) => handlerEntry(definition))
    .filter((entry) => !existsSync(entry));
}

interface ReportFile {
  pluginReports: Array<{
    pluginName: string;
    violations?: Array<{ ruleName: string; description: string; violatingConstructs?: Array<{ constructPath: string }> }>;
    suppressedViolations?: Array<{ ruleName: string; description: string; reason?: string; acknowledgedId?: string; violatingConstructs?: Array<{ constructPath: string }> }>;
  }>;
}

function readReport(outdir: string): { violations: Violation[]; acknowledged: Violation[] } {
  const file = readdirSync(outdir).find((name) => name.endsWith('validation-report.json'));
  if (!file) return { violations: [], acknowledged: [] };
  const report = JSON.parse(readFileSync(join(outdir, file), 'utf8')) as ReportFile;
  const paths = (constructs?: Array<{ constructPath: string }>) => (constructs ?? []).map((c) => c.constructPath);
  return {
    violations: report.pluginReports.flatMap((plugin) =>
      (plugin.violations ?? []).map((v) => ({ ruleName: v.ruleName, description: v.description, paths: paths(v.violatingConstructs) })),
    ),
    acknowledged: report.pluginReports.flatMap((plugin) =>
      (plugin.suppressedViolations ?? []).map((v) => ({
        ruleName: v.acknowledgedId ?? v.ruleName,
        description: v.description,
        paths: paths(v.violatingConstructs),
        ...(v.reason ? { reason: v.reason } : {}),
      })),
    ),
  };
}

function readTemplate(outdir: string, artifactId: string): Template {
  return Template.fromJSON(JSON.parse(readFileSync(join(outdir, `${artifactId}.template.json`), 'utf8')) as Record<string, unknown>);
}

/**
 * Builds and synthesises the whole app in-process, as `cdk synth` does (cdk.json context, then the
 * overrides), bundling every function for real with the local esbuild. The assembly is written
 * inside the repository (node_modules/.cache) so the bundles resolve `@aws-sdk/*` from
 * node_modules when a test imports them.
 */
export function synthesise(overrides: Record<string, unknown> = {}): Synthesised {
  const cacheDir = join('node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const outdir = mkdtempSync(join(cacheDir, 'earshot-infra-test-'));
  const app = new App({ outdir, context: { ...cdkJsonContext(), ...overrides } });
  const built = buildApp(app);
  let synthError: unknown;
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  return {
    built,
    // Read from the assembly: the templates are written even when validation fails, so every other
    // assertion still runs and the cdk-nag test names the findings.
    data: readTemplate(outdir, built.stateful.artifactId),
    stateless: readTemplate(outdir, built.stateless.artifactId),
    ...readReport(outdir),
    outdir,
    ...(synthError ? { synthError } : {}),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** A secret's `GenerateSecretString`, as CloudFormation takes it. */
export interface GenerateSecretString {
  PasswordLength?: number;
  ExcludePunctuation?: boolean;
  ExcludeCharacters?: string;
  ExcludeUppercase?: boolean;
  ExcludeLowercase?: boolean;
  ExcludeNumbers?: boolean;
  IncludeSpace?: boolean;
  SecretStringTemplate?: string;
  GenerateStringKey?: string;
}

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/**
 * The value Secrets Manager stores for a generated secret (there is no emulator to ask): a random
 * string from the allowed characters with Secrets Manager's defaults (32 characters, every
 * character class), alone or put under `GenerateStringKey` in the JSON template.
 */
export function generatedValue(spec: GenerateSecretString): string {
  const classes = [
    spec.ExcludeUppercase ? '' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    spec.ExcludeLowercase ? '' : 'abcdefghijklmnopqrstuvwxyz',
    spec.ExcludeNumbers ? '' : '0123456789',
    spec.ExcludePunctuation ? '' : PUNCTUATION,
    spec.IncludeSpace ? ' ' : '',
  ].map((chars) => [...chars].filter((c) => !(spec.ExcludeCharacters ?? '').includes(c)).join('')).filter(Boolean);
  const all = classes.join('');
  const length = spec.PasswordLength ?? 32;
  const chars = classes.map((chars) => chars[randomInt(chars.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  const password = chars.sort(() => randomInt(3) - 1).join('');
  if (spec.SecretStringTemplate === undefined) return password;
  if (!spec.GenerateStringKey) throw new Error('GenerateSecretString: a template needs GenerateStringKey');
  return JSON.stringify({ ...(JSON.parse(spec.SecretStringTemplate) as object), [spec.GenerateStringKey]: password });
}
