import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { QUEUES, TABLE, type QueueKey, visibilityTimeoutSeconds } from '#infra/definitions.ts';

/**
 * Creates the local table, queues and bucket from the same definitions the CDK stack uses.
 * Idempotent: existing resources (a persisted table) are left as they are.
 */
export async function provisionTable(client: DynamoDBClient | DynamoDBDocumentClient, tableName: string): Promise<void> {
  // A document client sends the table commands unchanged (it shares the base client's stack).
  const dynamo = client as DynamoDBClient;
  try {
    await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException) && (error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  const attributes = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
  for (const index of TABLE.indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  await dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
}

/** Local URLs of each queue and its dead-letter queue. */
export type QueueUrls = Record<QueueKey, { url: string; dlqUrl: string }>;

/** Creates every queue with its dead-letter queue and redrive policy. */
export async function provisionQueues(sqs: SQSClient, options: { visibilityTimeoutSeconds?: number } = {}): Promise<QueueUrls> {
  const urls = {} as QueueUrls;
  for (const [key, queue] of Object.entries(QUEUES) as Array<[QueueKey, (typeof QUEUES)[QueueKey]]>) {
    const dlq = await sqs.send(
      new CreateQueueCommand({
        QueueName: `${queue.name}-dlq`,
        Attributes: { MessageRetentionPeriod: String(queue.deadLetterRetentionDays * 86_400) },
      }),
    );
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl!, AttributeNames: ['QueueArn'] }))
    ).Attributes?.QueueArn;
    const main = await sqs.send(
      new CreateQueueCommand({
        QueueName: queue.name,
        Attributes: {
          VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? visibilityTimeoutSeconds(key)),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: queue.maxReceiveCount }),
        },
      }),
    );
    urls[key] = { url: main.QueueUrl!, dlqUrl: dlq.QueueUrl! };
  }
  return urls;
}

/** Creates the raw-input bucket. */
export async function provisionBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const name = (error as Error).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  }
}
