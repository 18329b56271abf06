import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { createS3Client } from '#shared/adapters/s3-client.ts';
import { createSesClient } from '#shared/adapters/ses-client.ts';
import { createSqsClient } from '#shared/adapters/sqs-client.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';

/** Every AWS client, for the local stack, the benchmarks and tests (provisioning, helpers, assertions). */
export function createClients(config: Config): AwsClients {
  return { dynamo: createDynamoClient(config), sqs: createSqsClient(config), s3: createS3Client(config), ses: createSesClient(config) };
}

export type Clients = AwsClients;
