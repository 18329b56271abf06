import { createFollowThroughDeps } from '#functions/follow-through/deps.ts';
import { makeFollowThroughHandler } from '#functions/follow-through/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the follow-through schedule: its adapters are built once per container. */
export const handler = makeFollowThroughHandler(createFollowThroughDeps(loadConfig()));
