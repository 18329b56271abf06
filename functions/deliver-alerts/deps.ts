import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoAlertOutbox } from '#shared/adapters/dynamo/alerts.ts';
import { DynamoRateLimiter } from '#shared/adapters/dynamo/rate-limiter.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { createSesClient } from '#shared/adapters/ses-client.ts';
import { createMailer } from '#shared/adapters/mailer.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { DeliverAlertsDeps } from '#functions/deliver-alerts/make-handler.ts';

/** The alert sweep's adapters: the outbox, the hourly cap and the day's counters in the table, and SES. */
export function createDeliverAlertsDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'ses'>> = {}): DeliverAlertsDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = tableOf(config);
  return {
    config,
    now: () => new Date(),
    alerts: new DynamoAlertOutbox(dynamo, table),
    rateLimiter: new DynamoRateLimiter(dynamo, table),
    stats: new DynamoStatsRecorder(dynamo, table),
    mailer: createMailer(config, clients.ses ?? createSesClient(config), dynamo),
  };
}
