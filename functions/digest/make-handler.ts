import { logger } from '#shared/logger.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { sendWeeklyDigest } from '#shared/use-cases/digest.ts';

/** What the schedule (or the local `/_local/run/digest` helper) passes in. */
export interface DigestEvent {
  /** `now`: the 7 days up to this moment, sent even if this week's digest went out (on demand). */
  through?: 'yesterday' | 'now';
}

/** What the weekly digest uses: the day aggregates, and the follow-through for its promises and recoveries. */
export type DigestDeps = Pick<Deps, 'digest' | 'feedback' | 'customers' | 'polls' | 'mailer' | 'config' | 'now'> &
  Pick<Parameters<typeof sendWeeklyDigest>[0], 'followThrough'> & { secrets: SecretSource };

/**
 * The weekly digest: run by EventBridge Scheduler every Monday at 08:00 in the owner's time zone
 * (the local scheduler locally). Sends each owner address one digest per week.
 */
export function makeDigestHandler(deps: DigestDeps) {
  return async (event: DigestEvent = {}): Promise<{ sent: number; skipped: number }> => {
    const publicUrl = deps.config.http.publicUrl;
    if (!publicUrl) throw new Error('EARSHOT_PUBLIC_URL is needed for the unsubscribe links');
    const onDemand = event?.through === 'now';
    const result = await sendWeeklyDigest(deps, { linkSecret: await deps.secrets.linkKeys(), publicUrl, through: onDemand ? 'now' : 'yesterday', force: onDemand });
    logger.info('weekly digest', result);
    return result;
  };
}
