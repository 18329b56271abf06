import { createCustomersDeps } from '#functions/customers/deps.ts';
import { makeCustomersHandler } from '#functions/customers/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the customer API: its adapters are built once per container. */
export const handler = makeCustomersHandler(createCustomersDeps(loadConfig()));
