import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import { DynamoCaseRepository } from '#shared/adapters/dynamo-cases.ts';
import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoConsoleAuthRepository } from '#shared/adapters/dynamo/console-auth.ts';
import { DynamoAlertOutbox } from '#shared/adapters/dynamo/alerts.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { DynamoDigestStore } from '#shared/adapters/dynamo/digest-store.ts';
import { DynamoFeedbackRepository } from '#shared/adapters/dynamo/feedback.ts';
import { DynamoOrderRepository } from '#shared/adapters/dynamo/orders.ts';
import { DynamoPollStateRepository } from '#shared/adapters/dynamo/poll-states.ts';
import { DynamoRateLimiter } from '#shared/adapters/dynamo/rate-limiter.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { createS3Client } from '#shared/adapters/s3-client.ts';
import { S3RawArchive } from '#shared/adapters/s3-raw-archive.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import { createSesClient } from '#shared/adapters/ses-client.ts';
import { createMailer } from '#shared/adapters/mailer.ts';
import { createSqsClient } from '#shared/adapters/sqs-client.ts';
import type { Config } from '#shared/config.ts';
import { DynamoCheckInRepository } from '#shared/adapters/dynamo-check-ins.ts';
import { DynamoCustomerOptOuts } from '#shared/adapters/dynamo-customer-opt-outs.ts';
import { DynamoFigureStore } from '#shared/adapters/dynamo-figures.ts';
import { DynamoPromiseRepository } from '#shared/adapters/dynamo-promises.ts';
import type { ConsoleDeps } from '#functions/console/make-handler.ts';

export type { ConsoleDeps } from '#functions/console/make-handler.ts';

/**
 * The console's adapters: the table, SES (sign-in and replies), the raw archive (erasure), SQS
 * (dead-letter counts on the monitor page), the secrets, and the follow-through's promises,
 * check-ins, counters and opt-outs. `now` is the clock every route reads (tests pass their own).
 */
export function createConsoleDeps(config: Config, clients: Partial<AwsClients> = {}, now: () => Date = () => new Date()): ConsoleDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = tableOf(config);
  const deadLetterQueues = Object.entries({ feedback: config.aws.feedbackDeadLetterQueueUrl, inboundEmail: config.aws.inboundEmailDeadLetterQueueUrl, mailEvents: config.aws.mailEventsDeadLetterQueueUrl, urgent: config.aws.urgentDeadLetterQueueUrl }).filter(
    (entry): entry is [string, string] => Boolean(entry[1]),
  );
  const sqs = deadLetterQueues.length ? (clients.sqs ?? createSqsClient(config)) : undefined;
  const promises = new DynamoPromiseRepository(dynamo, config.aws.tableName, config.retentionDays);
  const checkIns = new DynamoCheckInRepository(dynamo, config.aws.tableName, config.retentionDays);
  const figures = new DynamoFigureStore(dynamo, config.aws.tableName, config.retentionDays);
  const optOuts = new DynamoCustomerOptOuts(dynamo, config.aws.tableName);
  return {
    config,
    promises,
    checkIns,
    figures,
    optOuts,
    followThrough: { config, figures, checkIns, optOuts },
    orders: new DynamoOrderRepository(dynamo, table),
    feedback: new DynamoFeedbackRepository(dynamo, table),
    alerts: new DynamoAlertOutbox(dynamo, table),
    customers: new DynamoCustomerRepository(dynamo, table),
    rateLimiter: new DynamoRateLimiter(dynamo, table),
    digest: new DynamoDigestStore(dynamo, table),
    polls: new DynamoPollStateRepository(dynamo, table),
    stats: new DynamoStatsRecorder(dynamo, table),
    cases: new DynamoCaseRepository(dynamo, config.aws.tableName, config.retentionDays),
    auth: new DynamoConsoleAuthRepository(dynamo, table),
    mailer: createMailer(config, clients.ses ?? createSesClient(config), dynamo),
    archive: new S3RawArchive(clients.s3 ?? createS3Client(config), config.aws.rawBucket),
    now,
    secrets: createSecretSource(config),
    deadLetters: async () => {
      if (!sqs) return undefined;
      const counts: Record<string, number> = {};
      for (const [name, url] of deadLetterQueues) {
        const answer = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }));
        counts[name] = Number(answer.Attributes?.ApproximateNumberOfMessages ?? 0);
      }
      return counts;
    },
  };
}
