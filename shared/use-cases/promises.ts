import { randomBytes } from 'node:crypto';
import {
  changePromise,
  keepPromise,
  makePromise,
  markOverdue,
  MAX_OPEN_PROMISES_PER_CASE,
  PromiseStateError,
  type PromiseEvent,
  type PromiseRecord,
} from '#shared/domain/promise.ts';
import type { CasePromise } from '#shared/domain/follow-through-event.ts';
import { FIGURE } from '#shared/domain/recovery-figures.ts';
import { localDate } from '#shared/domain/week.ts';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import type { DayChange } from '#shared/ports/follow-through.ts';
import { customerName, type FollowThroughDeps } from '#shared/use-cases/follow-through.ts';

type PromiseDeps = Pick<FollowThroughDeps, 'promises' | 'figures' | 'cases' | 'config' | 'now'>;

/** The timeline event id of a promise's version: the same change recorded twice is one event. */
function eventId(event: PromiseEvent, version: number): string {
  return `${event.at}#promise-${event.promiseId}-v${version}`;
}

/** The case's open promise due first (what its inbox row shows), or null when none is open. */
async function openPromiseOf(caseId: string, deps: PromiseDeps): Promise<CasePromise | null> {
  const first = (await deps.promises.listForCase(caseId)).filter((p) => p.status === 'open').sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  return first ? { promiseId: first.promiseId, text: first.text, dueDate: first.dueDate, ...(first.overdueAt ? { overdue: true } : {}) } : null;
}

async function recordOnCase(caseId: string, event: PromiseEvent, version: number, deps: PromiseDeps): Promise<void> {
  const openPromise = await openPromiseOf(caseId, deps);
  await deps.cases.record(caseId, { kind: event.kind, at: event.at, by: event.by, text: event.text, promiseId: event.promiseId, dueDate: event.dueDate, openPromise }, eventId(event, version));
}

/**
 * Records what the owner promised on an open case, due on a local date: the promise (indexed by
 * its due date for the reminder), an event on the case's timeline, and the figures' counters.
 */
export async function savePromise(caseId: string, input: { text: string; dueDate: string }, by: string, deps: PromiseDeps): Promise<PromiseRecord> {
  const record = await deps.cases.get(caseId);
  if (!record) throw new NotFoundError(`no case ${caseId}`);
  if (record.status === 'handled') throw new ValidationError('This case is handled. Reopen it to promise something more.', 'promise');
  const open = (await deps.promises.listForCase(caseId)).filter((p) => p.status === 'open');
  if (open.length >= MAX_OPEN_PROMISES_PER_CASE) throw new ValidationError(`A case can hold ${MAX_OPEN_PROMISES_PER_CASE} open promises; mark one kept first.`, 'promise');
  const now = deps.now();
  const tz = deps.config.business.timeZone;
  const { promise, event } = makePromise({ caseId, promiseId: randomBytes(6).toString('base64url'), text: input.text, dueDate: input.dueDate, customer: customerName(record.customer), by }, now, tz);
  if (!(await deps.promises.create(promise))) throw new ConflictError('That promise was saved already.');
  await deps.figures.add([
    { day: localDate(now, tz), counters: { [FIGURE.promisesMade]: 1 } },
    { day: promise.dueDate, counters: { [FIGURE.promisesDue]: 1 } },
  ]);
  await recordOnCase(caseId, event, promise.version, deps);
  return promise;
}

/**
 * Applies one change to a promise, re-reading it on a concurrent change. Returns the stored promise
 * and whether this call changed it (marking a kept promise kept again changes nothing).
 */
async function changeOne(
  caseId: string,
  promiseId: string,
  change: (current: PromiseRecord, now: Date) => { promise: PromiseRecord; event: PromiseEvent },
  counters: (before: PromiseRecord, after: PromiseRecord, now: Date) => DayChange[],
  deps: PromiseDeps,
): Promise<{ promise: PromiseRecord; changed: boolean }> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = await deps.promises.get(caseId, promiseId);
    if (!current) throw new NotFoundError(`no promise ${promiseId} on case ${caseId}`);
    const now = deps.now();
    let next: { promise: PromiseRecord; event: PromiseEvent };
    try {
      next = change(current, now);
    } catch (error) {
      if (error instanceof PromiseStateError) return { promise: current, changed: false };
      throw error;
    }
    if (!(await deps.promises.save(next.promise))) continue;
    await deps.figures.add(counters(current, next.promise, now));
    await recordOnCase(caseId, next.event, next.promise.version, deps);
    return { promise: next.promise, changed: true };
  }
  throw new ConflictError('This promise kept changing; try again.');
}

/** Marks a promise kept (from the case page, or the reminder's `Kept` link after its confirmation). */
export function markPromiseKept(caseId: string, promiseId: string, by: string, deps: PromiseDeps): Promise<{ promise: PromiseRecord; changed: boolean }> {
  const tz = deps.config.business.timeZone;
  return changeOne(
    caseId,
    promiseId,
    (current, now) => keepPromise(current, by, now, tz),
    (_before, after) => [{ day: after.dueDate, counters: { [after.keptOnTime ? FIGURE.promisesKeptOnTime : FIGURE.promisesKeptLate]: 1 } }],
    deps,
  );
}

/** Gives a promise a new date or new wording (or both), with a note saying why. */
export function changePromiseDate(caseId: string, promiseId: string, input: { dueDate: string; note: string; text?: string }, by: string, deps: PromiseDeps): Promise<{ promise: PromiseRecord; changed: boolean }> {
  const tz = deps.config.business.timeZone;
  return changeOne(
    caseId,
    promiseId,
    (current, now) => changePromise(current, input, by, now, tz),
    (before, after, now): DayChange[] => [
      ...(before.dueDate !== after.dueDate
        ? [
            { day: before.dueDate, counters: { [FIGURE.promisesDue]: -1 } },
            { day: after.dueDate, counters: { [FIGURE.promisesDue]: 1 } },
          ]
        : []),
      { day: localDate(now, tz), counters: { [FIGURE.promisesChanged]: 1 } },
    ],
    deps,
  );
}

/**
 * Flags the open promises whose date has passed (from the day after it, in the owner's time zone)
 * as overdue, once each: the case's timeline says so and the case sorts to the top of the inbox.
 */
export async function flagOverduePromises(deps: PromiseDeps, limit = 100): Promise<number> {
  const today = localDate(deps.now(), deps.config.business.timeZone);
  let flagged = 0;
  for (const candidate of await deps.promises.openBefore(today, limit)) {
    if (candidate.overdueAt) continue;
    try {
      const result = await changeOne(
        candidate.caseId,
        candidate.promiseId,
        (current, now) => {
          if (current.status !== 'open' || current.overdueAt || current.dueDate >= today) throw new PromiseStateError('not overdue');
          return markOverdue(current, now);
        },
        () => [],
        deps,
      );
      if (result.changed) flagged += 1;
    } catch (error) {
      logger.warn('overdue promise not flagged; the next run tries again', { caseId: candidate.caseId, error: String(error) });
    }
  }
  return flagged;
}
