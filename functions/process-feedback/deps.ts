import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo-customers.ts';
import { DynamoAlertOutbox, DynamoFeedbackRepository, DynamoRateLimiter, DynamoStatsRecorder } from '#shared/adapters/dynamo-store.ts';
import { DynamoCaseRepository } from '#shared/adapters/dynamo-cases.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import { createSesClient } from '#shared/adapters/ses-client.ts';
import { SesMailer } from '#shared/adapters/ses-mailer.ts';
import { createClassifier } from '#shared/classifier/index.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { ProcessFeedbackDeps } from '#functions/process-feedback/make-handler.ts';

/** The processing function's adapters: the classifier, the table, SES and the link key (no queue or bucket). */
export function createProcessFeedbackDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'ses'>> = {}): ProcessFeedbackDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = config.aws.tableName;
  return {
    config,
    now: () => new Date(),
    classifier: createClassifier({ extraTopics: config.classifier.extraTopics }),
    customers: new DynamoCustomerRepository(dynamo, table, config.retentionDays),
    feedback: new DynamoFeedbackRepository(dynamo, table, config.retentionDays),
    alerts: new DynamoAlertOutbox(dynamo, table),
    rateLimiter: new DynamoRateLimiter(dynamo, table),
    stats: new DynamoStatsRecorder(dynamo, table, config.retentionDays),
    cases: new DynamoCaseRepository(dynamo, table, config.retentionDays),
    secrets: createSecretSource(config),
    mailer: new SesMailer(clients.ses ?? createSesClient(config), config.mail.from),
  };
}
