import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { DynamoMentionRegistry } from '#shared/adapters/dynamo/mentions.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { createS3Client } from '#shared/adapters/s3-client.ts';
import { S3RawArchive } from '#shared/adapters/s3-raw-archive.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import { createSqsClient } from '#shared/adapters/sqs-client.ts';
import { requiredQueueUrl, SqsFeedbackQueue } from '#shared/adapters/sqs-feedback-queue.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { MentionsDeps } from '#functions/mentions/make-handler.ts';

/** The webhook's adapters: the mention registry in the table, the raw archive, the feedback and priority queues, the customers (the triage reads their complaint history), the webhook secret. */
export function createMentionsDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'sqs' | 's3'>> = {}): MentionsDeps {
  const dynamo = clients.dynamo ?? createDynamoClient(config);
  return {
    config,
    customers: new DynamoCustomerRepository(dynamo, tableOf(config)),
    now: () => new Date(),
    mentions: new DynamoMentionRegistry(dynamo, tableOf(config)),
    archive: new S3RawArchive(clients.s3 ?? createS3Client(config), config.aws.rawBucket),
    queue: new SqsFeedbackQueue(clients.sqs ?? createSqsClient(config), requiredQueueUrl(config), config.aws.urgentQueueUrl),
    secrets: createSecretSource(config),
  };
}
