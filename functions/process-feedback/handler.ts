import { createProcessFeedbackDeps } from '#functions/process-feedback/deps.ts';
import { makeProcessFeedbackHandler } from '#functions/process-feedback/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the feedback consumer: its adapters are built once per container. */
export const handler = makeProcessFeedbackHandler(createProcessFeedbackDeps(loadConfig()));
