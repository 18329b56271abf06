import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoFeedbackRepository } from '#shared/adapters/dynamo/feedback.ts';
import { DynamoInputLedger } from '#shared/adapters/dynamo/input-ledger.ts';
import { DynamoMentionRegistry } from '#shared/adapters/dynamo/mentions.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { DynamoSurveyRepository } from '#shared/adapters/dynamo/survey-links.ts';
import { createS3Client } from '#shared/adapters/s3-client.ts';
import { S3RawArchive } from '#shared/adapters/s3-raw-archive.ts';
import { createSqsClient } from '#shared/adapters/sqs-client.ts';
import { requiredQueueUrl, SqsFeedbackQueue } from '#shared/adapters/sqs-feedback-queue.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { ReconcileDeps } from '#functions/reconcile/make-handler.ts';

/** The reconciler's adapters: the raw archive it lists, the records and ledger in the table, the feedback and priority queues, the customers (the triage reads their complaint history). */
export function createReconcileDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'sqs' | 's3'>> = {}): ReconcileDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = tableOf(config);
  return {
    customers: new DynamoCustomerRepository(dynamo, tableOf(config)),
    config,
    now: () => new Date(),
    archive: new S3RawArchive(clients.s3 ?? createS3Client(config), config.aws.rawBucket),
    feedback: new DynamoFeedbackRepository(dynamo, table),
    ledger: new DynamoInputLedger(dynamo, table),
    surveys: new DynamoSurveyRepository(dynamo, table),
    mentions: new DynamoMentionRegistry(dynamo, table),
    stats: new DynamoStatsRecorder(dynamo, table),
    queue: new SqsFeedbackQueue(clients.sqs ?? createSqsClient(config), requiredQueueUrl(config), config.aws.urgentQueueUrl),
  };
}
