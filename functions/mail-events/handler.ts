import { createMailEventsDeps } from '#functions/mail-events/deps.ts';
import { makeMailEventsHandler } from '#functions/mail-events/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point for SES's bounces and complaints: suppresses the address, counts them for the digest. */
export const handler = makeMailEventsHandler(createMailEventsDeps(loadConfig()));
