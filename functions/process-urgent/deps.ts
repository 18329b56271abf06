import { createFeedbackProcessingDeps } from '#shared/composition/feedback-processing.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { ProcessUrgentDeps } from '#functions/process-urgent/make-handler.ts';

/** The priority consumer's adapters: a feedback consumer's, the same as process-feedback's (the follow-through's counters included). */
export function createProcessUrgentDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'ses'>> = {}): ProcessUrgentDeps {
  return createFeedbackProcessingDeps(config, clients);
}
