import { secretSource } from '#shared/adapters/secrets.ts';
import { logger } from '#shared/logger.ts';
import { sendWeeklyDigest } from '#shared/use-cases/digest.ts';
import { deps } from '#shared/wiring.ts';

/** What the schedule (or the local `/_local/run/digest` helper) passes in. */
export interface DigestEvent {
  /** `now`: the 7 days up to this moment, sent even if this week's digest went out (on demand). */
  through?: 'yesterday' | 'now';
}

/**
 * The weekly digest: run by EventBridge Scheduler every Monday at 08:00 in the owner's time zone
 * (the local scheduler locally). Sends each owner address one digest per week.
 */
export const handler = async (event: DigestEvent = {}): Promise<{ sent: number; skipped: number }> => {
  const d = deps();
  const publicUrl = d.config.http.publicUrl;
  if (!publicUrl) throw new Error('EARSHOT_PUBLIC_URL is needed for the unsubscribe links');
  const onDemand = event?.through === 'now';
  const result = await sendWeeklyDigest(d, { linkSecret: await secretSource().linkKeys(), publicUrl, through: onDemand ? 'now' : 'yesterday', force: onDemand });
  logger.info('weekly digest', result);
  return result;
};
