import { reminderDay } from '#shared/domain/promise.ts';
import { promiseReminderEmail, reminderSubject } from '#shared/emails/promise-reminder.ts';
import type { FollowThroughDeps, FollowThroughLinks } from '#shared/use-cases/follow-through.ts';
import { sendOnce } from '#shared/use-cases/send-once.ts';

/** Most promises one reminder lists. */
const MAX_LISTED = 50;

/** The outbox key of one owner's reminder for one day. */
export function reminderKey(day: string, owner: string): string {
  return `promises-due:${day}:${owner.trim().toLowerCase()}`;
}

/**
 * On a due day, from the reminder hour (the digest hour) in the owner's time zone: one email per
 * owner address listing the promises due that day, sent once however often the schedule runs, and
 * retried by later runs while SES fails. It lists the promises as they are when it is sent, so a
 * promise kept or moved before then is left out, and one edited shows its current text. Returns how
 * many reminders went out in this run.
 */
export async function sendPromiseReminders(deps: FollowThroughDeps, links: FollowThroughLinks): Promise<number> {
  const day = reminderDay(deps.now(), deps.config.digest.hour, deps.config.business.timeZone);
  if (!day) return 0;
  if (!(await deps.promises.dueOn(day, 1)).length) return 0;
  let sent = 0;
  for (const owner of deps.config.owner.emails.map((e) => e.trim().toLowerCase())) {
    const render = async () => {
      // Read again with the lease held: only what is still open and due today, as it is now.
      const listed = await deps.promises.dueOn(day, MAX_LISTED);
      const current = (await Promise.all(listed.map((p) => deps.promises.get(p.caseId, p.promiseId)))).filter(
        (p): p is NonNullable<typeof p> => p !== undefined && p.status === 'open' && p.dueDate === day,
      );
      if (!current.length) return undefined;
      return promiseReminderEmail({
        to: owner,
        businessName: deps.config.business.name,
        day,
        items: current.map((p) => ({
          customer: p.customer,
          text: p.text,
          dueDate: p.dueDate,
          keptUrl: links.promiseKeptUrl(p.caseId, p.promiseId, owner),
          openUrl: links.openCaseUrl(p.caseId, owner),
        })),
      });
    };
    const result = await sendOnce(reminderKey(day, owner), { kind: 'promise-reminder', to: [owner], subject: reminderSubject(0) }, render, deps);
    if (result === 'sent') sent += 1;
  }
  return sent;
}
