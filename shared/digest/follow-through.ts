import { dayLabel } from '#shared/domain/promise.ts';
import { hoursLabel, recoveryLine, type RecoveryFigures } from '#shared/domain/recovery-figures.ts';

/** A case whose customer answered the check-in "Not yet" and that is not handled again since. */
export interface NotPutRight {
  caseId: string;
  customer: string;
  answeredAt: string;
  comment?: string;
}

/** What the digest shows of the owner's follow-through: the figures and what is not put right. */
export interface FollowThroughDigest {
  figures: RecoveryFigures;
  notPutRight: NotPutRight[];
}

function oneLine(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The first lines of the digest's act-on list: overdue promises, then customers who said it is not
 * put right, before anything else (a broken promise and a second disappointment lose a customer).
 */
export function followThroughActions(input: FollowThroughDigest | undefined): string[] {
  if (!input) return [];
  const actions: string[] = [];
  const { overdue, overdueCount } = input.figures.promises;
  for (const p of overdue.slice(0, 3)) actions.push(`Keep your promise to ${oneLine(p.customer)}: "${oneLine(p.text, 120)}" was due ${dayLabel(p.dueDate)}. Do it today, or give them a new date.`);
  if (overdueCount > 3) actions.push(`${plural(overdueCount - 3, 'more promise')} overdue: see the inbox, where they are at the top.`);
  for (const c of input.notPutRight.slice(0, 3)) actions.push(`Call ${oneLine(c.customer)}: they said it is not put right yet${c.comment ? ` ("${oneLine(c.comment, 120)}")` : ''}.`);
  if (input.notPutRight.length > 3) actions.push(`${plural(input.notPutRight.length - 3, 'more customer')} said it is not put right yet: see the inbox.`);
  return actions;
}

/** Whether anything happened worth the section (a quiet week without follow-through stays quiet). */
export function hasFollowThrough(input: FollowThroughDigest | undefined): boolean {
  if (!input) return false;
  const { figures } = input;
  return (
    figures.days90.answered + figures.days90.unknown + figures.days90.wonBack + figures.response.complaints + figures.promises.due + figures.promises.overdueCount + figures.promises.dueSoon + input.notPutRight.length >
    0
  );
}

/** The section's lines, as label and value (the HTML table and the text part share them). */
export function followThroughLines(input: FollowThroughDigest): Array<[string, string]> {
  const { figures } = input;
  const { response, promises } = figures;
  const lines: Array<[string, string]> = [
    ['Recovery rate', `${recoveryLine(figures.week)} this week; ${recoveryLine(figures.days90)} in 90 days`],
    ['Ordered again within 60 days of a complaint', `${figures.week.wonBack} this week, ${figures.days90.wonBack} in 90 days`],
    [
      'Answered within 48 hours',
      response.complaints
        ? `${response.answeredWithin48h} of ${plural(response.complaints, 'complaint')} (${Math.round((response.share ?? 0) * 100)}%)`
        : 'no new complaints',
    ],
    [
      'Median time',
      `${response.medianHoursToFirstAnswer !== undefined ? hoursLabel(response.medianHoursToFirstAnswer) : '–'} to the first answer, ${response.medianHoursToHandled !== undefined ? hoursLabel(response.medianHoursToHandled) : '–'} to handled`,
    ],
    ...(response.slowestOpen ? [['Slowest open case', `${oneLine(response.slowestOpen.customer)}, waiting ${hoursLabel(response.slowestOpen.hours)}`] as [string, string]] : []),
    ['Promises', `${promises.due} due this week, ${promises.keptOnTime} kept on time${promises.keptLate ? `, ${promises.keptLate} late` : ''}; ${promises.overdueCount} overdue now; ${promises.dueSoon} due in the next 7 days`],
  ];
  return lines;
}
