import type { CheckInRecord } from '#shared/domain/check-in.ts';
import type { FollowThroughEvent } from '#shared/domain/follow-through-event.ts';
import type { PromiseRecord } from '#shared/domain/promise.ts';

export type { FollowThroughEvent } from '#shared/domain/follow-through-event.ts';
import type { FigureDay } from '#shared/domain/recovery-figures.ts';

/** Counters to add to one local day's figures (negative to take away). */
export interface DayChange {
  day: string;
  counters: Record<string, number>;
}

/**
 * Promises (one aggregate per promise; a case's promises share a partition). Open promises are
 * indexed by due date, so the reminder job and the overdue list read only open promises, never the
 * history.
 */
export interface PromiseRepository {
  /** Stores a new promise; false when the id existed. */
  create(promise: PromiseRecord): Promise<boolean>;
  get(caseId: string, promiseId: string): Promise<PromiseRecord | undefined>;
  /** A case's promises, oldest first (one query). */
  listForCase(caseId: string): Promise<PromiseRecord[]>;
  /** Writes the promise's next version only if nobody changed it since it was read (`next.version - 1`); false otherwise. */
  save(next: PromiseRecord): Promise<boolean>;
  /** Open promises due on a local day. */
  dueOn(day: string, limit: number): Promise<PromiseRecord[]>;
  /** Open promises due before a local day (overdue from that day on), oldest first. */
  openBefore(day: string, limit: number): Promise<PromiseRecord[]>;
  /** How many open promises are due from `first` to `last` (inclusive), or before `last` when `first` is empty. */
  countOpen(first: string, last: string): Promise<number>;
  /** Removes every promise of the cases (erasure); returns how many went. */
  erase(caseIds: string[]): Promise<number>;
}

/**
 * Check-ins (one per handling of a case; a case's check-ins share a partition). Scheduled ones are
 * indexed by when they are due, sent ones by when their links expire.
 */
export interface CheckInRepository {
  /** Stores a scheduled check-in; false when this handling has one already. */
  schedule(record: CheckInRecord): Promise<boolean>;
  get(caseId: string, handling: number): Promise<CheckInRecord | undefined>;
  /** A case's check-ins, oldest handling first (one query). */
  listForCase(caseId: string): Promise<CheckInRecord[]>;
  /** Scheduled check-ins due at `now`, oldest first. */
  listDue(now: Date, limit: number): Promise<CheckInRecord[]>;
  /** Sent check-ins whose links expired by `now`, unanswered. */
  listExpired(now: Date, limit: number): Promise<CheckInRecord[]>;
  /**
   * Moves a check-in from the state `from` to `next` (sent, answered, unknown, cancelled); false
   * when it is no longer in `from` (another run or answer got there first).
   */
  transition(next: CheckInRecord, from: CheckInRecord['status']): Promise<boolean>;
  /** "Not yet" answers whose case was not handled again since, latest first. */
  listNotPutRight(limit: number): Promise<CheckInRecord[]>;
  /** The case was handled again: its "Not yet" answers leave the not-put-right list. */
  resolveNotPutRight(caseId: string, at: Date): Promise<void>;
  /** Stops counting a check-in's outcome (a newer outcome of its case counts instead); false when it was not counted. */
  uncount(caseId: string, handling: number): Promise<boolean>;
  /** Removes every check-in of the cases (erasure); returns how many went. */
  erase(caseIds: string[]): Promise<number>;
}

/** Whether a customer has asked for no more survey or follow-up mail (one-click unsubscribe). */
export interface CustomerOptOuts {
  isOptedOut(email: string): Promise<boolean>;
  optOut(email: string, at: Date): Promise<void>;
}

/**
 * The follow-through figures: counters per local day, read by range in one query. Callers add only
 * after the change they count was stored (a conditional write that succeeds once), so a retried
 * request never counts twice.
 */
export interface FigureStore {
  /** The day counters from `first` to `last` (inclusive); days without any are left out. */
  days(first: string, last: string): Promise<FigureDay[]>;
  add(changes: DayChange[]): Promise<void>;
  /**
   * Adds counters once per `marker` (for example `answered:<case>`), for events that reach here
   * more than once: the marker is claimed first, so an event seen twice counts once. False when it
   * counted before.
   */
  countOnce(marker: string, changes: DayChange[]): Promise<boolean>;
}

/** What the follow-through needs to know of a case (the console's case aggregate, narrowed). */
export interface CaseView {
  caseId: string;
  status: 'new' | 'acknowledged' | 'promised' | 'handled';
  customer: { name?: string; email?: string; handle?: string };
  customerId?: string;
  openedAt: string;
  handledAt?: string;
  /** What the owner wrote when marking it handled, if anything. */
  whatWasDone?: string;
  /** The language the customer wrote in (detected), when known. */
  language?: string;
}

/**
 * The case side of the follow-through: reads a case and records what happened on its timeline.
 * Implemented over the console's case repository; every write is idempotent by `eventId`.
 */
export interface CaseTimeline {
  get(caseId: string): Promise<CaseView | undefined>;
  record(caseId: string, event: FollowThroughEvent, eventId: string): Promise<void>;
  /** The customer says it is not put right: the handled case opens again, urgent, waiting for the owner. */
  reopenNotPutRight(caseId: string, event: FollowThroughEvent, eventId: string): Promise<void>;
  /** The open case waiting longest for a first answer, if any. */
  slowestOpen(): Promise<{ caseId: string; customer: string; openedAt: string } | undefined>;
}
