import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDigest } from '#shared/digest/build.ts';
import { digestPeriod } from '#shared/use-cases/digest.ts';
import { digestSubject, renderDigestEmail } from '#shared/emails/digest.ts';
import { nextWeekly, zonedInstant } from '#shared/domain/week.ts';
import { unsubscribeToken, verifyUnsubscribeToken } from '#shared/domain/unsubscribe-link.ts';
import { FIXED_WEEK } from '../fixtures/digest/week.ts';

const UNSUBSCRIBE = 'https://earshot.example/u/TOKEN';

describe('the digest from a fixed week', () => {
  const digest = buildDigest(FIXED_WEEK);

  it('counts the week against the week before', () => {
    expect(digest.volume).toMatchObject({ now: 11, before: 4, byChannel: { survey: { now: 6, before: 4 }, email: { now: 2, before: 0 }, social: { now: 3, before: 0 } } });
    expect(digest.complaints).toEqual({ now: 4, before: 1 });
    expect(digest.negativeShare.now).toBeCloseTo(4 / 11);
    expect(digest.nps).toEqual({ now: 50, before: 50, responses: 6 });
    expect(digest.responseRate.now).toBeCloseTo(6 / 13);
    expect(digest.alerts).toMatchObject({ now: 3, before: 1, urgent: { now: 2, before: 0 } });
    expect(digest.orders).toMatchObject({ count: 18, returning: 4, value: 376.5, before: 9, repeatRateBefore: 0 });
    expect(digest.responseRate.before).toBeCloseTo(4 / 8);
  });

  it('lists what to act on: repeat complainers, open complaints, recurring topics, staff to thank', () => {
    expect(digest.repeatComplainers).toHaveLength(1);
    expect(digest.openComplaints.map((c) => c.id)).toEqual(['f1', 'f2']);
    expect(digest.recurringTopics).toEqual([{ topic: 'wait-time', complaints: 3, quote: 'Waited 45 minutes for a coffee <b>again</b>.' }]);
    expect(digest.staffPraise).toEqual([
      { name: 'Donna', mentions: 2, quote: 'Donna at the front desk was lovely!' },
      { name: 'Sam', mentions: 1, quote: 'Thanks to donna and Sam, perfect cake.' },
    ]);
    expect(digest.praise).toEqual(['Best croissants in town']);
    expect(digest.actions.some((a) => a.startsWith('Fix waiting times: 3 complaints'))).toBe(true);
    expect(digest.actions.some((a) => a.startsWith('Thank Donna, Sam'))).toBe(true);
    expect(digest.silentSources).toHaveLength(1);
    expect(digest.setAside).toMatchObject({ skipped: 2, rejected: 1 });
  });

  it('says a quiet week is quiet', () => {
    const quiet = buildDigest({ ...FIXED_WEEK, thisWeek: FIXED_WEEK.lastWeek.map((d) => ({ ...d, counters: {} })), openComplaints: [], sources: [] });
    expect(quiet.quiet).toBe(true);
    const email = renderDigestEmail(quiet, UNSUBSCRIBE);
    expect(email.text).toContain('A quiet week');
    expect(email.text.length).toBeLessThan(600);
  });

  it('escapes hostile customer text everywhere and keeps CR/LF out of the subject', () => {
    const email = renderDigestEmail(digest, UNSUBSCRIBE);
    expect(email.html).not.toMatch(/<script|<img|<b>again/i);
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.subject).toBe('Weekly digest: Corner Bakery & Café, 16 Nov 2026 to 22 Nov 2026');
    expect(digestSubject({ businessName: 'Evil\r\nBcc: x@example.com', firstDay: '2026-11-16', lastDay: '2026-11-22' })).not.toMatch(/[\r\n]/);
  });

  it('matches the golden files (UPDATE_GOLDEN=1 rewrites them)', () => {
    const email = renderDigestEmail(digest, UNSUBSCRIBE);
    for (const [file, content] of [
      ['test/fixtures/digest/week.golden.txt', email.text],
      ['test/fixtures/digest/week.golden.html', email.html],
    ] as const) {
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, content);
      expect(content).toBe(readFileSync(file, 'utf8'));
    }
  });
});

describe('digest period and schedule', () => {
  it('covers the 7 days before today when scheduled, the 7 days up to now on demand', () => {
    const now = new Date('2026-11-23T08:00:00Z');
    expect(digestPeriod(now, 'Europe/London', 'yesterday')).toMatchObject({ days: ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'] });
    expect(digestPeriod(now, 'Europe/London', 'now').days.at(-1)).toBe('2026-11-23');
    expect(digestPeriod(now, 'Europe/London', 'yesterday').previous[0]).toBe('2026-11-09');
  });

  it('finds the next Monday 08:00 in the owner\'s time zone, across daylight saving changes', () => {
    expect(nextWeekly(new Date('2026-11-23T07:59:00Z'), { day: 'MON', hour: 8, minute: 0 }, 'Europe/London').toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(nextWeekly(new Date('2026-11-23T08:00:00Z'), { day: 'MON', hour: 8, minute: 0 }, 'Europe/London').toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(zonedInstant('2026-07-06', 8, 0, 'Europe/London').toISOString()).toBe('2026-07-06T07:00:00.000Z');
    expect(zonedInstant('2026-11-23', 8, 0, 'America/New_York').toISOString()).toBe('2026-11-23T13:00:00.000Z');
  });

  it('signs unsubscribe links per recipient', () => {
    const token = unsubscribeToken('secret-0123456789abcdef', 'Owner@Example.com');
    expect(verifyUnsubscribeToken('secret-0123456789abcdef', token)).toBe('owner@example.com');
    expect(verifyUnsubscribeToken('other-secret-0123456789', token)).toBeUndefined();
    expect(verifyUnsubscribeToken('secret-0123456789abcdef', token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeUndefined();
  });
});
