import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDigest } from '#shared/digest/build.ts';
import { digestPeriod } from '#shared/use-cases/digest.ts';
import { digestSubject, renderDigestEmail } from '#shared/emails/digest.ts';
import { nextWeekly, zonedInstant } from '#shared/domain/week.ts';
import { unsubscribeToken, verifyUnsubscribeToken } from '#shared/domain/unsubscribe-link.ts';
import { day, FIXED_WEEK } from '../fixtures/digest/week.ts';
import { caseIdFor } from '#shared/domain/case.ts';

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
    expect(digest.orders).toMatchObject({
      count: 18,
      returning: 4,
      values: [
        { currency: 'EUR', value: 364.5, orders: 17 },
        { currency: 'GBP', value: 12, orders: 1 },
      ],
      before: 9,
      repeatRateBefore: 0,
    });
    expect(digest.responseRate.before).toBeCloseTo(4 / 8);
  });

  it('lists what to act on: repeat complainers, open complaints, recurring topics, staff to thank', () => {
    expect(digest.repeatComplainers).toHaveLength(1);
    expect(digest.openComplaints.map((c) => c.id)).toEqual(['f1', 'f2']);
    expect(digest.recurringTopics).toEqual([{ topic: 'wait-time', complaints: 3, customers: 3, quote: 'Waited 45 minutes for a coffee <b>again</b>.' }]);
    expect(digest.staffPraise).toEqual([
      { name: 'Donna', mentions: 2, quote: 'Donna at the front desk was lovely!' },
      { name: 'Raj', mentions: 2, quote: 'Huge thanks to Raj for sorting the refund!' },
      { name: 'Sam', mentions: 1, quote: 'Thanks to donna and Sam, perfect cake.' },
    ]);
    expect(digest.praise).toEqual(['Best croissants in town']);
    expect(digest.actions.some((a) => a.startsWith('Fix waiting times: 3 customers complained this week.'))).toBe(true);
    expect(digest.actions.some((a) => a.startsWith('Thank Donna, Raj and Sam'))).toBe(true);
    expect(digest.silentSources).toHaveLength(1);
    expect(digest.setAside).toMatchObject({ skipped: 2, rejected: 1 });
  });

  it('quotes, for each staff member, praise that names them, and never praise that does not', () => {
    for (const s of digest.staffPraise) expect(s.quote?.toLowerCase()).toContain(s.name.toLowerCase());
    const email = renderDigestEmail(digest, UNSUBSCRIBE);
    expect(email.text).toContain('Raj, named 2 times\n> Huge thanks to Raj for sorting the refund!');
    expect(email.text).not.toContain('birthday cake');
  });

  it('totals order values per currency, never adding pounds into euros', () => {
    const email = renderDigestEmail(digest, UNSUBSCRIBE);
    expect(email.text).toContain('18 orders (9 the week before), worth €364.50 (17 orders) and £12.00 (1 order);');
    expect(email.text).not.toContain('€376.50');
    const oneCurrency = buildDigest({ ...FIXED_WEEK, thisWeek: [day('2026-11-16', { orders: 4, order_value_EUR: 164.5, orders_valued_EUR: 4 })] });
    expect(renderDigestEmail(oneCurrency, UNSUBSCRIBE).text).toContain('4 orders (9 the week before), worth €164.50;');
  });

  it('says "1 order", "1 answer", "1 invitation", never "1 orders"', () => {
    const single = buildDigest({
      ...FIXED_WEEK,
      thisWeek: [day('2026-11-16', { feedback: 1, feedback_survey: 1, survey_responses: 1, promoters: 1, invitations_sent: 1, orders: 1, order_value_GBP: 12, orders_valued_GBP: 1, alert_emails: 1 }, {
        topics: [{ day: '2026-11-16', topic: 'delivery', complaints: 2, customers: ['c1', 'c2'], ids: [] }],
        praise: [{ id: 'p', at: '2026-11-16T10:00:00Z', channel: 'survey', quote: 'Thanks to Raj!', customer: 'Mo', staff: ['Raj'] }],
      })],
      openComplaints: FIXED_WEEK.openComplaints.slice(0, 1),
      topCustomers: [{ name: 'Harper King', orderCount: 1, orderValue: 12, currency: 'GBP' }],
    });
    const { text, html } = renderDigestEmail(single, UNSUBSCRIBE);
    for (const body of [text, html]) expect(body).not.toMatch(/\b1 (orders|answers|invitations|complaints|times|alert emails|inputs|customers)\b/);
    expect(text).toContain('1 order (9 the week before), worth £12.00;');
    expect(text).toContain('from 1 answer');
    expect(text).toContain('of 1 invitation');
    expect(text).toContain('Harper King: 1 order, £12.00');
    expect(text).toContain('Raj, named 1 time');
    expect(text).toContain('Answer the 1 open complaint, oldest first (Pat Quinn, since 2026-11-12), and mark it handled.');
    expect(text).toContain('Alert emails to you: 1 alert email, 0 of them urgent');
  });

  it('counts the alert emails the owner received and says what is counted', () => {
    const { text } = renderDigestEmail(digest, UNSUBSCRIBE);
    expect(text).toContain('Alert emails to you: 3 alert emails, 2 of them urgent (1 and 0 the week before)');
    expect(text).toContain('Each alert email sent to you counts once; an hourly batch counts as one');
  });

  it('counts the clicks on the review links, per site, against the week before', () => {
    expect(digest.reviewClicks).toEqual({ now: 3, before: 1, offered: true, bySite: [{ site: 'Google', clicks: 2 }, { site: 'Tripadvisor', clicks: 1 }] });
    expect(renderDigestEmail(digest, UNSUBSCRIBE).text).toContain('Review links followed: 3 (Google 2, Tripadvisor 1; 1 the week before)');
    const none = buildDigest({ ...FIXED_WEEK, reviewSites: [], lastWeek: [], thisWeek: [day('2026-11-16', { feedback: 1 })] });
    expect(renderDigestEmail(none, UNSUBSCRIBE).text).not.toContain('Review links');
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

  it('links each open complaint and repeat complainer to its case, and names no API route', () => {
    const withCases = buildDigest({ ...FIXED_WEEK, openComplaints: FIXED_WEEK.openComplaints.map((c) => ({ ...c, caseId: caseIdFor(c.id) })) });
    const email = renderDigestEmail(withCases, UNSUBSCRIBE, (caseId) => `https://earshot.example/console/cases/${caseId}`);
    for (const id of ['f1', 'f2']) {
      expect(email.html).toContain(`href="https://earshot.example/console/cases/${caseIdFor(id)}"`);
      expect(email.text).toContain(`https://earshot.example/console/cases/${caseIdFor(id)}`);
    }
    expect(withCases.repeatComplainers[0]!.caseId).toBe(caseIdFor('f2'));
    expect(`${email.html}${email.text}`).not.toMatch(/POST \/v1|\/handled/);
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

describe('bounces and complaints in the monitor section', () => {
  it('counts the week’s bounced and complaining recipients and says they get no more mail', () => {
    const week = { ...FIXED_WEEK, thisWeek: [...FIXED_WEEK.thisWeek, day(FIXED_WEEK.thisWeek[0]!.day, { mail_bounces: 2, mail_complaints: 1 })] };
    const digest = buildDigest(week);
    expect(digest.mail).toEqual({ bounces: 2, complaints: 1 });
    const email = renderDigestEmail(digest, UNSUBSCRIBE);
    const line = 'Mail: 2 emails bounced and 1 recipient marked an email as spam. Earshot sends nothing more to an address that bounced for good or complained.';
    expect(email.text.split('THE MONITOR ITSELF')[1]).toContain(line);
    expect(email.html).toContain(line);
    expect(buildDigest(FIXED_WEEK).mail).toEqual({ bounces: 0, complaints: 0 });
    expect(renderDigestEmail(buildDigest(FIXED_WEEK), UNSUBSCRIBE).text).not.toContain('Mail:');
  });
});
