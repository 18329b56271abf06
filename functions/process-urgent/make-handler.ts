import { makeFeedbackConsumer, type ProcessFeedbackDeps } from '#shared/http/feedback-consumer.ts';

/** What the priority queue's consumer uses: the same as process-feedback. */
export type ProcessUrgentDeps = ProcessFeedbackDeps;

/**
 * Consumes the priority queue: items the triage at ingest found likely urgent. The same processing
 * as process-feedback (same records, rules and exactly-once alerts), as a function of its own so
 * its consumers never wait behind a backlog of ordinary items.
 */
export function makeProcessUrgentHandler(deps: ProcessUrgentDeps) {
  return makeFeedbackConsumer(deps);
}
