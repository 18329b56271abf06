import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { DynamoSuppressionList } from '#shared/adapters/dynamo/suppression.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { MailEventDeps } from '#shared/use-cases/mail-events.ts';

/** The mail-events function's adapters: the table only (suppressions and the day counters). */
export function createMailEventsDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo'>> = {}): MailEventDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  return {
    suppressions: new DynamoSuppressionList(dynamo, tableOf(config)),
    stats: new DynamoStatsRecorder(dynamo, tableOf(config)),
    timeZone: config.business.timeZone,
    now: () => new Date(),
  };
}
