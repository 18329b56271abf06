import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GENERATED_SECRET, SECRETS, type SecretKey } from '#infra/definitions.ts';
import { LOCAL_DEFAULTS } from '#infra/local/defaults.ts';
import { ENV_BINDINGS, parseConfig, readConfigFile, withDefaults, type Config } from '#shared/config.ts';
import { linkLifetimeMs, readLinkSecret, readSharedKey, rotatedLinkSecret } from '#shared/domain/secret-values.ts';

/** The part of the Secrets Manager client the command uses (the SDK client, or a test's). */
export interface SecretsManagerApi {
  send(command: GetSecretValueCommand | PutSecretValueCommand): Promise<{ SecretString?: string; VersionId?: string }>;
}

export interface SecretsCommandOptions {
  env?: Record<string, string | undefined>;
  /** Built on first use from AWS_REGION and the usual credentials when not given. */
  client?: SecretsManagerApi;
  now?: () => Date;
}

const NAMES: Record<string, SecretKey> = { 'api-key': 'apiKey', 'webhook-secret': 'webhookSecret', 'link-key': 'linkSecret' };
const LABELS: Record<SecretKey, string> = { apiKey: 'API key', webhookSecret: 'Webhook secret', linkSecret: 'Link key' };
const USAGE = [
  'Usage: npm run -s earshot -- secrets show [--stack EarshotData] [--reveal]',
  '       npm run -s earshot -- secrets rotate <api-key|webhook-secret|link-key> [--stack EarshotData]',
].join('\n');

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/** `<stack>/<name>`, the name the data stack gives each generated secret. */
export function deployedSecretName(stack: string, key: SecretKey): string {
  return `${stack}/${SECRETS[key].name}`;
}

/** A new key as the stack generates them: letters and digits, GENERATED_SECRET.length long. */
export function newKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: GENERATED_SECRET.length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** Where a local value comes from: the environment, the config file, or the local default. */
function localSource(env: Record<string, string | undefined>, file: unknown, name: string): string {
  if (env[name]) return `from ${name}`;
  const path = ENV_BINDINGS[name]!.path;
  let node: unknown = file;
  for (const key of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node !== undefined ? `from the config file (${path.join('.')})` : `the local default; set ${name} or ${path.join('.')} in the config file`;
}

async function show(args: string[], out: NodeJS.WritableStream, options: SecretsCommandOptions, client: () => Promise<SecretsManagerApi>): Promise<number> {
  const env = options.env ?? process.env;
  const stack = option(args, '--stack') ?? 'EarshotData';
  const lines = [`In AWS (stack ${stack}; the stack outputs ${Object.values(SECRETS).map((s) => `${s.id}Arn`).join(', ')} hold the ARNs):`];
  for (const key of Object.keys(SECRETS) as SecretKey[]) {
    const name = deployedSecretName(stack, key);
    lines.push(`  ${LABELS[key].padEnd(15)} secret ${name}`);
    lines.push(`  ${''.padEnd(15)} aws secretsmanager get-secret-value --secret-id ${name} --query SecretString --output text${key === 'linkSecret' ? '   (JSON; only Earshot needs it)' : ''}`);
  }
  if (args.includes('--reveal')) {
    const sm = await client();
    for (const key of ['apiKey', 'webhookSecret'] as const) {
      const answer = await sm.send(new GetSecretValueCommand({ SecretId: deployedSecretName(stack, key) }));
      lines.push(`  ${LABELS[key]} now: ${readSharedKey(key, answer.SecretString)}`);
    }
  }
  lines.push('  Rotate one with: npm run -s earshot -- secrets rotate <api-key|webhook-secret|link-key>');
  const file = readConfigFile(env);
  const local = parseConfig(file, withDefaults(env, file, LOCAL_DEFAULTS));
  const linkFile = join(resolve(local.dataDir), 'link-secret');
  lines.push('', `Locally (npm start, data dir ${resolve(local.dataDir)}):`);
  lines.push(`  ${LABELS.apiKey.padEnd(15)} ${local.secrets.apiKey}   (${localSource(env, file, 'EARSHOT_API_KEY')})`);
  lines.push(`  ${LABELS.webhookSecret.padEnd(15)} ${local.secrets.webhookSecret}   (${localSource(env, file, 'EARSHOT_WEBHOOK_SECRET')})`);
  lines.push(
    `  ${LABELS.linkSecret.padEnd(15)} ${local.secrets.linkSecret ? `(${localSource(env, file, 'EARSHOT_LINK_SECRET')})` : existsSync(linkFile) ? `in ${linkFile}` : `generated into ${linkFile} on the first start`}`,
  );
  out.write(`${lines.join('\n')}\n`);
  return 0;
}

async function rotate(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, options: SecretsCommandOptions, client: () => Promise<SecretsManagerApi>): Promise<number> {
  const key = NAMES[args[1] ?? ''];
  if (!key) {
    err.write(`${USAGE}\n`);
    return 2;
  }
  const stack = option(args, '--stack') ?? 'EarshotData';
  const name = deployedSecretName(stack, key);
  const sm = await client();
  const now = (options.now ?? (() => new Date()))();
  const config: Config = parseConfig(readConfigFile(options.env ?? process.env), {});
  if (key === 'linkSecret') {
    const current = await sm.send(new GetSecretValueCommand({ SecretId: name }));
    const next = rotatedLinkSecret(readLinkSecret(current.SecretString), newKey(), now);
    await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: JSON.stringify(next) }));
    const days = Math.round(linkLifetimeMs(config.survey) / 86_400_000);
    out.write(
      `Rotated ${name}. Within 5 minutes new links are signed with the new key; links already sent keep working for ${days} days ` +
        `(the invitation delay plus the survey link's lifetime in your config file), then only the new key is accepted. Do not rotate it again before then.\n`,
    );
    return 0;
  }
  const value = newKey();
  await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }));
  out.write(
    `Rotated ${name}. New value:\n${value}\n` +
      `Within 5 minutes every function uses it and the old value stops working: put the new value in ${key === 'apiKey' ? 'your shop’s order integration (Authorization: Bearer …)' : 'the tools that sign webhook posts'} now.\n`,
  );
  return 0;
}

/**
 * `earshot secrets show|rotate`: where the deployer reads the generated API key and webhook secret
 * (and the values a local stack uses), and rotation that keeps the previous link key for the links
 * already sent.
 */
export async function secretsCommand(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, options: SecretsCommandOptions = {}): Promise<number> {
  let made: SecretsManagerApi | undefined = options.client;
  const client = async () => {
    if (!made) {
      const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
      made = new SecretsManagerClient({}) as SecretsManagerApi;
    }
    return made;
  };
  if (args[0] === 'show') return show(args, out, options, client);
  if (args[0] === 'rotate') return rotate(args, out, err, options, client);
  err.write(`${USAGE}\n`);
  return 2;
}
