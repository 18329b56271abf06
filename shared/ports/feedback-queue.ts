import type { FeedbackMessage } from '#shared/domain/feedback.ts';

/** The processing queue (SQS). */
export interface FeedbackQueue {
  send(message: FeedbackMessage): Promise<void>;
}
