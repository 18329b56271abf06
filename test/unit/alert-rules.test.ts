import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config.ts';
import { decideAlerts } from '#shared/domain/alert-rules.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import { isComplaint } from '#shared/domain/feedback.ts';
import type { Classification } from '#shared/domain/classification.ts';

const neutral: Classification = { sentiment: 'neutral', score: 0, complaint: false, urgent: false, cues: [], topics: [], language: 'en' };

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
    ...overrides,
  };
}

const alerts = parseConfig({}, {}).alerts;

describe('alert rules', () => {
  it('sends a first complaint as "New complaint from <name>" with no CR/LF from the name', () => {
    const [decision] = decideAlerts(record(), alerts);
    expect(decision).toMatchObject({ kind: 'first-complaint', urgent: false, incidentKey: 'complaint:survey-abc' });
    expect(decision!.subject).toBe('New complaint from Jane Bcc: x@example.com');
  });

  it('falls back to the email address when there is no name', () => {
    const [decision] = decideAlerts(record({ customer: { email: 'sam@example.com' } }), alerts);
    expect(decision!.subject).toBe('New complaint from sam@example.com');
  });

  it('raises an URGENT alert naming the cue', () => {
    const urgent = { ...neutral, sentiment: 'negative' as const, urgent: true, cues: ['illness' as const] };
    const [decision] = decideAlerts(record({ classification: urgent, customer: { name: 'Ann' } }), alerts);
    expect(decision!.subject).toBe('URGENT: Illness reported by Ann');
    expect(decision!.urgent).toBe(true);
  });

  it('sends nothing for praise, or for first complaints when turned off', () => {
    expect(decideAlerts(record({ complaint: false }), alerts)).toEqual([]);
    expect(decideAlerts(record(), { ...alerts, firstComplaint: 'off' })).toEqual([]);
  });

  it('counts survey scores 0-6 as complaints whatever the text', () => {
    expect(isComplaint({ survey: { surveyId: 's', score: 6 } }, neutral)).toBe(true);
    expect(isComplaint({ survey: { surveyId: 's', score: 8 } }, neutral)).toBe(false);
    expect(isComplaint({ survey: { surveyId: 's', score: 8 } }, { ...neutral, complaint: true })).toBe(true);
  });
});
