import { createUnsubscribeDeps } from '#functions/unsubscribe/deps.ts';
import { makeUnsubscribeHandler } from '#functions/unsubscribe/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the digest unsubscribe page: its adapters are built once per container. */
export const handler = makeUnsubscribeHandler(createUnsubscribeDeps(loadConfig()));
