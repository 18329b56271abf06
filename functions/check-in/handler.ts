import { createCheckInDeps } from '#functions/check-in/deps.ts';
import { makeCheckInHandler } from '#functions/check-in/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the check-in pages: its adapters are built once per container. */
export const handler = makeCheckInHandler(createCheckInDeps(loadConfig()));
