import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config.ts';
import { decideAlert, decideRecurring } from '#shared/domain/alert-rules.ts';
import type { Classification } from '#shared/domain/classification.ts';
import { complaintStanding, ordinalWord, type ComplaintEntry } from '#shared/domain/customer.ts';
import { isComplaint, type FeedbackRecord } from '#shared/domain/feedback.ts';

const neutral: Classification = { sentiment: 'neutral', score: 0, complaint: false, urgent: false, cues: [], topics: [], language: 'en' };
const alerts = parseConfig({}, {}).alerts;

function record(overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return {
    id: 'survey-abc',
    channel: 'survey',
    receivedAt: '2026-11-23T10:00:00.000Z',
    processedAt: '2026-11-23T10:00:01.000Z',
    rawKey: 'raw/x',
    text: 'meh',
    customer: { email: 'jane@example.com', name: 'Jane\r\nBcc: x@example.com' },
    orderIds: ['A-1'],
    score: 3,
    classification: neutral,
    complaint: true,
    customerId: 'c_1',
    ...overrides,
  };
}

function entry(id: string, at: string, incident = `email:${id}`): ComplaintEntry {
  return { id, at, channel: 'email', incident };
}

describe('first complaints and urgent cues', () => {
  it('sends a first complaint as "New complaint from <name>" with no CR/LF from the name', () => {
    const decision = decideAlert(record(), undefined, alerts);
    expect(decision).toMatchObject({ action: 'send', kind: 'first-complaint', urgent: false, incidentKey: 'complaint:survey-abc' });
    expect(decision?.action === 'send' && decision.subject).toBe('New complaint from Jane Bcc: x@example.com');
  });

  it('falls back to the email address when there is no name', () => {
    const decision = decideAlert(record({ customer: { email: 'sam@example.com' } }), undefined, alerts);
    expect(decision?.action === 'send' && decision.subject).toBe('New complaint from sam@example.com');
  });

  it('raises an URGENT alert naming the cue, whatever the history', () => {
    const urgent = { ...neutral, sentiment: 'negative' as const, urgent: true, cues: ['illness' as const] };
    const decision = decideAlert(record({ classification: urgent, customer: { name: 'Ann' }, complaint: false }), undefined, alerts);
    expect(decision).toMatchObject({ action: 'send', urgent: true, subject: 'URGENT: Illness reported by Ann' });
  });

  it('sends nothing for praise, or for first complaints when turned off; batches them when asked', () => {
    expect(decideAlert(record({ complaint: false }), undefined, alerts)).toBeUndefined();
    expect(decideAlert(record(), undefined, { ...alerts, firstComplaint: 'off' })).toBeUndefined();
    expect(decideAlert(record(), undefined, { ...alerts, firstComplaint: 'hourly' })).toMatchObject({ batched: true });
  });

  it('counts survey scores 0-6 as complaints whatever the text', () => {
    expect(isComplaint({ survey: { surveyId: 's', score: 6 } }, neutral)).toBe(true);
    expect(isComplaint({ survey: { surveyId: 's', score: 8 } }, neutral)).toBe(false);
    expect(isComplaint({ survey: { surveyId: 's', score: 8 } }, { ...neutral, complaint: true })).toBe(true);
  });
});

