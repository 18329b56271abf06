import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoDigestStore } from '#shared/adapters/dynamo/digest-store.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { UnsubscribeDeps } from '#functions/unsubscribe/make-handler.ts';

/** The unsubscribe page's adapters: the digest's bookkeeping in the table and the link key. */
export function createUnsubscribeDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo'>> = {}): UnsubscribeDeps {
  return {
    config,
    now: () => new Date(),
    digest: new DynamoDigestStore(clients.dynamo ?? createDynamoClient(config), tableOf(config)),
    secrets: createSecretSource(config),
  };
}
