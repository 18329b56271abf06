import { createFeedbackProcessingDeps } from '#shared/composition/feedback-processing.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';
import type { ProcessFeedbackDeps } from '#functions/process-feedback/make-handler.ts';

/** The processing function's adapters: a feedback consumer's (the classifier, the table, SES and the link key; no queue or bucket). */
export function createProcessFeedbackDeps(config: Config, clients: Partial<Pick<AwsClients, 'dynamo' | 'ses'>> = {}): ProcessFeedbackDeps {
  return createFeedbackProcessingDeps(config, clients);
}
