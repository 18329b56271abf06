import { createProcessUrgentDeps } from '#functions/process-urgent/deps.ts';
import { makeProcessUrgentHandler } from '#functions/process-urgent/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the priority queue's consumer: its adapters are built once per container. */
export const handler = makeProcessUrgentHandler(createProcessUrgentDeps(loadConfig()));
