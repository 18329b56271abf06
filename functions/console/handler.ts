import { handle } from 'hono/aws-lambda';
import { config } from '#shared/config.ts';
import { makeConsoleApp } from './app.ts';
import { createConsoleDeps } from './deps.ts';

/** The console function's composition root: the Hono app over this configuration's adapters. */
export function makeConsoleHandler(deps: ReturnType<typeof createConsoleDeps>) {
  return handle(makeConsoleApp(deps));
}

/** The owner's console and `/v1/cases` behind API Gateway (and the local HTTP server). */
export const handler = makeConsoleHandler(createConsoleDeps(config()));
