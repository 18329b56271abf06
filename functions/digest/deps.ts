import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { DynamoDigestStore } from '#shared/adapters/dynamo/digest-store.ts';
import { DynamoFeedbackRepository } from '#shared/adapters/dynamo/feedback.ts';
import { DynamoPollStateRepository } from '#shared/adapters/dynamo/poll-states.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import { createSesClient } from '#shared/adapters/ses-client.ts';
import { createMailer } from '#shared/adapters/mailer.ts';
import { DynamoCaseRepository } from '#shared/adapters/dynamo-cases.ts';
import { DynamoCheckInRepository } from '#shared/adapters/dynamo-check-ins.ts';
import { DynamoFigureStore } from '#shared/adapters/dynamo-figures.ts';
import { DynamoPromiseRepository } from '#shared/adapters/dynamo-promises.ts';
import { caseTimeline } from '#shared/use-cases/case-timeline.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { DigestDeps } from '#functions/digest/make-handler.ts';

/**
 * The digest's adapters: the day aggregates and lists in the table, the follow-through's counters,
 * promises, check-ins and cases, SES, and the link key. `now` is the one clock every part reads.
 */
export function createDigestDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'ses'>> = {}, now: () => Date = () => new Date()): DigestDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = tableOf(config);
  const feedback = new DynamoFeedbackRepository(dynamo, table);
  const tableName = config.aws.tableName;
  return {
    config,
    now,
    digest: new DynamoDigestStore(dynamo, table),
    feedback,
    followThrough: {
      config,
      now,
      figures: new DynamoFigureStore(dynamo, tableName, config.retentionDays),
      promises: new DynamoPromiseRepository(dynamo, tableName, config.retentionDays),
      checkIns: new DynamoCheckInRepository(dynamo, tableName, config.retentionDays),
      cases: caseTimeline({ config, now, feedback, cases: new DynamoCaseRepository(dynamo, tableName, config.retentionDays) }),
    },
    customers: new DynamoCustomerRepository(dynamo, table),
    polls: new DynamoPollStateRepository(dynamo, table),
    mailer: createMailer(config, clients.ses ?? createSesClient(config), dynamo),
    secrets: createSecretSource(config),
  };
}
