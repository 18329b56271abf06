import { makeFeedbackConsumer, type ProcessFeedbackDeps } from '#shared/http/feedback-consumer.ts';

export { InvalidMessageError, type ProcessFeedbackDeps } from '#shared/http/feedback-consumer.ts';

/** Consumes the feedback queue (see makeFeedbackConsumer). */
export function makeProcessFeedbackHandler(deps: ProcessFeedbackDeps) {
  return makeFeedbackConsumer(deps);
}
