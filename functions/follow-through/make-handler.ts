import { logger } from '#shared/logger.ts';
import { createFollowThroughLinks } from '#shared/use-cases/follow-through.ts';
import { runFollowThrough, type FollowThroughRun } from '#shared/use-cases/follow-through-job.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';
import type { FollowThroughDeps } from '#shared/use-cases/follow-through.ts';

/** What the follow-through functions (the schedule and the check-in pages) use. */
export type FollowThroughFunctionDeps = FollowThroughDeps & {
  /** The link key: check-in links, unsubscribe links, the reminder's `Kept` and `Open case` links. */
  secrets: Pick<SecretSource, 'linkKeys'>;
};

/**
 * The follow-through schedule (EventBridge Scheduler every few minutes in the owner's time zone;
 * the local scheduler and `POST /_local/run/reminders` locally): overdue promises, the day's promise
 * reminders at the reminder hour, due check-ins, expired check-ins.
 */
export function makeFollowThroughHandler(deps: FollowThroughFunctionDeps) {
  return async (): Promise<FollowThroughRun> => {
    const publicUrl = deps.config.http.publicUrl;
    if (!publicUrl) throw new Error('EARSHOT_PUBLIC_URL is needed for the links in reminders and check-ins');
    const links = createFollowThroughLinks(await deps.secrets.linkKeys(), publicUrl, deps.now);
    const run = await runFollowThrough(deps, links);
    if (Object.values(run).some(Boolean)) logger.info('follow-through run', { ...run });
    return run;
  };
}
