import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Config } from '#shared/config.ts';
import type { FeedbackMessage } from '#shared/domain/feedback.ts';
import type { FeedbackQueue } from '#shared/ports/feedback-queue.ts';

/**
 * The processing queues in SQS: the feedback queue, and the priority queue for items the triage at
 * ingest finds likely urgent (without a priority queue URL, everything goes to the feedback queue).
 */
export class SqsFeedbackQueue implements FeedbackQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly urgentQueueUrl?: string,
  ) {}

  async send(message: FeedbackMessage, options: { priority?: boolean } = {}): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: options.priority && this.urgentQueueUrl ? this.urgentQueueUrl : this.queueUrl,
        MessageBody: sqsSafeJson(message),
        MessageAttributes: { channel: { DataType: 'String', StringValue: message.channel } },
      }),
    );
  }
}

/**
 * JSON with every character SQS may refuse written as a `\uXXXX` escape: characters above U+FFFF
 * (emoji, as surrogate pairs), U+FFFE and U+FFFF. JSON.parse gives back the same text.
 */
export function sqsSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u{10000}-\u{10FFFF}\uFFFE\uFFFF]/gu, (char) =>
    Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}

/**
 * The feedback queue's URL. Only the functions that send need it; a missing URL fails loudly on
 * the first send (naming the variable), not at start, so the other routes of a function still work.
 */
export function requiredQueueUrl(cfg: Pick<Config, 'aws'>): string {
  return cfg.aws.feedbackQueueUrl ?? 'missing:EARSHOT_FEEDBACK_QUEUE_URL';
}
