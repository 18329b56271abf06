import { expireCheckIns, sendDueCheckIns } from '#shared/use-cases/check-ins.ts';
import type { FollowThroughDeps, FollowThroughLinks } from '#shared/use-cases/follow-through.ts';
import { sendPromiseReminders } from '#shared/use-cases/promise-reminders.ts';
import { flagOverduePromises } from '#shared/use-cases/promises.ts';

/** What one run of the follow-through schedule did. */
export interface FollowThroughRun {
  /** Promise reminders sent (one per owner address per due day). */
  reminders: number;
  /** Check-ins sent to customers. */
  checkIns: number;
  overdue: number;
  expired: number;
}

/**
 * The follow-through schedule (every few minutes, and `POST /_local/run/reminders`): flags promises
 * that went overdue, sends the day's promise reminders once the reminder hour has come, sends the
 * check-ins that are due, and records unanswered check-ins whose links expired. Each step is safe
 * to run twice or concurrently; each email goes out once.
 */
export async function runFollowThrough(deps: FollowThroughDeps, links: FollowThroughLinks): Promise<FollowThroughRun> {
  const overdue = await flagOverduePromises(deps);
  const reminders = await sendPromiseReminders(deps, links);
  const checkIns = await sendDueCheckIns(deps, links);
  const expired = await expireCheckIns(deps);
  return { reminders, checkIns, overdue, expired };
}
