import {
  ANSWER_WITHIN_HOURS,
  buildRecoveryFigures,
  FIGURE,
  hourBucket,
  HOURS_TO_FIRST_ANSWER,
  HOURS_TO_HANDLED,
  WIN_BACK_DAYS,
  type RecoveryFigures,
} from '#shared/domain/recovery-figures.ts';
import type { FollowThroughDigest } from '#shared/digest/follow-through.ts';
import type { ComplaintEntry } from '#shared/domain/customer.ts';
import { addDays, localDate } from '#shared/domain/week.ts';
import type { FollowThroughDeps } from '#shared/use-cases/follow-through.ts';

type CountDeps = Pick<FollowThroughDeps, 'figures' | 'config'>;

function day(iso: string, deps: CountDeps): string {
  return localDate(new Date(iso), deps.config.business.timeZone);
}

/** Counts a complaint case opened (once per case). */
export function countCaseOpened(caseId: string, openedAt: string, deps: CountDeps): Promise<boolean> {
  return deps.figures.countOnce(`opened:${caseId}`, [{ day: day(openedAt, deps), counters: { [FIGURE.casesOpened]: 1 } }]);
}

/**
 * Counts a case's first answer (a reply sent from Earshot, "Replied elsewhere", or a handled mark),
 * once per case: the hours it took, and, on the day the case opened, whether it was within 48 hours
 * of calendar time.
 */
export function countFirstAnswer(caseId: string, openedAt: string, answeredAt: string, deps: CountDeps): Promise<boolean> {
  const within = Date.parse(answeredAt) - Date.parse(openedAt) <= ANSWER_WITHIN_HOURS * 3_600_000;
  return deps.figures.countOnce(`answered:${caseId}`, [
    { day: day(answeredAt, deps), counters: { [FIGURE.firstAnswers]: 1, [hourBucket(HOURS_TO_FIRST_ANSWER, openedAt, answeredAt)]: 1 } },
    ...(within ? [{ day: day(openedAt, deps), counters: { [FIGURE.answered48h]: 1 } }] : []),
  ]);
}

/** Counts a case's first handling (once per case), with the hours from opening. */
export function countFirstHandled(caseId: string, openedAt: string, handledAt: string, deps: CountDeps): Promise<boolean> {
  return deps.figures.countOnce(`handled:${caseId}`, [{ day: day(handledAt, deps), counters: { [FIGURE.firstHandled]: 1, [hourBucket(HOURS_TO_HANDLED, openedAt, handledAt)]: 1 } }]);
}

/**
 * A complainer who orders again within 60 days of their latest complaint before the order is won
 * back: counted once per complaint, on the order's day.
 */
export async function countWinBack(customerId: string, complaints: ComplaintEntry[], purchasedAt: string, deps: CountDeps): Promise<boolean> {
  const at = Date.parse(purchasedAt);
  const latest = complaints
    .filter((c) => Date.parse(c.at) < at && at - Date.parse(c.at) <= WIN_BACK_DAYS * 86_400_000)
    .sort((a, b) => b.at.localeCompare(a.at))[0];
  if (!latest) return false;
  return deps.figures.countOnce(`won-back:${customerId}:${latest.id}`, [{ day: day(purchasedAt, deps), counters: { [FIGURE.wonBack]: 1 } }]);
}

/**
 * The follow-through figures for a week (the digest's days, or the 7 days up to today) and the last
 * 90 days: one query of the day counters, two of open promises (a few overdue ones, and counts),
 * and the case side's slowest open case. Nothing is scanned; the cost does not grow with history.
 */
export async function readRecoveryFigures(
  deps: Pick<FollowThroughDeps, 'figures' | 'promises' | 'cases' | 'config' | 'now'>,
  week?: string[],
): Promise<RecoveryFigures> {
  const now = deps.now();
  const today = localDate(now, deps.config.business.timeZone);
  const days7 = week ?? Array.from({ length: 7 }, (_, i) => addDays(today, i - 6));
  const last90 = Array.from({ length: 90 }, (_, i) => addDays(today, i - 89));
  const first = [days7[0]!, last90[0]!].sort()[0]!;
  const last = [days7[days7.length - 1]!, today].sort().pop()!;
  const [days, overdue, overdueCount, dueSoon, slowest] = await Promise.all([
    deps.figures.days(first, last),
    deps.promises.openBefore(today, 5),
    deps.promises.countOpen('', today),
    deps.promises.countOpen(today, addDays(today, 6)),
    deps.cases.slowestOpen(),
  ]);
  return buildRecoveryFigures({
    days,
    week: days7,
    last90,
    overdue: overdue.map((p) => ({ promiseId: p.promiseId, caseId: p.caseId, customer: p.customer, text: p.text, dueDate: p.dueDate })),
    overdueCount,
    dueSoon,
    ...(slowest ? { slowestOpen: { ...slowest, hours: Math.max(0, Math.floor((now.getTime() - Date.parse(slowest.openedAt)) / 3_600_000)) } } : {}),
  });
}

/** How many "not put right" cases the digest lists. */
const NOT_PUT_RIGHT_SHOWN = 10;

/** What the digest shows of the follow-through: the figures for its week and who is not put right. */
export async function readFollowThroughDigest(
  deps: Pick<FollowThroughDeps, 'figures' | 'promises' | 'checkIns' | 'cases' | 'config' | 'now'>,
  week: string[],
): Promise<FollowThroughDigest> {
  const [figures, notYet] = await Promise.all([readRecoveryFigures(deps, week), deps.checkIns.listNotPutRight(NOT_PUT_RIGHT_SHOWN)]);
  return {
    figures,
    notPutRight: notYet.map((c) => ({ caseId: c.caseId, customer: c.name || c.to, answeredAt: c.answeredAt ?? c.handledAt, ...(c.comment ? { comment: c.comment } : {}) })),
  };
}
