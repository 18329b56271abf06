import { createConsoleDeps } from '#functions/console/deps.ts';
import { makeConsoleHandler } from '#functions/console/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the owner's console: its adapters are built once per container. */
export const handler = makeConsoleHandler(createConsoleDeps(loadConfig()));
