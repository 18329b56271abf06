import { addDays, localDate, zonedInstant } from '#shared/domain/week.ts';
import { ValidationError } from '#shared/errors.ts';

/**
 * What the owner promised a customer on a case ("a refund by Friday", "a new cake on Saturday"),
 * by a date in the owner's time zone. A promise is kept, or changed to a new date with a note; one
 * not kept by the end of its date is overdue from the next day. Every change is a new version and
 * an event on the case's timeline. Pure: no clock, no I/O.
 */
export type PromiseStatus = 'open' | 'kept';

export interface PromiseRecord {
  caseId: string;
  promiseId: string;
  /** What was promised, as the owner wrote it. */
  text: string;
  /** The local date it is due (YYYY-MM-DD, the owner's time zone). */
  dueDate: string;
  /** The date first promised (a changed promise keeps it, so the timeline shows both). */
  firstDueDate: string;
  status: PromiseStatus;
  /** Who the promise is to, as the owner sees them (for the reminder email). */
  customer: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  keptAt?: string;
  keptBy?: string;
  /** Kept on or before its due date (in the owner's time zone). */
  keptOnTime?: boolean;
  /** How often the date was changed. */
  changes: number;
  /** Set when the promise went overdue (the day after its date, not kept). */
  overdueAt?: string;
  /** Bumped by every change; a write expects the version it read. */
  version: number;
}

/** What happened to a promise, for the case's timeline. */
export type PromiseEventKind = 'promise-made' | 'promise-kept' | 'promise-changed' | 'promise-overdue';

export interface PromiseEvent {
  kind: PromiseEventKind;
  promiseId: string;
  at: string;
  by: string;
  /** A sentence for the timeline, e.g. `Promised by Fri 14 Nov: a new cake`. */
  text: string;
  dueDate: string;
  previousDueDate?: string;
  note?: string;
}

/** Longest promise text and change note kept. */
export const PROMISE_TEXT_MAX = 500;
export const PROMISE_NOTE_MAX = 1000;
/** How far ahead a promise may be due. */
export const PROMISE_MAX_DAYS_AHEAD = 366;
/** Open promises one case may hold at a time. */
export const MAX_OPEN_PROMISES_PER_CASE = 10;

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** `2026-11-14` -> `Sat 14 Nov` (the owner reads dates in their own calendar). */
export function dayLabel(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function cleanText(text: string, max: number, field: string, label: string): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ').trim();
  if (!clean) throw new ValidationError(`${label}: write it first.`, field);
  if (clean.length > max) throw new ValidationError(`${label}: keep it under ${max} characters.`, field);
  return clean;
}

/** A due date the owner may choose: a real date, today or later (their time zone), within a year. */
export function checkDueDate(dueDate: string, now: Date, timeZone: string): string {
  const value = dueDate.trim();
  if (!isLocalDate(value)) throw new ValidationError('Due date: choose a date.', 'due');
  const today = localDate(now, timeZone);
  if (value < today) throw new ValidationError('Due date: choose today or a later day.', 'due');
  if (value > addDays(today, PROMISE_MAX_DAYS_AHEAD)) throw new ValidationError('Due date: choose a day within a year.', 'due');
  return value;
}

/** A new promise on a case, due on `dueDate` in the owner's time zone. */
export function makePromise(
  input: { caseId: string; promiseId: string; text: string; dueDate: string; customer: string; by: string },
  now: Date,
  timeZone: string,
): { promise: PromiseRecord; event: PromiseEvent } {
  const text = cleanText(input.text, PROMISE_TEXT_MAX, 'promise', 'Promise');
  const dueDate = checkDueDate(input.dueDate, now, timeZone);
  const at = now.toISOString();
  const promise: PromiseRecord = {
    caseId: input.caseId,
    promiseId: input.promiseId,
    text,
    dueDate,
    firstDueDate: dueDate,
    status: 'open',
    customer: input.customer,
    createdAt: at,
    createdBy: input.by,
    updatedAt: at,
    changes: 0,
    version: 1,
  };
  return { promise, event: { kind: 'promise-made', promiseId: promise.promiseId, at, by: input.by, dueDate, text: `Promised by ${dayLabel(dueDate)}: ${text}` } };
}

