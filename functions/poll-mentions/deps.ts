import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoMentionRegistry } from '#shared/adapters/dynamo/mentions.ts';
import { DynamoPollStateRepository } from '#shared/adapters/dynamo/poll-states.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { createS3Client } from '#shared/adapters/s3-client.ts';
import { httpMentionSources } from '#shared/mentions/sources.ts';
import { S3RawArchive } from '#shared/adapters/s3-raw-archive.ts';
import { createSqsClient } from '#shared/adapters/sqs-client.ts';
import { requiredQueueUrl, SqsFeedbackQueue } from '#shared/adapters/sqs-feedback-queue.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { PollMentionsDeps } from '#functions/poll-mentions/make-handler.ts';

/** The pollers' adapters: the sources over HTTP, cursors and the mention registry in the table, the raw archive, the feedback and priority queues, the customers (the triage reads their complaint history). */
export function createPollMentionsDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'sqs' | 's3'>> = {}): PollMentionsDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  const table = tableOf(config);
  return {
    customers: new DynamoCustomerRepository(dynamo, tableOf(config)),
    config,
    now: () => new Date(),
    polls: new DynamoPollStateRepository(dynamo, table),
    sources: httpMentionSources,
    mentions: new DynamoMentionRegistry(dynamo, table),
    archive: new S3RawArchive(clients.s3 ?? createS3Client(config), config.aws.rawBucket),
    queue: new SqsFeedbackQueue(clients.sqs ?? createSqsClient(config), requiredQueueUrl(config), config.aws.urgentQueueUrl),
  };
}
