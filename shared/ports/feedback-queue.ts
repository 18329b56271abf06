import type { FeedbackMessage } from '#shared/domain/feedback.ts';

/** The processing queues (SQS): the ordinary one, and the priority one for likely-urgent items. */
export interface FeedbackQueue {
  /** Queues an item; `priority` sends it to the priority queue, which has consumers of its own. */
  send(message: FeedbackMessage, options?: { priority?: boolean }): Promise<void>;
}
