/**
 * The alert delivery lease, written down as the state machine it is. An alert in the outbox is in
 * one of four phases:
 *
 *   recorded  pending, no lease, not in the retry index (just recorded; a sender is about to claim it)
 *   waiting   pending, in the retry index until `nextAttemptAt` (batched, deferred by the hourly cap,
 *             failed and backing off, or held while another sender's lease runs out)
 *   claimed   pending, a sender holds the lease until `leaseUntil` and is sending it now
 *   sent      done: `sentAt` and `messageId` set; nothing moves it again
 *
 * and moves only by these transitions (each one conditional write in the outbox):
 *
 *   record        (new)               -> claimed  (sent at once: the record takes the lease)
 *                 (new)               -> waiting  (batched for the next hourly email)
 *   claim         recorded | waiting  -> claimed  (no lease, or the lease ran out; attempts + 1)
 *   markSent      claimed             -> sent
 *   markFailed    claimed             -> waiting  (retry after a backoff: 15 s, 15 s, 30 s… doubling to 15 min)
 *   defer         recorded | waiting | claimed -> waiting  (hourly cap reached: next hour, lease released;
 *                                                           or another sender's lease: keep it, look again when it ends)
 *   batch         waiting (batched)   -> sent     (closed by the hourly batch email that carries it)
 *
 * A claim that finds the alert claimed by someone else with a live lease, or sent, is refused: that
 * is what makes an alert go out once. A sender that dies while claimed leaves a lease that runs
 * out; the sweep then claims it again (the one window no mail API closes: a death after SES
 * accepted the message and before markSent can send it twice).
 *
 * The functions here are pure: the outbox adapter performs the same transitions as conditional
 * writes, and the tests check each transition here and against DynamoDB.
 */

export type DeliveryPhase = 'recorded' | 'waiting' | 'claimed' | 'sent';

/** What the machine reads of an alert. */
export interface LeaseFields {
  status: 'pending' | 'sent';
  attempts: number;
  nextAttemptAt: string;
  /** In the retry index (the sweep's `ALERT#PENDING` entries). */
  inRetryIndex?: boolean;
  leaseUntil?: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  rateCounted?: boolean;
}

/** How long one sender holds an alert before another may retry it (longer than an SES call). */
export const ALERT_LEASE_MS = 60_000;

/** Backoff after the n-th failed attempt: 15 s doubling, at most 15 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
}

/** The start of the next hour: when a capped or batched alert goes out. */
export function nextHour(now: Date): Date {
  const next = new Date(now);
  next.setUTCMinutes(0, 0, 0);
  next.setUTCHours(next.getUTCHours() + 1);
  return next;
}

/**
 * When a failed alert is tried again: after a backoff from its attempts so far, counted when it was
 * claimed (the first retry waits 15 s, then 15 s, 30 s, 1 min… up to 15 min).
 */
export function retryAt(claimedAttempts: number, now: Date): Date {
  return new Date(now.getTime() + retryDelayMs(Math.max(1, claimedAttempts - 1)));
}

/** How long a sender holds an alert it is sending. */
export function leaseUntil(now: Date): string {
  return new Date(now.getTime() + ALERT_LEASE_MS).toISOString();
}

/** Whether a lease is held at `now` (a lease that ran out is no lease). */
export function leaseHeld(alert: Pick<LeaseFields, 'leaseUntil'>, now: Date): boolean {
  return alert.leaseUntil !== undefined && alert.leaseUntil >= now.toISOString();
}

/** The phase an alert is in at `now`. */
export function phaseOf(alert: LeaseFields, now: Date): DeliveryPhase {
  if (alert.status === 'sent') return 'sent';
  if (leaseHeld(alert, now)) return 'claimed';
  return alert.inRetryIndex ? 'waiting' : 'recorded';
}

/** A transition the machine refuses, and why. */
export class RefusedTransition extends Error {
  constructor(
    readonly transition: string,
    readonly phase: DeliveryPhase,
  ) {
    super(`${transition} refused: the alert is ${phase}`);
    this.name = 'RefusedTransition';
  }
}

function from(transition: string, alert: LeaseFields, now: Date, allowed: DeliveryPhase[]): void {
  const phase = phaseOf(alert, now);
  if (!allowed.includes(phase)) throw new RefusedTransition(transition, phase);
}

/** record: a new alert sent at once is claimed by its recorder; a batched one waits for the next hour. */
export function recorded(now: Date, options: { batched: boolean }): LeaseFields {
  return options.batched
    ? { status: 'pending', attempts: 0, nextAttemptAt: nextHour(now).toISOString(), inRetryIndex: true }
    : { status: 'pending', attempts: 1, nextAttemptAt: now.toISOString(), leaseUntil: leaseUntil(now) };
}

/** claim: a sender takes the lease of an alert nobody holds; `rateCounted` notes its place under the hourly cap. */
export function claimed(alert: LeaseFields, now: Date, options: { rateCounted?: boolean } = {}): LeaseFields {
  from('claim', alert, now, ['recorded', 'waiting']);
  return { ...alert, attempts: alert.attempts + 1, leaseUntil: leaseUntil(now), ...(options.rateCounted ? { rateCounted: true } : {}) };
}

/** markSent: the sender's email went out; the alert leaves the retry index and its lease. */
export function sent(alert: LeaseFields, messageId: string, now: Date): LeaseFields {
  from('markSent', alert, now, ['claimed']);
  const { leaseUntil: _lease, inRetryIndex: _index, ...rest } = alert;
  return { ...rest, status: 'sent', sentAt: now.toISOString(), messageId };
}

/** markFailed: the send failed; the alert waits in the retry index for a backoff that grows with its attempts. */
export function failed(alert: LeaseFields, error: string, now: Date): LeaseFields {
  from('markFailed', alert, now, ['claimed']);
  const { leaseUntil: _lease, ...rest } = alert;
  return { ...rest, lastError: error.slice(0, 500), nextAttemptAt: retryAt(alert.attempts, now).toISOString(), inRetryIndex: true };
}

/**
 * defer: the alert waits until `until` without an attempt counted: the hourly cap was reached
 * (the lease, if the deferring sender held it, is released), or another sender holds the lease
 * (kept: the sweep looks again when it runs out, in case that sender died).
 */
export function deferred(alert: LeaseFields, until: Date, options: { releaseLease: boolean }, now: Date): LeaseFields {
  from('defer', alert, now, ['recorded', 'waiting', 'claimed']);
  const { leaseUntil: lease, ...rest } = alert;
  return { ...rest, nextAttemptAt: until.toISOString(), inRetryIndex: true, ...(!options.releaseLease && lease ? { leaseUntil: lease } : {}) };
}

/** batch: a batched alert is closed by the hourly email that carries it (its message id is the batch's key). */
export function batchedInto(alert: LeaseFields, batchKey: string, now: Date): LeaseFields {
  from('batch', alert, now, ['recorded', 'waiting']);
  const { leaseUntil: _lease, inRetryIndex: _index, ...rest } = alert;
  return { ...rest, status: 'sent', sentAt: now.toISOString(), messageId: batchKey };
}
