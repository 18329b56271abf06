import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { LOCAL_DEFAULTS } from '#infra/local/defaults.ts';
import { findRunningStack } from '#infra/local/stack-file.ts';
import { parseConfig, readConfigFile, withDefaults } from '#shared/config.ts';
import { signMention } from '#shared/domain/mention.ts';
import type { AlertState } from '#shared/ports/store.ts';
import { deployedSecretName } from './secrets.ts';

const USAGE = [
  'Usage: npm run -s earshot -- smoke                      (the local stack of this data dir)',
  '       npm run -s earshot -- smoke --url <ApiUrl> --table <TableName> [--stack EarshotData] [--timeout SECONDS]',
  '       (a deployed stack: AWS credentials in the shell; the webhook secret is read from Secrets Manager)',
].join('\n');

/** Where the smoke test posts and where it reads the alert back. */
export interface SmokeTarget {
  url: string;
  webhookSecret: string;
  tableName: string;
  /** The local stack's DynamoDB; absent for AWS. */
  dynamodbEndpoint?: string;
  region: string;
  describe: string;
}

export interface SmokeOptions {
  env?: Record<string, string | undefined>;
  /** Reads the webhook secret of a deployed stack (Secrets Manager by default). */
  readSecret?: (secretId: string) => Promise<string | undefined>;
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function target(args: string[], env: Record<string, string | undefined>, options: SmokeOptions): Promise<SmokeTarget | string> {
  const file = readConfigFile(env);
  const cfg = parseConfig(file, withDefaults(env, file, LOCAL_DEFAULTS));
  const url = option(args, '--url');
  if (!url) {
    const dataDir = resolve(cfg.dataDir);
    const running = await findRunningStack(dataDir);
    if (!running) return `No running stack for the data dir ${dataDir}: start it with npm start (or set EARSHOT_DATA_DIR), or give --url for a deployed stack.`;
    return {
      url: running.url,
      webhookSecret: cfg.secrets.webhookSecret!,
      tableName: running.tableName,
      dynamodbEndpoint: running.endpoints.dynamodb,
      region: cfg.aws.region,
      describe: `the local stack at ${running.url} (data dir ${dataDir})`,
    };
  }
  const tableName = option(args, '--table') ?? env.EARSHOT_TABLE_NAME;
  if (!tableName) return 'Give --table <TableName> (an output of the EarshotData stack) so the alert can be read back.';
  const stack = option(args, '--stack') ?? 'EarshotData';
  const read =
    options.readSecret ??
    (async (secretId: string) => {
      const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
      return (await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
    });
  const webhookSecret = env.EARSHOT_WEBHOOK_SECRET || (await read(deployedSecretName(stack, 'webhookSecret')));
  if (!webhookSecret) return `The secret ${deployedSecretName(stack, 'webhookSecret')} has no value.`;
  return { url: url.replace(/\/+$/, ''), webhookSecret, tableName, region: env.AWS_REGION ?? cfg.aws.region, describe: `the deployed stack at ${url}` };
}

/**
 * `earshot smoke`: checks a stack end to end. Posts a signed test mention (a negative post, so the
 * owner gets an alert), then reads the alert back from the table until it is sent, and reports its
 * SES message id. Exit code 0 only when the alert was sent.
 */
export async function smokeCommand(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, options: SmokeOptions = {}): Promise<number> {
  if (args.includes('--help')) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const env = options.env ?? process.env;
  const found = await target(args, env, options);
  if (typeof found === 'string') {
    err.write(`${found}\n\n${USAGE}\n`);
    return 1;
  }
  const timeoutMs = Number(option(args, '--timeout') ?? 120) * 1000;
  const started = Date.now();
  const body = JSON.stringify({
    source: 'Earshot smoke test',
    externalId: `smoke-${new Date().toISOString()}-${randomBytes(4).toString('hex')}`,
    author: { handle: '@earshot-smoke', name: 'Earshot smoke test', followers: 10_000 },
    text: 'Smoke test of the deploy: the service was terrible and the staff were rude. Sent by `earshot smoke`; no action needed.',
    publishedAt: new Date().toISOString(),
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const answer = await fetch(`${found.url}/v1/mentions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-earshot-timestamp': String(timestamp), 'x-earshot-signature': signMention(found.webhookSecret, timestamp, body) },
    body,
  });
  const reply = (await answer.json().catch(() => ({}))) as { id?: string; error?: { message?: string } };
  if (answer.status !== 202 || !reply.id) {
    err.write(`Smoke test failed: POST ${found.url}/v1/mentions answered ${answer.status} ${JSON.stringify(reply)}\n`);
    return 1;
  }
  out.write(`Posted a signed test mention to ${found.describe}: 202, id ${reply.id}\n`);

  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  const { DynamoAlertOutbox } = await import('#shared/adapters/dynamo/alerts.ts');
  const dynamo = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: found.region,
      ...(found.dynamodbEndpoint ? { endpoint: found.dynamodbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    }),
  );
  // Only reads: the retention (for TTLs of items it would write) does not matter here.
  const alerts = new DynamoAlertOutbox(dynamo, { tableName: found.tableName, retentionDays: 730 });
  let last: AlertState | undefined;
  while (Date.now() - started < timeoutMs) {
    last = await alerts.get(`mention:${reply.id}`);
    if (last?.status === 'sent' && last.messageId) {
      out.write(
        `The owner's alert "${last.subject}" went to ${last.to.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
          `SES message id: ${last.messageId}\n`,
      );
      return 0;
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  err.write(
    `Smoke test failed: no alert sent within ${timeoutMs / 1000} s. ` +
      (last ? `The alert is ${last.status} after ${last.attempts} attempt(s)${last.lastError ? `, last error: ${last.lastError}` : ''}.` : 'No alert was recorded: check the process-feedback logs and the dead-letter queue.') +
      '\n',
  );
  return 1;
}
