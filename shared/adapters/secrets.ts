import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerSecrets, secretsManagerReader, type SecretReader } from '#shared/adapters/secrets-manager.ts';
import type { Config } from '#shared/config.ts';
import { linkLifetimeMs } from '#shared/domain/secret-values.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';

export type { SecretSource } from '#shared/ports/secrets.ts';

/** The environment variable naming each secret in AWS (set by the stack for the functions that read it). */
export const SECRET_ARN_ENV = {
  apiKey: 'EARSHOT_API_KEY_SECRET_ARN',
  webhookSecret: 'EARSHOT_WEBHOOK_SECRET_ARN',
  linkSecret: 'EARSHOT_LINK_SECRET_ARN',
} as const;

/**
 * The secrets of one function: a value set in the configuration is used as it is (local runs);
 * otherwise it is read from its Secrets Manager secret (AWS) and kept at most
 * `secrets.maxAgeSeconds` (five minutes), so a rotation takes effect without a redeploy.
 */
export function createSecretSource(
  cfg: Pick<Config, 'secrets' | 'survey' | 'aws'>,
  options: { reader?: SecretReader; now?: () => Date } = {},
): SecretSource {
  const { apiKey, webhookSecret, linkSecret } = cfg.secrets;
  const fromManager = new SecretsManagerSecrets({
    secretIds: { apiKey: cfg.secrets.apiKeySecretArn, webhookSecret: cfg.secrets.webhookSecretArn, linkSecret: cfg.secrets.linkSecretArn },
    envNames: SECRET_ARN_ENV,
    reader: options.reader ?? lazyReader(cfg.aws.region),
    maxAgeMs: cfg.secrets.maxAgeSeconds * 1000,
    linkLifetimeMs: linkLifetimeMs(cfg.survey),
    now: options.now ?? (() => new Date()),
  });
  return {
    apiKey: () => (apiKey ? Promise.resolve(apiKey) : fromManager.apiKey()),
    webhookSecret: () => (webhookSecret ? Promise.resolve(webhookSecret) : fromManager.webhookSecret()),
    linkKeys: () => (linkSecret ? Promise.resolve({ current: linkSecret, previous: [] }) : fromManager.linkKeys()),
  };
}

/** The Secrets Manager client is created on the first read, so functions that never read a secret never build one. */
function lazyReader(region: string): SecretReader {
  let reader: SecretReader | undefined;
  return {
    read: (secretId) => {
      reader ??= secretsManagerReader(new SecretsManagerClient({ region }));
      return reader.read(secretId);
    },
  };
}
