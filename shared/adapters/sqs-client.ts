import { SQSClient } from '@aws-sdk/client-sqs';
import type { Config } from '#shared/config.ts';
import { clientOptions } from '#shared/adapters/client-options.ts';

/** The SQS client, pointed at AWS or at the local emulator by `aws.endpoints.sqs`. */
export function createSqsClient(cfg: Pick<Config, 'aws'>): SQSClient {
  return new SQSClient(clientOptions(cfg, cfg.aws.endpoints.sqs));
}
