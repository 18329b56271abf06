import { createIngestEmailDeps } from '#functions/ingest-email/deps.ts';
import { makeIngestEmailHandler } from '#functions/ingest-email/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of inbound-email ingestion: its adapters are built once per container. */
export const handler = makeIngestEmailHandler(createIngestEmailDeps(loadConfig()));
