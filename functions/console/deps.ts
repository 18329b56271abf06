import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createClients } from '#shared/adapters/aws-clients.ts';
import { DynamoCaseRepository } from '#shared/adapters/dynamo-cases.ts';
import { DynamoConsoleAuthRepository } from '#shared/adapters/dynamo-console-auth.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo-customers.ts';
import {
  DynamoAlertOutbox,
  DynamoDigestStore,
  DynamoFeedbackRepository,
  DynamoMentionRegistry,
  DynamoOrderRepository,
  DynamoPollStateRepository,
  DynamoRateLimiter,
  DynamoStatsRecorder,
  DynamoSurveyRepository,
} from '#shared/adapters/dynamo-store.ts';
import { S3RawArchive } from '#shared/adapters/s3-raw-archive.ts';
import { createSecretSource, type SecretSource } from '#shared/adapters/secrets.ts';
import { SesMailer } from '#shared/adapters/ses-mailer.ts';
import { SqsFeedbackQueue } from '#shared/adapters/sqs-feedback-queue.ts';
import type { Config } from '#shared/config.ts';
import type { ConsoleAuthRepository } from '#shared/ports/cases.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** Everything the console's routes use, passed in (tests build their own). */
export interface ConsoleDeps extends Deps {
  auth: ConsoleAuthRepository;
  /** The link keys (sessions, action links, reply tags) and the API key (`/v1/cases`). */
  secrets: Pick<SecretSource, 'apiKey' | 'linkKeys'>;
  /** Messages waiting in each dead-letter queue, for the monitor page (undefined when not configured). */
  deadLetters: () => Promise<Record<string, number> | undefined>;
}

/** The console's adapters for a configuration: AWS SDK v3 clients against AWS or the local emulators. */
export function createConsoleDeps(config: Config, clients: ReturnType<typeof createClients> = createClients(config)): ConsoleDeps {
  const { dynamo, sqs, s3, ses } = clients;
  const table = config.aws.tableName;
  const deadLetterQueues = Object.entries({ feedback: config.aws.feedbackDeadLetterQueueUrl, inboundEmail: config.aws.inboundEmailDeadLetterQueueUrl }).filter(
    (entry): entry is [string, string] => Boolean(entry[1]),
  );
  return {
    config,
    orders: new DynamoOrderRepository(dynamo, table),
    surveys: new DynamoSurveyRepository(dynamo, table),
    feedback: new DynamoFeedbackRepository(dynamo, table, config.retentionDays),
    alerts: new DynamoAlertOutbox(dynamo, table),
    customers: new DynamoCustomerRepository(dynamo, table, config.retentionDays),
    rateLimiter: new DynamoRateLimiter(dynamo, table),
    mentions: new DynamoMentionRegistry(dynamo, table, config.retentionDays),
    digest: new DynamoDigestStore(dynamo, table),
    polls: new DynamoPollStateRepository(dynamo, table),
    stats: new DynamoStatsRecorder(dynamo, table, config.retentionDays),
    cases: new DynamoCaseRepository(dynamo, table, config.retentionDays),
    auth: new DynamoConsoleAuthRepository(dynamo, table),
    mailer: new SesMailer(ses, config.mail.from),
    archive: new S3RawArchive(s3, config.aws.rawBucket),
    // The console never queues feedback; erasure and merges do not send.
    queue: new SqsFeedbackQueue(sqs, config.aws.feedbackQueueUrl ?? 'missing:EARSHOT_FEEDBACK_QUEUE_URL'),
    now: () => new Date(),
    secrets: createSecretSource(config),
    deadLetters: async () => {
      if (!deadLetterQueues.length) return undefined;
      const counts: Record<string, number> = {};
      for (const [name, url] of deadLetterQueues) {
        const answer = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }));
        counts[name] = Number(answer.Attributes?.ApproximateNumberOfMessages ?? 0);
      }
      return counts;
    },
  };
}
