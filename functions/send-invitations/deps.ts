import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoOrderRepository, DynamoStatsRecorder } from '#shared/adapters/dynamo-store.ts';
import { createSesClient } from '#shared/adapters/ses-client.ts';
import { SesMailer } from '#shared/adapters/ses-mailer.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { SendInvitationsDeps } from '#functions/send-invitations/make-handler.ts';

/** The invitation run's adapters: orders and counters in the table, and SES. */
export function createSendInvitationsDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'ses'>> = {}): SendInvitationsDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  return {
    config,
    now: () => new Date(),
    orders: new DynamoOrderRepository(dynamo, config.aws.tableName),
    stats: new DynamoStatsRecorder(dynamo, config.aws.tableName, config.retentionDays),
    mailer: new SesMailer(clients.ses ?? createSesClient(config), config.mail.from),
  };
}
