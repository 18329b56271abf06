import { describe, expect, it } from 'vitest';
import {
  ALERT_LEASE_MS,
  batchedInto,
  claimed,
  deferred,
  failed,
  nextHour,
  phaseOf,
  recorded,
  RefusedTransition,
  retryDelayMs,
  sent,
  type LeaseFields,
} from '#shared/domain/alert-delivery.ts';

const T0 = new Date('2026-11-23T10:42:05.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** The alert in each phase, as the transitions leave it. */
const phases = () => {
  const claimedNow = recorded(T0, { batched: false });
  const waiting = recorded(T0, { batched: true });
  const recordedOnly: LeaseFields = { status: 'pending', attempts: 0, nextAttemptAt: T0.toISOString() };
  const done = sent(claimedNow, 'ses-1', at(1_000));
  return { claimedNow, waiting, recordedOnly, done };
};

describe('the alert delivery lease', () => {
  describe('record', () => {
    it('an alert sent at once is claimed by its recorder: one attempt, a lease of one minute', () => {
      const alert = recorded(T0, { batched: false });
      expect(phaseOf(alert, T0)).toBe('claimed');
      expect(alert).toMatchObject({ attempts: 1, leaseUntil: at(ALERT_LEASE_MS).toISOString(), nextAttemptAt: T0.toISOString() });
      expect(alert.inRetryIndex).toBeUndefined();
    });

    it('a batched alert waits in the retry index for the next hour, no attempt counted', () => {
      const alert = recorded(T0, { batched: true });
      expect(phaseOf(alert, T0)).toBe('waiting');
      expect(alert).toMatchObject({ attempts: 0, nextAttemptAt: '2026-11-23T11:00:00.000Z', inRetryIndex: true });
      expect(alert.leaseUntil).toBeUndefined();
    });
  });

  describe('claim', () => {
    it('takes a recorded alert: claimed, attempts + 1', () => {
      const alert = claimed(phases().recordedOnly, T0);
      expect(phaseOf(alert, T0)).toBe('claimed');
      expect(alert.attempts).toBe(1);
    });

    it('takes a waiting alert, and notes its place under the hourly cap when asked', () => {
      const alert = claimed(phases().waiting, at(3_600_000), { rateCounted: true });
      expect(phaseOf(alert, at(3_600_000))).toBe('claimed');
      expect(alert).toMatchObject({ attempts: 1, rateCounted: true });
    });

    it('is refused while another sender holds the lease, and allowed once that lease has run out', () => {
      const { claimedNow } = phases();
      expect(() => claimed(claimedNow, at(ALERT_LEASE_MS - 1))).toThrow(RefusedTransition);
      const retaken = claimed({ ...claimedNow, inRetryIndex: true }, at(ALERT_LEASE_MS + 1));
      expect(retaken.attempts).toBe(2);
    });

    it('is refused for a sent alert, whatever the time', () => {
      expect(() => claimed(phases().done, at(86_400_000))).toThrow(/claim refused: the alert is sent/);
    });
  });

  describe('markSent', () => {
    it('closes a claimed alert: sent, with its message id, out of the index and the lease', () => {
      const alert = sent(phases().claimedNow, 'ses-1', at(1_000));
      expect(phaseOf(alert, at(1_000))).toBe('sent');
      expect(alert).toMatchObject({ status: 'sent', messageId: 'ses-1', sentAt: at(1_000).toISOString() });
      expect(alert.leaseUntil).toBeUndefined();
      expect(alert.inRetryIndex).toBeUndefined();
    });

    it('is refused without the lease (a sender must claim before it sends)', () => {
      expect(() => sent(phases().waiting, 'ses-2', T0)).toThrow(/markSent refused: the alert is waiting/);
    });
  });

  describe('markFailed', () => {
    it('puts a claimed alert back in the retry index after a backoff that grows with its attempts, lease released', () => {
      const first = failed(phases().claimedNow, 'Throttling', at(1_000));
      expect(phaseOf(first, at(1_000))).toBe('waiting');
      expect(first).toMatchObject({ lastError: 'Throttling', nextAttemptAt: at(1_000 + 15_000).toISOString(), inRetryIndex: true });
      // Retried by the sweep: 15 s again, then doubling.
      const second = failed(claimed(first, at(20_000)), 'Throttling', at(21_000));
      expect(second.nextAttemptAt).toBe(at(21_000 + 15_000).toISOString());
      const third = failed(claimed(second, at(40_000)), 'Throttling', at(41_000));
      expect(third.nextAttemptAt).toBe(at(41_000 + 30_000).toISOString());
      expect(retryDelayMs(20)).toBe(15 * 60_000);
    });

    it('is refused for an alert that is not claimed', () => {
      expect(() => failed(phases().done, 'late', T0)).toThrow(RefusedTransition);
    });
  });

  describe('defer', () => {
    it('the hourly cap: the recorder releases its lease and the alert waits for the next hour, no attempt counted', () => {
      const { claimedNow } = phases();
      const alert = deferred(claimedNow, nextHour(T0), { releaseLease: true }, T0);
      expect(phaseOf(alert, T0)).toBe('waiting');
      expect(alert).toMatchObject({ attempts: 1, nextAttemptAt: '2026-11-23T11:00:00.000Z', inRetryIndex: true });
      expect(alert.leaseUntil).toBeUndefined();
    });

    it("another sender's lease: kept, and the sweep looks again when it runs out", () => {
      const { claimedNow } = phases();
      const alert = deferred(claimedNow, at(ALERT_LEASE_MS), { releaseLease: false }, at(10));
      expect(phaseOf(alert, at(10))).toBe('claimed');
      expect(phaseOf(alert, at(ALERT_LEASE_MS + 1))).toBe('waiting');
      expect(alert.leaseUntil).toBe(claimedNow.leaseUntil);
    });

    it('is refused for a sent alert', () => {
      expect(() => deferred(phases().done, nextHour(T0), { releaseLease: true }, T0)).toThrow(RefusedTransition);
    });
  });

  describe('batch', () => {
    it('closes a waiting alert with the hourly email that carries it', () => {
      const alert = batchedInto(phases().waiting, 'batch:2026-11-23T11', at(3_600_000));
      expect(phaseOf(alert, at(3_600_000))).toBe('sent');
      expect(alert.messageId).toBe('batch:2026-11-23T11');
    });

    it('is refused for an alert a sender holds', () => {
      expect(() => batchedInto(phases().claimedNow, 'batch:x', T0)).toThrow(RefusedTransition);
    });
  });
});
