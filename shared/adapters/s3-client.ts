import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '#shared/config.ts';
import { clientOptions } from '#shared/adapters/client-options.ts';

/** The S3 client, pointed at AWS or at the local emulator (path-style) by `aws.endpoints.s3`. */
export function createS3Client(cfg: Pick<Config, 'aws'>): S3Client {
  const endpoint = cfg.aws.endpoints.s3;
  return new S3Client({ ...clientOptions(cfg, endpoint), forcePathStyle: Boolean(endpoint) });
}
