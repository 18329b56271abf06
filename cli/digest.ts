import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findRunningStack } from '#infra/local/stack-file.ts';
import { loadConfig, type Config } from '#shared/config.ts';

type Preview = { subject: string; html: string; text: string };

async function fromStack(url: string): Promise<Preview | undefined> {
  try {
    const answer = await fetch(`${url}/_local/digest/preview`, { signal: AbortSignal.timeout(10_000) });
    return answer.ok ? ((await answer.json()) as Preview) : undefined;
  } catch {
    return undefined;
  }
}

async function answersHealth(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(500) })).ok;
  } catch {
    return false;
  }
}

/**
 * Reads the stored data directly: against the configured DynamoDB (AWS, or an endpoint), or, with
 * no endpoint and no running stack, by opening the local data dir's embedded DynamoDB itself.
 */
async function fromStore(cfg: Config, dataDir: string): Promise<Preview> {
  const { previewDigest } = await import('#shared/use-cases/digest.ts');
  const { createDigestDeps } = await import('#functions/digest/deps.ts');
  if (cfg.aws.endpoints.dynamodb || !isLocal(cfg)) return previewDigest(createDigestDeps(cfg), cfg.http.publicUrl ?? 'http://127.0.0.1');
  const { startDynamo } = await import('#infra/local/emulators.ts');
  const dynamo = await startDynamo({ path: join(dataDir, 'dynamodb') });
  try {
    const local: Config = { ...cfg, aws: { ...cfg.aws, endpoints: { ...cfg.aws.endpoints, dynamodb: dynamo.endpoint } } };
    const deps = createDigestDeps(local);
    const { createDynamoClient } = await import('#shared/adapters/dynamo-client.ts');
    const { provisionTable } = await import('#infra/local/provision.ts');
    await provisionTable(createDynamoClient(local), local.aws.tableName);
    return await previewDigest(deps, local.http.publicUrl ?? `http://127.0.0.1:${local.http.port}`);
  } finally {
    await dynamo.stop();
  }
}

/** Not pointed at AWS: no secret ARN configured (the functions in AWS always have one). */
function isLocal(cfg: Config): boolean {
  const { apiKeySecretArn, webhookSecretArn, linkSecretArn } = cfg.secrets;
  return !apiKeySecretArn && !webhookSecretArn && !linkSecretArn;
}

type Source = { preview: Preview; read: string };

/**
 * The digest from, in order: the running stack of the data dir (found by the stack file it
 * writes, whatever its port), a stack answering on the configured port, the configured DynamoDB,
 * or the data dir's stored data opened directly. Says which, and how to point elsewhere.
 */
async function findPreview(cfg: Config): Promise<Source | { error: string }> {
  const dataDir = resolve(cfg.dataDir);
  const running = await findRunningStack(dataDir);
  if (running) {
    const preview = await fromStack(running.url);
    if (preview) return { preview, read: `the running stack at ${running.url} (data dir ${dataDir})` };
  }
  const byPort = `http://127.0.0.1:${cfg.http.port}`;
  if (!running && (await answersHealth(byPort))) {
    const preview = await fromStack(byPort);
    if (preview) return { preview, read: `the stack answering at ${byPort} (EARSHOT_PORT); its data dir is not ${dataDir}` };
  }
  if (cfg.aws.endpoints.dynamodb || !isLocal(cfg)) {
    return { preview: await fromStore(cfg, dataDir), read: `the table ${cfg.aws.tableName} at ${cfg.aws.endpoints.dynamodb ?? `AWS (${cfg.aws.region})`}` };
  }
  if (!existsSync(dataDir)) {
    return {
      error:
        `No running stack and no data in ${dataDir} (EARSHOT_DATA_DIR).\n` +
        'Start the stack (npm start), or set EARSHOT_DATA_DIR to the data dir of the stack you mean (and EARSHOT_CONFIG if it used one).',
    };
  }
  return { preview: await fromStore(cfg, dataDir), read: `the stored data in ${dataDir} (no stack is running on it)` };
}

/**
 * `earshot digest --preview [--out FILE]`: renders the digest of the 7 days up to now from the
 * stored data without sending it. The text goes to stdout; `--out` writes the HTML to FILE.
 */
export async function digestCommand(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (!args.includes('--preview')) {
    err.write('Usage: npm run -s earshot -- digest --preview [--out FILE]\n(the digest is sent by its schedule, or locally by POST /_local/run/digest)\n');
    return 2;
  }
  const outAt = args.indexOf('--out');
  const file = outAt >= 0 ? args[outAt + 1] : undefined;
  if (outAt >= 0 && !file) {
    err.write('--out needs a file name\n');
    return 2;
  }
  const cfg = loadConfig(process.env);
  const found = await findPreview(cfg);
  if ('error' in found) {
    err.write(`${found.error}\n`);
    return 1;
  }
  const { preview, read } = found;
  err.write(`Read ${read}. To preview another stack, set EARSHOT_DATA_DIR to its data dir.\n`);
  if (file) {
    writeFileSync(file, preview.html);
    err.write(`wrote ${file}\n`);
  }
  out.write(`${preview.text}\n`);
  return 0;
}
