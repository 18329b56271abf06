import { localDate } from '#shared/domain/week.ts';
import type { MailEvent } from '#shared/domain/mail-event.ts';
import type { StatsRecorder } from '#shared/ports/store.ts';
import type { SuppressionList } from '#shared/ports/suppression.ts';

/** Day counters the digest's monitor section reads. */
export const MAIL_COUNTERS = { bounce: 'mail_bounces', complaint: 'mail_complaints' } as const;

export interface MailEventDeps {
  suppressions: SuppressionList;
  stats: Pick<StatsRecorder, 'count'>;
  timeZone: string;
  now: () => Date;
}

/**
 * Records a bounce or complaint SES reported: counts it for the digest (per recipient, once per
 * event however often it is delivered) and, for a permanent bounce or a complaint, suppresses the
 * addresses so Earshot sends them nothing more.
 */
export async function recordMailEvent(event: MailEvent, deps: MailEventDeps): Promise<{ counted: boolean; suppressed: string[] }> {
  const now = deps.now();
  if (!(await deps.suppressions.firstTime(`${event.kind}:${event.id}`, now))) return { counted: false, suppressed: [] };
  const suppressed: string[] = [];
  if (event.suppress) {
    for (const address of event.recipients) if (await deps.suppressions.suppress(address, event.reason, now)) suppressed.push(address);
  }
  const at = event.at && !Number.isNaN(Date.parse(event.at)) ? new Date(event.at) : now;
  await deps.stats.count(localDate(at, deps.timeZone), { [MAIL_COUNTERS[event.kind]]: event.recipients.length });
  return { counted: true, suppressed };
}
