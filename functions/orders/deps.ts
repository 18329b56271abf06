import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo-customers.ts';
import { DynamoFeedbackRepository, DynamoOrderRepository, DynamoStatsRecorder } from '#shared/adapters/dynamo-store.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { OrdersDeps } from '#functions/orders/make-handler.ts';

/** The order intake's adapters: the table and the secrets, nothing else. */
export function createOrdersDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo'>> = {}): OrdersDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = config.aws.tableName;
  return {
    config,
    now: () => new Date(),
    orders: new DynamoOrderRepository(dynamo, table),
    customers: new DynamoCustomerRepository(dynamo, table, config.retentionDays),
    feedback: new DynamoFeedbackRepository(dynamo, table, config.retentionDays),
    stats: new DynamoStatsRecorder(dynamo, table, config.retentionDays),
    secrets: createSecretSource(config),
  };
}
