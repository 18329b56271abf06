import { reviewSiteId } from '#shared/domain/review-link.ts';
import type { LinkSecret } from '#shared/domain/link-keys.ts';
import { buildDigest, type Digest, type SourceHealth } from '#shared/digest/build.ts';
import { unsubscribeToken } from '#shared/domain/unsubscribe-link.ts';
import { addDays, localDate } from '#shared/domain/week.ts';
import { renderDigestEmail } from '#shared/emails/digest.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import type { FollowThroughDeps } from '#shared/use-cases/follow-through.ts';
import { readFollowThroughDigest } from '#shared/use-cases/recovery-figures.ts';
import { sourceHealth } from '#shared/use-cases/source-health.ts';

/** Promises and recoveries for the digest: the figures' counters, open promises, "not put right" answers. */
export interface DigestFollowThrough {
  followThrough?: Pick<FollowThroughDeps, 'figures' | 'promises' | 'checkIns' | 'cases' | 'config' | 'now'>;
}

export interface DigestPeriod {
  /** The 7 local days covered, oldest first, and the 7 before them. */
  days: string[];
  previous: string[];
}

/**
 * The days a digest covers. The scheduled digest covers the 7 full local days before today; one
 * built on demand (`/_local/run/digest`, the preview) covers the 7 days up to this moment.
 */
export function digestPeriod(now: Date, timeZone: string, through: 'yesterday' | 'now'): DigestPeriod {
  const last = through === 'now' ? localDate(now, timeZone) : addDays(localDate(now, timeZone), -1);
  const days = Array.from({ length: 7 }, (_, i) => addDays(last, i - 6));
  return { days, previous: days.map((day) => addDays(day, -7)) };
}

/**
 * Reads what the digest needs — one query per day for the 14 days, one page of open complaints,
 * one page of the most valuable customers — and builds it. The cost grows with weeks, not with the
 * history: nothing is scanned.
 */
export async function buildWeeklyDigest(
  deps: Pick<Deps, 'digest' | 'feedback' | 'customers' | 'config'> & DigestFollowThrough,
  period: DigestPeriod,
  sources: SourceHealth[] = [],
): Promise<Digest> {
  const [thisWeek, lastWeek, openComplaints, topCustomers, followThrough] = await Promise.all([
    Promise.all(period.days.map((day) => deps.digest.day(day))),
    Promise.all(period.previous.map((day) => deps.digest.day(day))),
    deps.feedback.listOpenComplaints(11),
    deps.customers.topByValue(5),
    deps.followThrough ? readFollowThroughDigest(deps.followThrough, period.days) : undefined,
  ]);
  return buildDigest({
    businessName: deps.config.business.name,
    thisWeek,
    lastWeek,
    openComplaints,
    topCustomers: topCustomers
      .filter((c) => c.orderValue > 0)
      .map((c) => ({ name: c.name ?? c.emails[0] ?? c.customerId, orderCount: c.orderCount, orderValue: c.orderValue, ...(c.currency ? { currency: c.currency } : {}) })),
    sources,
    recurringThreshold: deps.config.alerts.recurringTopicThreshold,
    ...(followThrough ? { followThrough } : {}),
    reviewSites: deps.config.reviews.links.map((link) => ({ id: reviewSiteId(link.name), site: link.name })),
  });
}

/**
 * Builds the digest and sends it to every owner address that has not unsubscribed, one email each
 * with its own unsubscribe link. The scheduled run sends each recipient one digest per week (a
 * retried schedule sends nothing twice); `force` sends again (on demand).
 */
export async function sendWeeklyDigest(
  deps: Pick<Deps, 'digest' | 'feedback' | 'customers' | 'config' | 'mailer' | 'now' | 'polls'> & DigestFollowThrough,
  options: { linkSecret: LinkSecret; publicUrl: string; through: 'yesterday' | 'now'; force?: boolean },
): Promise<{ sent: number; skipped: number }> {
  const now = deps.now();
  const period = digestPeriod(now, deps.config.business.timeZone, options.through);
  const digest = await buildWeeklyDigest(deps, period, await sourceHealth(deps));
  const week = period.days[0]!;
  let sent = 0;
  let skipped = 0;
  for (const recipient of deps.config.owner.emails.map((e) => e.trim().toLowerCase())) {
    if (await deps.digest.isUnsubscribed(recipient)) {
      skipped += 1;
      continue;
    }
    if (!options.force && !(await deps.digest.claimWeek(week, recipient, now))) {
      skipped += 1;
      continue;
    }
    const unsubscribeUrl = `${options.publicUrl.replace(/\/+$/, '')}/u/${unsubscribeToken(options.linkSecret, recipient)}`;
    const email = renderDigestEmail(digest, unsubscribeUrl, caseUrlFor(options.publicUrl));
    try {
      await deps.mailer.send({
        to: [recipient],
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Earshot-Digest': week },
      });
      sent += 1;
    } catch (error) {
      if (!options.force) await deps.digest.releaseWeek(week, recipient);
      throw error;
    }
  }
  return { sent, skipped };
}

/** The digest for the 7 days up to now, rendered but not sent (the CLI's `digest --preview`). */
export async function previewDigest(
  deps: Pick<Deps, 'digest' | 'feedback' | 'customers' | 'config' | 'now' | 'polls'> & DigestFollowThrough,
  publicUrl: string,
): Promise<{ subject: string; html: string; text: string }> {
  const digest = await buildWeeklyDigest(deps, digestPeriod(deps.now(), deps.config.business.timeZone, 'now'), await sourceHealth(deps));
  return renderDigestEmail(digest, `${publicUrl.replace(/\/+$/, '')}/u/preview`, caseUrlFor(publicUrl));
}

/** Links to the console's case pages. */
function caseUrlFor(publicUrl: string): (caseId: string) => string {
  return (caseId) => `${publicUrl.replace(/\/+$/, '')}/console/cases/${caseId}`;
}
