import { createOrdersDeps } from '#functions/orders/deps.ts';
import { makeOrdersHandler } from '#functions/orders/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the order intake: its adapters are built once per container. */
export const handler = makeOrdersHandler(createOrdersDeps(loadConfig()));
