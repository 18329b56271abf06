import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoAlertOutbox } from '#shared/adapters/dynamo/alerts.ts';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { DynamoDigestStore } from '#shared/adapters/dynamo/digest-store.ts';
import { DynamoFeedbackRepository } from '#shared/adapters/dynamo/feedback.ts';
import { DynamoInputLedger } from '#shared/adapters/dynamo/input-ledger.ts';
import { DynamoMentionRegistry } from '#shared/adapters/dynamo/mentions.ts';
import { DynamoOrderRepository } from '#shared/adapters/dynamo/orders.ts';
import { DynamoPollStateRepository } from '#shared/adapters/dynamo/poll-states.ts';
import { DynamoRateLimiter } from '#shared/adapters/dynamo/rate-limiter.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { DynamoSurveyRepository } from '#shared/adapters/dynamo/survey-links.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { DynamoCaseRepository } from '#shared/adapters/dynamo-cases.ts';
import { createS3Client } from '#shared/adapters/s3-client.ts';
import { S3RawArchive } from '#shared/adapters/s3-raw-archive.ts';
import { createSesClient } from '#shared/adapters/ses-client.ts';
import { createMailer } from '#shared/adapters/mailer.ts';
import { httpMentionSources } from '#shared/mentions/sources.ts';
import { createSqsClient } from '#shared/adapters/sqs-client.ts';
import { requiredQueueUrl, SqsFeedbackQueue } from '#shared/adapters/sqs-feedback-queue.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '#shared/config.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/**
 * Every real adapter over one configuration, for tests and benchmarks that call use cases directly
 * or read what a handler stored (`dynamo` lets a benchmark pass a metered client). No function
 * builds this set: each builds only what it uses.
 */
export function createAllAdapters(config: Config, dynamo: DynamoDBDocumentClient = createDynamoClient(config)): Deps {
  const table = tableOf(config);
  return {
    config,
    now: () => new Date(),
    orders: new DynamoOrderRepository(dynamo, table),
    surveys: new DynamoSurveyRepository(dynamo, table),
    feedback: new DynamoFeedbackRepository(dynamo, table),
    alerts: new DynamoAlertOutbox(dynamo, table),
    customers: new DynamoCustomerRepository(dynamo, table),
    rateLimiter: new DynamoRateLimiter(dynamo, table),
    mentions: new DynamoMentionRegistry(dynamo, table),
    digest: new DynamoDigestStore(dynamo, table),
    polls: new DynamoPollStateRepository(dynamo, table),
    sources: httpMentionSources,
    stats: new DynamoStatsRecorder(dynamo, table),
    ledger: new DynamoInputLedger(dynamo, table),
    cases: new DynamoCaseRepository(dynamo, config.aws.tableName, config.retentionDays),
    mailer: createMailer(config, createSesClient(config), dynamo),
    archive: new S3RawArchive(createS3Client(config), config.aws.rawBucket),
    queue: new SqsFeedbackQueue(createSqsClient(config), requiredQueueUrl(config), config.aws.urgentQueueUrl),
  };
}
