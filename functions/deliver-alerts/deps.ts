import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoAlertOutbox, DynamoRateLimiter, DynamoStatsRecorder } from '#shared/adapters/dynamo-store.ts';
import { createSesClient } from '#shared/adapters/ses-client.ts';
import { SesMailer } from '#shared/adapters/ses-mailer.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { DeliverAlertsDeps } from '#functions/deliver-alerts/make-handler.ts';

/** The alert sweep's adapters: the outbox, the hourly cap and the day's counters in the table, and SES. */
export function createDeliverAlertsDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'ses'>> = {}): DeliverAlertsDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  return {
    config,
    now: () => new Date(),
    alerts: new DynamoAlertOutbox(dynamo, config.aws.tableName),
    rateLimiter: new DynamoRateLimiter(dynamo, config.aws.tableName),
    stats: new DynamoStatsRecorder(dynamo, config.aws.tableName, config.retentionDays),
    mailer: new SesMailer(clients.ses ?? createSesClient(config), config.mail.from),
  };
}
