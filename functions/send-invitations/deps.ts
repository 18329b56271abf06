import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoCustomerOptOuts } from '#shared/adapters/dynamo-customer-opt-outs.ts';
import { DynamoOrderRepository } from '#shared/adapters/dynamo/orders.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { createSesClient } from '#shared/adapters/ses-client.ts';
import { createMailer } from '#shared/adapters/mailer.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { SendInvitationsDeps } from '#functions/send-invitations/make-handler.ts';

/** The invitation run's adapters: orders, counters and opt-outs in the table, SES, and the link key. */
export function createSendInvitationsDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'ses'>> = {}): SendInvitationsDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = tableOf(config);
  return {
    config,
    now: () => new Date(),
    orders: new DynamoOrderRepository(dynamo, table),
    stats: new DynamoStatsRecorder(dynamo, table),
    // A customer who unsubscribed from a check-in gets no survey mail either.
    optOuts: new DynamoCustomerOptOuts(dynamo, config.aws.tableName),
    mailer: createMailer(config, clients.ses ?? createSesClient(config), dynamo),
    secrets: createSecretSource(config),
  };
}
