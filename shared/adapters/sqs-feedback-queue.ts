import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FeedbackMessage } from '#shared/domain/feedback.ts';
import type { FeedbackQueue } from '#shared/ports/feedback-queue.ts';

/** The processing queue in SQS. */
export class SqsFeedbackQueue implements FeedbackQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(message: FeedbackMessage): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        MessageAttributes: { channel: { DataType: 'String', StringValue: message.channel } },
      }),
    );
  }
}
