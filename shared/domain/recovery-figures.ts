/**
 * The owner's follow-through figures: how many unhappy customers were won back, how fast
 * complaints are answered, and whether promises are kept. They are counters per local day, added
 * to as things happen (a case opened, a first answer, a check-in answered, a promise kept), so a
 * figure over 90 days reads 90 small day items in one query, never the history. Pure.
 */

/** The counters kept per local day. */
export const FIGURE = {
  /** Complaint cases opened (on the day opened). */
  casesOpened: 'cases_opened',
  /** Of those, answered within 48 hours (counted on the day the case opened). */
  answered48h: 'answered_48h',
  /** Cases answered for the first time (on the day of the answer). */
  firstAnswers: 'first_answers',
  /** Cases handled for the first time (on the day handled). */
  firstHandled: 'first_handled',
  /** Check-ins sent. */
  checkInsSent: 'check_ins_sent',
  /** Each case's latest check-in outcome, on the day of that outcome (moved when a newer one comes). */
  recovered: 'check_in_yes',
  notPutRight: 'check_in_not_yet',
  unknown: 'check_in_unknown',
  /** Complainers who ordered again within 60 days of their complaint (on the order's day). */
  wonBack: 'won_back',
  /** Promises due on the day (moved when the date changes). */
  promisesDue: 'promises_due',
  /** Of the promises due on the day, kept on time / late (counted on the due day). */
  promisesKeptOnTime: 'promises_kept_on_time',
  promisesKeptLate: 'promises_kept_late',
  promisesMade: 'promises_made',
  promisesChanged: 'promises_changed',
} as const;

/** Histogram counters: `<prefix><whole hours>`, capped. */
export const HOURS_TO_FIRST_ANSWER = 'h_answer_';
export const HOURS_TO_HANDLED = 'h_handled_';
/** Hours beyond this fall in the last bucket. */
export const MAX_HOUR_BUCKET = 24 * 90;

/** How long after a complaint an order counts as the customer coming back. */
export const WIN_BACK_DAYS = 60;
/** A complaint answered within this many hours counts as answered in time. */
export const ANSWER_WITHIN_HOURS = 48;

/** The histogram counter for a duration. */
export function hourBucket(prefix: string, fromIso: string, toIso: string): string {
  const hours = Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 3_600_000));
  return `${prefix}${Math.min(hours, MAX_HOUR_BUCKET)}`;
}

/** One local day's counters. */
export interface FigureDay {
  day: string;
  counters: Record<string, number>;
}

function total(days: FigureDay[], counter: string): number {
  return days.reduce((sum, day) => sum + Math.max(0, day.counters[counter] ?? 0), 0);
}

/** The median of a whole-hour histogram (the lower median's bucket), or undefined when empty. */
export function medianHours(days: FigureDay[], prefix: string): number | undefined {
  const counts = new Map<number, number>();
  for (const day of days) {
    for (const [name, value] of Object.entries(day.counters)) {
      if (!name.startsWith(prefix) || value <= 0) continue;
      const hours = Number(name.slice(prefix.length));
      if (Number.isInteger(hours)) counts.set(hours, (counts.get(hours) ?? 0) + value);
    }
  }
  const n = [...counts.values()].reduce((a, b) => a + b, 0);
  if (!n) return undefined;
  const middle = Math.ceil(n / 2);
  let seen = 0;
  for (const hours of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(hours)!;
    if (seen >= middle) return hours;
  }
  return undefined;
}

/** Recovery over one window: latest answers Yes over answered; unanswered apart. */
export interface RecoveryWindow {
  recovered: number;
  answered: number;
  unknown: number;
  /** recovered / answered, when anything was answered. */
  rate?: number;
  wonBack: number;
}

export interface OpenCaseAge {
  caseId: string;
  customer: string;
  openedAt: string;
  hours: number;
}

export interface PromiseSummary {
  promiseId: string;
  caseId: string;
  customer: string;
  text: string;
  dueDate: string;
}

/** The figures the console and the digest show. */
export interface RecoveryFigures {
  week: RecoveryWindow;
  days90: RecoveryWindow;
  response: {
    complaints: number;
    answeredWithin48h: number;
    share?: number;
    medianHoursToFirstAnswer?: number;
    medianHoursToHandled?: number;
    slowestOpen?: OpenCaseAge;
  };
  promises: {
    /** Due in the period (the week), and how many of those were kept on time. */
    due: number;
    keptOnTime: number;
    keptLate: number;
    /** Open and past their date now, oldest first (a few), and how many in all. */
    overdue: PromiseSummary[];
    overdueCount: number;
    /** Open and due in the 7 days from today. */
    dueSoon: number;
  };
}

function windowOf(days: FigureDay[]): RecoveryWindow {
  const recovered = total(days, FIGURE.recovered);
  const answered = recovered + total(days, FIGURE.notPutRight);
  return { recovered, answered, unknown: total(days, FIGURE.unknown), ...(answered ? { rate: recovered / answered } : {}), wonBack: total(days, FIGURE.wonBack) };
}

/**
 * Builds the figures from the day counters of the last 90 days (any order; missing days count as
 * zero), the days of the week shown, and what is open now. Pure and deterministic.
 */
export function buildRecoveryFigures(input: {
  days: FigureDay[];
  week: string[];
  last90: string[];
  overdue: PromiseSummary[];
  overdueCount: number;
  dueSoon: number;
  slowestOpen?: OpenCaseAge;
}): RecoveryFigures {
  const inWeek = new Set(input.week);
  const in90 = new Set(input.last90);
  const week = input.days.filter((d) => inWeek.has(d.day));
  const days90 = input.days.filter((d) => in90.has(d.day));
  const complaints = total(week, FIGURE.casesOpened);
  const answeredWithin48h = Math.min(complaints, total(week, FIGURE.answered48h));
  const toAnswer = medianHours(week, HOURS_TO_FIRST_ANSWER);
  const toHandled = medianHours(week, HOURS_TO_HANDLED);
  return {
    week: windowOf(week),
    days90: windowOf(days90),
    response: {
      complaints,
      answeredWithin48h,
      ...(complaints ? { share: answeredWithin48h / complaints } : {}),
      ...(toAnswer !== undefined ? { medianHoursToFirstAnswer: toAnswer } : {}),
      ...(toHandled !== undefined ? { medianHoursToHandled: toHandled } : {}),
      ...(input.slowestOpen ? { slowestOpen: input.slowestOpen } : {}),
    },
    promises: {
      due: total(week, FIGURE.promisesDue),
      keptOnTime: total(week, FIGURE.promisesKeptOnTime),
      keptLate: total(week, FIGURE.promisesKeptLate),
      overdue: input.overdue,
      overdueCount: input.overdueCount,
      dueSoon: input.dueSoon,
    },
  };
}

/** `1 of 1 (100%)`, or `none answered yet`. */
export function recoveryLine(window: RecoveryWindow): string {
  if (!window.answered) return `none answered yet${window.unknown ? `, ${window.unknown} unanswered` : ''}`;
  return `${window.recovered} of ${window.answered} (${Math.round((window.rate ?? 0) * 100)}%)${window.unknown ? `, ${window.unknown} unanswered` : ''}`;
}

/** `5 h`, `3 days`. */
export function hoursLabel(hours: number): string {
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}
