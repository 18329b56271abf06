import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoAlertOutbox } from '#shared/adapters/dynamo/alerts.ts';
import { DynamoFeedbackRepository } from '#shared/adapters/dynamo/feedback.ts';
import { DynamoRateLimiter } from '#shared/adapters/dynamo/rate-limiter.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { DynamoCaseRepository } from '#shared/adapters/dynamo-cases.ts';
import { DynamoCheckInRepository } from '#shared/adapters/dynamo-check-ins.ts';
import { DynamoCustomerOptOuts } from '#shared/adapters/dynamo-customer-opt-outs.ts';
import { DynamoFigureStore } from '#shared/adapters/dynamo-figures.ts';
import { DynamoPromiseRepository } from '#shared/adapters/dynamo-promises.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import { createSesClient } from '#shared/adapters/ses-client.ts';
import { createMailer } from '#shared/adapters/mailer.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import { caseTimeline } from '#shared/use-cases/case-timeline.ts';
import type { CheckInDeps } from '#functions/check-in/make-handler.ts';

/**
 * The check-in pages' adapters: check-ins, counters and opt-outs, the cases (a "Not yet" reopens
 * one, through the case timeline), the alert outbox and SES (the owner's alert), the link key.
 * `now` is the one clock every part reads (tests pass their own).
 */
export function createCheckInDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'ses'>> = {}, now: () => Date = () => new Date()): CheckInDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = tableOf(config);
  const tableName = config.aws.tableName;
  return {
    config,
    now,
    promises: new DynamoPromiseRepository(dynamo, tableName, config.retentionDays),
    checkIns: new DynamoCheckInRepository(dynamo, tableName, config.retentionDays),
    figures: new DynamoFigureStore(dynamo, tableName, config.retentionDays),
    optOuts: new DynamoCustomerOptOuts(dynamo, tableName),
    alerts: new DynamoAlertOutbox(dynamo, table),
    rateLimiter: new DynamoRateLimiter(dynamo, table),
    stats: new DynamoStatsRecorder(dynamo, table),
    mailer: createMailer(config, clients.ses ?? createSesClient(config), dynamo),
    cases: caseTimeline({ config, now, feedback: new DynamoFeedbackRepository(dynamo, table), cases: new DynamoCaseRepository(dynamo, tableName, config.retentionDays) }),
    secrets: createSecretSource(config),
  };
}
