import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoInputLedger } from '#shared/adapters/dynamo/input-ledger.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { createS3Client } from '#shared/adapters/s3-client.ts';
import { S3RawArchive } from '#shared/adapters/s3-raw-archive.ts';
import { createSqsClient } from '#shared/adapters/sqs-client.ts';
import { requiredQueueUrl, SqsFeedbackQueue } from '#shared/adapters/sqs-feedback-queue.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { IngestEmailDeps } from '#functions/ingest-email/make-handler.ts';

/** Ingestion's adapters: the raw archive it reads mail from, the feedback and priority queues, the customers (the triage reads their complaint history), the day's counters, the input ledger. */
export function createIngestEmailDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'sqs' | 's3'>> = {}): IngestEmailDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  return {
    customers: new DynamoCustomerRepository(dynamo, tableOf(config)),
    config,
    now: () => new Date(),
    archive: new S3RawArchive(clients.s3 ?? createS3Client(config), config.aws.rawBucket),
    queue: new SqsFeedbackQueue(clients.sqs ?? createSqsClient(config), requiredQueueUrl(config), config.aws.urgentQueueUrl),
    stats: new DynamoStatsRecorder(dynamo, tableOf(config)),
    ledger: new DynamoInputLedger(dynamo, tableOf(config)),
  };
}
