import { createPollMentionsDeps } from '#functions/poll-mentions/deps.ts';
import { makePollMentionsHandler } from '#functions/poll-mentions/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the mention pollers: its adapters are built once per container. */
export const handler = makePollMentionsHandler(createPollMentionsDeps(loadConfig()));