/** Why a promise cannot change as asked. */
export class PromiseStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromiseStateError';
  }
}

/** Marks a promise kept; on time when kept on or before its due date in the owner's time zone. */
export function keepPromise(current: PromiseRecord, by: string, now: Date, timeZone: string): { promise: PromiseRecord; event: PromiseEvent } {
  if (current.status === 'kept') throw new PromiseStateError('This promise is marked kept already.');
  const at = now.toISOString();
  const onTime = localDate(now, timeZone) <= current.dueDate;
  const promise: PromiseRecord = { ...current, status: 'kept', keptAt: at, keptBy: by, keptOnTime: onTime, updatedAt: at, version: current.version + 1 };
  return {
    promise,
    event: {
      kind: 'promise-kept',
      promiseId: current.promiseId,
      at,
      by,
      dueDate: current.dueDate,
      text: `Promise kept${onTime ? ' on time' : `, late (due ${dayLabel(current.dueDate)})`}: ${current.text}`,
    },
  };
}

/**
 * Changes an open promise: a new date, new wording, or both, always with a note saying why (the
 * customer agreed, a part is late...). An overdue promise given a new date is no longer overdue.
 */
export function changePromise(
  current: PromiseRecord,
  change: { dueDate: string; note: string; text?: string },
  by: string,
  now: Date,
  timeZone: string,
): { promise: PromiseRecord; event: PromiseEvent } {
  if (current.status === 'kept') throw new PromiseStateError('This promise is marked kept already.');
  const newText = change.text === undefined || !change.text.trim() ? current.text : cleanText(change.text, PROMISE_TEXT_MAX, 'promise', 'Promise');
  const dueDate = change.dueDate.trim() === current.dueDate ? current.dueDate : checkDueDate(change.dueDate, now, timeZone);
  const note = cleanText(change.note, PROMISE_NOTE_MAX, 'note', 'Why it changed');
  if (dueDate === current.dueDate && newText === current.text) throw new ValidationError('New due date: choose a different day, or change what is promised.', 'due');
  const at = now.toISOString();
  const moved = dueDate !== current.dueDate;
  const { overdueAt: _overdue, ...rest } = current;
  const promise: PromiseRecord = { ...(moved ? rest : current), text: newText, dueDate, changes: current.changes + 1, updatedAt: at, version: current.version + 1 };
  const what = newText === current.text ? current.text : `${newText} (was: ${current.text})`;
  return {
    promise,
    event: {
      kind: 'promise-changed',
      promiseId: current.promiseId,
      at,
      by,
      dueDate,
      ...(moved ? { previousDueDate: current.dueDate } : {}),
      note,
      text: moved ? `Promise moved from ${dayLabel(current.dueDate)} to ${dayLabel(dueDate)}: ${what} (${note})` : `Promise changed, still due ${dayLabel(dueDate)}: ${what} (${note})`,
    },
  };
}

/** The first local day a promise counts as overdue: the day after its due date. */
export function overdueFrom(dueDate: string): string {
  return addDays(dueDate, 1);
}

/** Whether an open promise is overdue on the owner's local day `today`. */
export function isOverdue(promise: Pick<PromiseRecord, 'status' | 'dueDate'>, today: string): boolean {
  return promise.status === 'open' && today >= overdueFrom(promise.dueDate);
}

/** Flags an open promise overdue (the scheduled job does, once, the day after its date). */
export function markOverdue(current: PromiseRecord, now: Date): { promise: PromiseRecord; event: PromiseEvent } {
  const at = now.toISOString();
  return {
    promise: { ...current, overdueAt: at, updatedAt: at, version: current.version + 1 },
    event: { kind: 'promise-overdue', promiseId: current.promiseId, at, by: 'Earshot', dueDate: current.dueDate, text: `Promise overdue (due ${dayLabel(current.dueDate)}): ${current.text}` },
  };
}

/**
 * The local day whose promise reminders are due at `now`: today, once the reminder hour (the
 * digest hour) has come in the owner's time zone; undefined before that hour.
 */
export function reminderDay(now: Date, hour: number, timeZone: string): string | undefined {
  const today = localDate(now, timeZone);
  return now.getTime() >= zonedInstant(today, hour, 0, timeZone).getTime() ? today : undefined;
}
