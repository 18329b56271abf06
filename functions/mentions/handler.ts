import { createMentionsDeps } from '#functions/mentions/deps.ts';
import { makeMentionsHandler } from '#functions/mentions/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the mentions webhook: its adapters are built once per container. */
export const handler = makeMentionsHandler(createMentionsDeps(loadConfig()));
