import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { DynamoFeedbackRepository } from '#shared/adapters/dynamo/feedback.ts';
import { DynamoOrderRepository } from '#shared/adapters/dynamo/orders.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { DynamoFigureStore } from '#shared/adapters/dynamo-figures.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { OrdersDeps } from '#functions/orders/make-handler.ts';

/** The order intake's adapters: the table (with the follow-through's counters) and the secrets, nothing else. */
export function createOrdersDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo'>> = {}): OrdersDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = tableOf(config);
  return {
    config,
    now: () => new Date(),
    orders: new DynamoOrderRepository(dynamo, table),
    customers: new DynamoCustomerRepository(dynamo, table),
    feedback: new DynamoFeedbackRepository(dynamo, table),
    stats: new DynamoStatsRecorder(dynamo, table),
    // A complainer ordering again counts as won back in the follow-through figures.
    figures: new DynamoFigureStore(dynamo, config.aws.tableName, config.retentionDays),
    secrets: createSecretSource(config),
  };
}
