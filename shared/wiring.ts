import { awsClients } from '#shared/adapters/aws-clients.ts';
import {
  DynamoAlertOutbox,
  DynamoDigestStore,
  DynamoFeedbackRepository,
  DynamoMentionRegistry,
  DynamoPollStateRepository,
  DynamoOrderRepository,
  DynamoRateLimiter,
  DynamoStatsRecorder,
  DynamoSurveyRepository,
} from '#shared/adapters/dynamo-store.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo-customers.ts';
import { DynamoCaseRepository } from '#shared/adapters/dynamo-cases.ts';
import { S3RawArchive } from '#shared/adapters/s3-raw-archive.ts';
import { SesMailer } from '#shared/adapters/ses-mailer.ts';
import { SqsFeedbackQueue } from '#shared/adapters/sqs-feedback-queue.ts';
import { config } from '#shared/config.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

let cached: Deps | undefined;

/** The real adapters (AWS SDK v3 against AWS or the local emulators), built once per process. */
export function deps(): Deps {
  if (cached) return cached;
  const cfg = config();
  const { dynamo, sqs, s3, ses } = awsClients();
  const table = cfg.aws.tableName;
  cached = {
    config: cfg,
    orders: new DynamoOrderRepository(dynamo, table),
    surveys: new DynamoSurveyRepository(dynamo, table),
    feedback: new DynamoFeedbackRepository(dynamo, table, cfg.retentionDays),
    alerts: new DynamoAlertOutbox(dynamo, table),
    customers: new DynamoCustomerRepository(dynamo, table, cfg.retentionDays),
    rateLimiter: new DynamoRateLimiter(dynamo, table),
    mentions: new DynamoMentionRegistry(dynamo, table, cfg.retentionDays),
    digest: new DynamoDigestStore(dynamo, table),
    polls: new DynamoPollStateRepository(dynamo, table),
    stats: new DynamoStatsRecorder(dynamo, table, cfg.retentionDays),
    cases: new DynamoCaseRepository(dynamo, table, cfg.retentionDays),
    mailer: new SesMailer(ses, cfg.mail.from),
    archive: new S3RawArchive(s3, cfg.aws.rawBucket),
    queue: new SqsFeedbackQueue(sqs, required(cfg.aws.feedbackQueueUrl, 'EARSHOT_FEEDBACK_QUEUE_URL')),
    now: () => new Date(),
  };
  return cached;
}

/** A queue URL is needed only by the functions that send; they fail loudly without it. */
function required(value: string | undefined, name: string): string {
  return value ?? `missing:${name}`;
}

/** Forgets the wiring (tests and the local stack change the configuration first). */
export function resetDeps(): void {
  cached = undefined;
}
