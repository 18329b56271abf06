import { createDigestDeps } from '#functions/digest/deps.ts';
import { makeDigestHandler } from '#functions/digest/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the weekly digest: its adapters are built once per container. */
export const handler = makeDigestHandler(createDigestDeps(loadConfig()));
