import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '#shared/config.ts';

type Preview = { subject: string; html: string; text: string };

async function fromRunningStack(port: number): Promise<Preview | undefined> {
  try {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(500) });
    if (!health.ok) return undefined;
    const answer = await fetch(`http://127.0.0.1:${port}/_local/digest/preview`, { signal: AbortSignal.timeout(10_000) });
    return answer.ok ? ((await answer.json()) as Preview) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the stored data directly: against the configured DynamoDB (AWS, or an endpoint), or, with
 * no endpoint and no running stack, by opening the local data dir's embedded DynamoDB itself.
 */
async function fromStore(): Promise<Preview> {
  const { previewDigest } = await import('#shared/use-cases/digest.ts');
  const { deps } = await import('#shared/wiring.ts');
  const cfg = loadConfig(process.env);
  if (process.env.EARSHOT_DYNAMODB_ENDPOINT || process.env.EARSHOT_SECRET_ARN) return previewDigest(deps(), cfg.http.publicUrl ?? 'http://127.0.0.1');
  const { startDynamo } = await import('#infra/local/emulators.ts');
  const dynamo = await startDynamo({ path: join(resolve(cfg.dataDir), 'dynamodb') });
  try {
    Object.assign(process.env, {
      EARSHOT_DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID || 'local',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY || 'local',
    });
    const { awsClients } = await import('#shared/adapters/aws-clients.ts');
    const { provisionTable } = await import('#infra/local/provision.ts');
    await provisionTable(awsClients().dynamo, cfg.aws.tableName);
    return await previewDigest(deps(), cfg.http.publicUrl ?? `http://127.0.0.1:${cfg.http.port}`);
  } finally {
    await dynamo.stop();
  }
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
  const preview = (await fromRunningStack(cfg.http.port)) ?? (await fromStore());
  if (file) {
    writeFileSync(file, preview.html);
    err.write(`wrote ${file}\n`);
  }
  out.write(`${preview.text}\n`);
  return 0;
}
