import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '#shared/logger.ts';

/** A consumer function as Lambda calls it for an SQS event source. */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface SqsPollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  handler: SqsHandler;
  context: () => Context;
  batchSize?: number;
  /** Seconds a failed message stays invisible before it is retried (locally short). */
  retryDelaySeconds?: number;
  region?: string;
}

/** Builds the SQS event record Lambda would deliver for a received message. */
export function toSqsRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        {
          dataType: value.DataType ?? 'String',
          ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
          ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/**
 * The local stand-in for Lambda's SQS event source mapping: long-polls the queue, invokes the
 * consumer with a real SQS event batch, deletes what succeeded and leaves the `batchItemFailures`
 * for redelivery, so the queue's redrive policy moves poison messages to the dead-letter queue.
 */
export class SqsPoller {
  private running = false;
  private generation = 0;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: SqsPollerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    // A poller stopped and started again before its last poll ended picks up after that poll.
    const generation = ++this.generation;
    this.loop = (this.loop ?? Promise.resolve()).then(() => this.run(generation));
  }

  /**
   * Stops after the poll in hand: its long poll (at most a second) is not cut short, since the
   * queue would still hand the messages that arrive meanwhile to the abandoned request, where they
   * would stay invisible for the visibility timeout; a batch received is processed first.
   */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Receives and processes one batch; returns how many messages it handled. */
  async pollOnce(waitTimeSeconds = 1): Promise<number> {
    const { sqs, queueUrl } = this.options;
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: this.options.batchSize ?? 10,
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return 0;
    const event: SQSEvent = {
      Records: messages.map((m) => toSqsRecord(m, this.options.queueArn, this.options.region ?? 'us-east-1')),
    };
    let failedIds: Set<string>;
    try {
      const response = await this.options.handler(event, this.options.context());
      failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      // A thrown invocation fails the whole batch, as in Lambda.
      logger.error('consumer invocation failed', { queueUrl, error: String(error) });
      failedIds = new Set(messages.map((m) => m.MessageId!));
    }
    const succeeded = messages.filter((m) => !failedIds.has(m.MessageId!));
    const failed = messages.filter((m) => failedIds.has(m.MessageId!));
    if (succeeded.length) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: succeeded.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
    if (failed.length && this.options.retryDelaySeconds !== undefined) {
      await sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queueUrl,
          Entries: failed.map((m, i) => ({
            Id: String(i),
            ReceiptHandle: m.ReceiptHandle!,
            VisibilityTimeout: this.options.retryDelaySeconds!,
          })),
        }),
      );
    }
    return messages.length;
  }

  private async run(generation: number): Promise<void> {
    const current = () => this.running && this.generation === generation;
    while (current()) {
      try {
        await this.pollOnce();
      } catch (error) {
        if (!current()) break;
        logger.error('queue poll failed', { queueUrl: this.options.queueUrl, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
}