describe('the second-complaint rule', () => {
  const settings = { windowDays: 180, foldMinutes: 60 };

  it('makes a complaint from a customer who complained before on another channel URGENT', () => {
    const earlier = entry('survey-1', '2026-11-01T10:00:00.000Z', 'survey:s1');
    const current = entry('email-2', '2026-11-23T10:00:00.000Z', 'email:t2');
    const standing = complaintStanding([earlier, current], current, settings);
    expect(standing.ordinal).toBe(2);
    const decision = decideAlert(record({ id: 'email-2', channel: 'email', customer: { name: 'Maria' } }), standing, alerts);
    expect(decision).toMatchObject({ action: 'send', kind: 'repeat-complaint', urgent: true, subject: 'URGENT: Second complaint from Maria' });
  });

  it('escalates the third and later the same way, and names an urgent cue too', () => {
    const list = [entry('a', '2026-10-01T00:00:00Z'), entry('b', '2026-11-01T00:00:00Z'), entry('c', '2026-11-23T00:00:00Z')];
    const standing = complaintStanding(list, list[2]!, settings);
    const urgent = { ...neutral, urgent: true, cues: ['legal' as const] };
    const decision = decideAlert(record({ id: 'c', customer: { name: 'Bo' }, classification: urgent }), standing, alerts);
    expect(decision).toMatchObject({ subject: 'URGENT: Third complaint from Bo (legal action mentioned)' });
    expect(ordinalWord(12)).toBe('12th');
    expect(ordinalWord(23)).toBe('23rd');
  });

  it('forgets complaints older than the window', () => {
    const list = [entry('old', '2026-01-01T00:00:00Z'), entry('new', '2026-11-23T00:00:00Z')];
    expect(complaintStanding(list, list[1]!, settings).ordinal).toBe(1);
  });

  it('folds a follow-up in the same thread within the fold window into the open alert', () => {
    const list = [entry('m1', '2026-11-23T10:00:00Z', 'email:thread'), entry('m2', '2026-11-23T10:20:00Z', 'email:thread')];
    const standing = complaintStanding(list, list[1]!, settings);
    expect(standing.ordinal).toBe(1);
    expect(standing.followUpOf?.id).toBe('m1');
    expect(decideAlert(record({ id: 'm2' }), standing, alerts, 'complaint:m1')).toEqual({ action: 'fold', into: 'complaint:m1' });
    // The same thread days later is a new incident in time, but still not a second complaint of another incident.
    const later = [list[0]!, entry('m3', '2026-11-25T10:00:00Z', 'email:thread')];
    const standing2 = complaintStanding(later, later[1]!, settings);
    expect(standing2.ordinal).toBe(1);
    expect(standing2.followUpOf).toBeUndefined();
  });

  it('orders concurrent complaints by the order the store appended them', () => {
    const a = entry('a', '2026-11-23T10:00:00.500Z', 'survey:1');
    const b = entry('b', '2026-11-23T10:00:00.400Z', 'email:2');
    expect(complaintStanding([a, b], a, settings).ordinal).toBe(1);
    expect(complaintStanding([a, b], b, settings).ordinal).toBe(2);
  });
});

describe('the recurring-problem rule', () => {
  const settings = { recurringTopicThreshold: 3, recurringTopicWindowDays: 7 };

  it('alerts once, when the third distinct customer complains about a topic within 7 days', () => {
    expect(decideRecurring({ topic: 'wait-time', complaints: 2, customersBefore: ['c1'], customer: 'c2' }, 'f2', settings)).toBeUndefined();
    expect(decideRecurring({ topic: 'wait-time', complaints: 3, customersBefore: ['c1', 'c2'], customer: 'c3' }, 'f3', settings)).toMatchObject({
      incidentKey: 'recurring:wait-time:f3',
      subject: 'Recurring problem: 3 customers complained about waiting times in 7 days',
      headline: '3 customers complained about waiting times in the last 7 days',
    });
    expect(decideRecurring({ topic: 'wait-time', complaints: 4, customersBefore: ['c1', 'c2', 'c3'], customer: 'c4' }, 'f4', settings)).toBeUndefined();
  });

  it("does not count one customer's three complaints as a problem across customers", () => {
    expect(decideRecurring({ topic: 'delivery', complaints: 3, customersBefore: ['c1'], customer: 'c1' }, 'f3', settings)).toBeUndefined();
    // Two complaints by c1 and one each by c2 and c3: the crossing names customers and complaints.
    const crossed = decideRecurring({ topic: 'delivery', complaints: 4, customersBefore: ['c1', 'c2'], customer: 'c3' }, 'f4', settings);
    expect(crossed?.headline).toBe('3 customers complained about delivery in the last 7 days (4 complaints)');
  });

  it('gives concurrent complaints distinct views, so only one of them crosses', () => {
    const seen: string[] = [];
    const crossed = ['c1', 'c2', 'c3', 'c4'].map((customer, i) => {
      const decision = decideRecurring({ topic: 'delivery', complaints: i + 1, customersBefore: [...seen], customer }, `f${i}`, settings);
      seen.push(customer);
      return decision;
    });
    expect(crossed.filter(Boolean)).toHaveLength(1);
  });

  it('names topics in words, extra topics from the config too', () => {
    const decision = decideRecurring({ topic: 'gluten-free', complaints: 3, customersBefore: ['a', 'b'], customer: 'c' }, 'f', settings);
    expect(decision?.subject).toBe('Recurring problem: 3 customers complained about gluten free in 7 days');
    expect(decision?.nextSteps.join(' ')).toContain('above');
    expect(decision?.nextSteps.join(' ')).not.toContain('below');
  });
});
