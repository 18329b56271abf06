import { describe, expect, it } from 'vitest';
import { actionsOf, ordersOf, praiseOf, recurringTopicsOf, repeatComplainersOf, setAsideOf } from '#shared/digest/build.ts';
import { day } from '../fixtures/digest/week.ts';

/** The digest's steps, each alone (test/unit/digest.test.ts checks the whole digest of a fixed week). */
describe("the digest's steps", () => {
  it('a recurring problem is a topic more than one customer complained about, by customers, at most five', () => {
    const topic = (date: string, name: string, complaints: number, customers: string[], quote?: string) => ({ day: date, topic: name, complaints, customers, ids: [], ...(quote ? { quote } : {}) });
    const week = [
      day('2026-11-16', {}, { topics: [topic('2026-11-16', 'wait-time', 2, ['a', 'b'], 'Slow.'), topic('2026-11-16', 'price', 3, ['a'])] }),
      day('2026-11-17', {}, { topics: [topic('2026-11-17', 'wait-time', 1, ['c'])] }),
    ];
    expect(recurringTopicsOf(week, 3)).toEqual([{ topic: 'wait-time', complaints: 3, customers: 3, quote: 'Slow.' }]);
    expect(recurringTopicsOf([], 3)).toEqual([]);
  });

  it('names staff once each with the first quote naming them, and keeps three quotes of praise naming nobody', () => {
    const praise = (at: string, quote: string, staff: string[]) => ({ id: at, at, channel: 'survey', quote, customer: 'c1', staff });
    const week = [
      day('2026-11-16', {}, { praise: [praise('2026-11-16T10:00:00Z', 'Maria was lovely.', ['maria']), praise('2026-11-16T09:00:00Z', 'Great cake.', [])] }),
      day('2026-11-17', {}, { praise: [praise('2026-11-17T10:00:00Z', 'Thanks Maria and Tom!', ['maria', 'tom']), ...['A.', 'B.', 'C.'].map((q, i) => praise(`2026-11-17T1${i + 1}:00:00Z`, q, []))] }),
    ];
    expect(praiseOf(week)).toEqual({
      staffPraise: [
        { name: 'Maria', mentions: 2, quote: 'Maria was lovely.' },
        { name: 'Tom', mentions: 1, quote: 'Thanks Maria and Tom!' },
      ],
      praise: ['Great cake.', 'A.', 'B.'],
    });
  });

  it('counts a repeat complainer once, at their latest complaint', () => {
    const repeat = (ordinal: number, at: string) => ({ customerId: 'c1', customer: 'Ann', ordinal, at, feedbackId: `f${ordinal}` });
    const found = repeatComplainersOf([day('2026-11-16', {}, { repeats: [repeat(2, '2026-11-16T10:00:00Z'), repeat(3, '2026-11-16T12:00:00Z')] })]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ customer: 'Ann', complaints: 3, lastAt: '2026-11-16T12:00:00Z' });
  });

  it('sums what was set aside and the orders of the week against the week before', () => {
    const setAside = (reason: string) => ({ id: reason, channel: 'email' as const, rawKey: 'k', at: '2026-11-16T10:00:00Z', outcome: 'skipped' as const, reason });
    expect(setAsideOf([day('2026-11-16', { skipped: 3, rejected: 1 }, { setAside: [setAside('auto-reply'), setAside('spam'), setAside('auto-reply')] })])).toMatchObject({
      skipped: 3,
      rejected: 1,
      reasons: [
        { reason: 'auto-reply', count: 2 },
        { reason: 'spam', count: 1 },
      ],
    });
    expect(ordersOf([day('2026-11-16', { orders: 4, orders_returning: 1 })], [day('2026-11-09', { orders: 2 })])).toMatchObject({ count: 4, returning: 1, repeatRate: 0.25, before: 2, repeatRateBefore: 0 });
  });

  it('puts calls to repeat complainers before the open complaints, and thanks staff last', () => {
    const actions = actionsOf(
      {
        repeatComplainers: [{ customer: 'Ann', complaints: 2, lastAt: '2026-11-16T10:00:00Z' }],
        openComplaints: [{ id: 'f1', at: '2026-11-15T10:00:00Z', channel: 'email', customer: 'Bo', quote: 'Cold.' }],
        moreOpenComplaints: false,
        recurringTopics: [],
        staffPraise: [{ name: 'Maria', mentions: 1 }],
        silentSources: [],
      },
      3,
      undefined,
    );
    expect(actions).toEqual([
      'Call Ann: 2 complaints, the last on 2026-11-16. A customer who has to complain again is about to leave.',
      'Answer the 1 open complaint, oldest first (Bo, since 2026-11-15), and mark it handled.',
      "Thank Maria: named in customers' praise.",
    ]);
  });
});
