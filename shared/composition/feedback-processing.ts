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
import type { ProcessFeedbackDeps } from '#shared/http/feedback-consumer.ts';

/**
 * The adapters of a feedback queue's consumer: the classifier, the table, SES and the link key
 * (no queue or bucket). Both consumers, process-feedback and the priority queue's process-urgent,
 * build their deps here, in their own composition roots, so an item is processed and counted the
 * same (the follow-through's counters included) whichever queue it came by.
 */
export function createFeedbackProcessingDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'ses'>> = {}): ProcessFeedbackDeps {
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
    // The follow-through's counters: a complaint case opened counts for the response figures.
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
