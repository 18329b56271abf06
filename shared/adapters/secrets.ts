import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { config } from '#shared/config.ts';

/** The secrets every entry point may need. */
export interface Secrets {
  apiKey: string;
  webhookSecret: string;
  linkSecret: string;
}

const secretJson = z.object({
  apiKey: z.string().min(8),
  webhookSecret: z.string().min(8),
  linkSecret: z.string().min(16),
});

let cached: Promise<Secrets> | undefined;

/**
 * Resolves the secrets once per process: from configuration when set (local runs), otherwise from
 * the Secrets Manager secret named by `EARSHOT_SECRET_ARN` (AWS).
 */
export function secrets(): Promise<Secrets> {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** Forgets the resolved secrets (tests and the local stack). */
export function resetSecrets(): void {
  cached = undefined;
}

async function load(): Promise<Secrets> {
  const cfg = config();
  const { apiKey, webhookSecret, linkSecret, secretArn } = cfg.secrets;
  if (apiKey && webhookSecret && linkSecret) return { apiKey, webhookSecret, linkSecret };
  if (!secretArn) {
    throw new Error(
      'Secrets are not configured: set EARSHOT_API_KEY, EARSHOT_WEBHOOK_SECRET and EARSHOT_LINK_SECRET, or EARSHOT_SECRET_ARN',
    );
  }
  const client = new SecretsManagerClient({ region: cfg.aws.region });
  const answer = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const parsed = secretJson.parse(JSON.parse(answer.SecretString ?? '{}'));
  return {
    apiKey: apiKey ?? parsed.apiKey,
    webhookSecret: webhookSecret ?? parsed.webhookSecret,
    linkSecret: linkSecret ?? parsed.linkSecret,
  };
}
