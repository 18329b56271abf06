import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Config } from '#shared/config.ts';
import { clientOptions } from '#shared/adapters/client-options.ts';

/**
 * The SES v2 client, pointed at AWS or at the local emulator by `aws.endpoints.ses`. Alerts have
 * their own retries (the outbox sweep), so a throttled send gives up quickly.
 */
export function createSesClient(cfg: Pick<Config, 'aws'>): SESv2Client {
  return new SESv2Client({ ...clientOptions(cfg, cfg.aws.endpoints.ses), maxAttempts: 2 });
}
