import { handle } from 'hono/aws-lambda';
import { makeConsoleApp, type ConsoleDeps } from '#functions/console/app.ts';

export type { ConsoleDeps } from '#functions/console/app.ts';

/** The owner's console and `/v1/cases`: the Hono app over the deps given, as an API Gateway handler. */
export function makeConsoleHandler(deps: ConsoleDeps) {
  return handle(makeConsoleApp(deps));
}
