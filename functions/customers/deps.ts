import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoCaseRepository } from '#shared/adapters/dynamo-cases.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo-customers.ts';
import { DynamoAlertOutbox, DynamoFeedbackRepository, DynamoOrderRepository, DynamoStatsRecorder } from '#shared/adapters/dynamo-store.ts';
import { createS3Client } from '#shared/adapters/s3-client.ts';
import { S3RawArchive } from '#shared/adapters/s3-raw-archive.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { CustomersDeps } from '#functions/customers/make-handler.ts';

/** The customer API's adapters: the table, the raw archive (erasure) and the API key. */
export function createCustomersDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 's3'>> = {}): CustomersDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = config.aws.tableName;
  return {
    config,
    now: () => new Date(),
    customers: new DynamoCustomerRepository(dynamo, table, config.retentionDays),
    feedback: new DynamoFeedbackRepository(dynamo, table, config.retentionDays),
    orders: new DynamoOrderRepository(dynamo, table),
    alerts: new DynamoAlertOutbox(dynamo, table),
    stats: new DynamoStatsRecorder(dynamo, table, config.retentionDays),
    cases: new DynamoCaseRepository(dynamo, table, config.retentionDays),
    archive: new S3RawArchive(clients.s3 ?? createS3Client(config), config.aws.rawBucket),
    secrets: createSecretSource(config),
  };
}
