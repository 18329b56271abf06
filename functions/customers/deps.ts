import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoAlertOutbox } from '#shared/adapters/dynamo/alerts.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { DynamoFeedbackRepository } from '#shared/adapters/dynamo/feedback.ts';
import { DynamoOrderRepository } from '#shared/adapters/dynamo/orders.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { DynamoCaseRepository } from '#shared/adapters/dynamo-cases.ts';
import { DynamoCheckInRepository } from '#shared/adapters/dynamo-check-ins.ts';
import { DynamoPromiseRepository } from '#shared/adapters/dynamo-promises.ts';
import { createS3Client } from '#shared/adapters/s3-client.ts';
import { S3RawArchive } from '#shared/adapters/s3-raw-archive.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { CustomersDeps } from '#functions/customers/make-handler.ts';

/** The customer API's adapters: the table, the raw archive (erasure) and the API key. */
export function createCustomersDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 's3'>> = {}): CustomersDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = tableOf(config);
  return {
    config,
    now: () => new Date(),
    customers: new DynamoCustomerRepository(dynamo, table),
    feedback: new DynamoFeedbackRepository(dynamo, table),
    orders: new DynamoOrderRepository(dynamo, table),
    alerts: new DynamoAlertOutbox(dynamo, table),
    stats: new DynamoStatsRecorder(dynamo, table),
    cases: new DynamoCaseRepository(dynamo, config.aws.tableName, config.retentionDays),
    // Erasure: a customer's cases go with their promises and check-ins.
    promises: new DynamoPromiseRepository(dynamo, config.aws.tableName, config.retentionDays),
    checkIns: new DynamoCheckInRepository(dynamo, config.aws.tableName, config.retentionDays),
    archive: new S3RawArchive(clients.s3 ?? createS3Client(config), config.aws.rawBucket),
    secrets: createSecretSource(config),
  };
}
