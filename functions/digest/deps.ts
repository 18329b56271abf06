import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { DynamoDigestStore } from '#shared/adapters/dynamo/digest-store.ts';
import { DynamoFeedbackRepository } from '#shared/adapters/dynamo/feedback.ts';
import { DynamoPollStateRepository } from '#shared/adapters/dynamo/poll-states.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import { createSesClient } from '#shared/adapters/ses-client.ts';
import { createMailer } from '#shared/adapters/mailer.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { DigestDeps } from '#functions/digest/make-handler.ts';

/** The digest's adapters: the day aggregates and lists in the table, SES, and the link key. */
export function createDigestDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'ses'>> = {}): DigestDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = tableOf(config);
  return {
    config,
    now: () => new Date(),
    digest: new DynamoDigestStore(dynamo, table),
    feedback: new DynamoFeedbackRepository(dynamo, table),
    customers: new DynamoCustomerRepository(dynamo, table),
    polls: new DynamoPollStateRepository(dynamo, table),
    mailer: createMailer(config, clients.ses ?? createSesClient(config), dynamo),
    secrets: createSecretSource(config),
  };
}
