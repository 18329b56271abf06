import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoCustomerOptOuts } from '#shared/adapters/dynamo-customer-opt-outs.ts';
import { DynamoDigestStore } from '#shared/adapters/dynamo/digest-store.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { UnsubscribeDeps } from '#functions/unsubscribe/make-handler.ts';

/** The unsubscribe pages' adapters: the digest's bookkeeping and the customers' opt-outs in the table, and the link key. */
export function createUnsubscribeDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo'>> = {}): UnsubscribeDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  return {
    config,
    now: () => new Date(),
    digest: new DynamoDigestStore(dynamo, tableOf(config)),
    optOuts: new DynamoCustomerOptOuts(dynamo, config.aws.tableName),
    secrets: createSecretSource(config),
  };
}
