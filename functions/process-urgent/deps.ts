import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoAlertOutbox } from '#shared/adapters/dynamo/alerts.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { DynamoFeedbackRepository } from '#shared/adapters/dynamo/feedback.ts';
import { DynamoRateLimiter } from '#shared/adapters/dynamo/rate-limiter.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { DynamoCaseRepository } from '#shared/adapters/dynamo-cases.ts';
import { DynamoCheckInRepository } from '#shared/adapters/dynamo-check-ins.ts';
import { DynamoCustomerOptOuts } from '#shared/adapters/dynamo-customer-opt-outs.ts';
import { DynamoFigureStore } from '#shared/adapters/dynamo-figures.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import { createSesClient } from '#shared/adapters/ses-client.ts';
import { createMailer } from '#shared/adapters/mailer.ts';
import { createClassifier } from '#shared/classifier/index.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { ProcessUrgentDeps } from '#functions/process-urgent/make-handler.ts';

/** The priority consumer's adapters: the same as process-feedback's (the follow-through's counters included). */
export function createProcessUrgentDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'ses'>> = {}): ProcessUrgentDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = tableOf(config);
  return {
    config,
    now: () => new Date(),
    classifier: createClassifier({ extraTopics: config.classifier.extraTopics }),
    customers: new DynamoCustomerRepository(dynamo, table),
    feedback: new DynamoFeedbackRepository(dynamo, table),
    alerts: new DynamoAlertOutbox(dynamo, table),
    rateLimiter: new DynamoRateLimiter(dynamo, table),
    stats: new DynamoStatsRecorder(dynamo, table),
    cases: new DynamoCaseRepository(dynamo, config.aws.tableName, config.retentionDays),
    // As process-feedback: a complaint case opened counts for the response figures, whichever queue it came by.
    followThrough: {
      config,
      figures: new DynamoFigureStore(dynamo, config.aws.tableName, config.retentionDays),
      checkIns: new DynamoCheckInRepository(dynamo, config.aws.tableName, config.retentionDays),
      optOuts: new DynamoCustomerOptOuts(dynamo, config.aws.tableName),
    },
    secrets: createSecretSource(config),
    mailer: createMailer(config, clients.ses ?? createSesClient(config), dynamo),
  };
}
