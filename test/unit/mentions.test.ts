import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config.ts';
import { decideAlert, suggestedResponse } from '#shared/domain/alert-rules.ts';
import type { Classification } from '#shared/domain/classification.ts';
import { isComplaint, type FeedbackRecord } from '#shared/domain/feedback.ts';
import { mentionId, mentionPriority, mentionSchema, signMention, verifySignature } from '#shared/domain/mention.ts';

const SECRET = 'webhook-secret';
const now = new Date('2026-11-23T10:00:00Z');
const ts = Math.floor(now.getTime() / 1000);
const body = '{"source":"Google","externalId":"r-1","text":"Cold food","publishedAt":"2026-11-23T09:00:00Z"}';

describe('webhook signature', () => {
  const check = (overrides: Partial<Parameters<typeof verifySignature>[0]>) =>
    verifySignature({ secret: SECRET, timestamp: String(ts), signature: signMention(SECRET, ts, body), rawBody: Buffer.from(body), now, ...overrides });

  it('accepts the HMAC-SHA256 of "<timestamp>.<raw body>"', () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({ signature: signMention(SECRET, ts, body).toUpperCase().replace('SHA256=', 'sha256=') })).toEqual({ ok: true });
  });

  it('refuses a wrong secret, a changed body, a changed timestamp, and malformed headers', () => {
    expect(check({ signature: signMention('other', ts, body) }).ok).toBe(false);
    expect(check({ rawBody: Buffer.from(body.replace('Cold', 'Warm')) }).ok).toBe(false);
    expect(check({ timestamp: String(ts + 1) }).ok).toBe(false);
    expect(check({ signature: undefined })).toMatchObject({ ok: false, reason: expect.stringMatching(/Signature/) });
    expect(check({ signature: 'sha256=zz' }).ok).toBe(false);
    expect(check({ timestamp: 'yesterday' })).toMatchObject({ ok: false, reason: expect.stringMatching(/Timestamp/) });
  });

  it('refuses timestamps more than five minutes off, either way', () => {
    for (const offset of [-301, 301]) {
      const t = ts + offset;
      expect(check({ timestamp: String(t), signature: signMention(SECRET, t, body) })).toMatchObject({ ok: false, reason: expect.stringMatching(/5 minutes/) });
    }
    const t = ts - 299;
    expect(check({ timestamp: String(t), signature: signMention(SECRET, t, body) })).toEqual({ ok: true });
  });
});

describe('mention body', () => {
  it('validates per the contract and names the bad field', () => {
    expect(mentionSchema.safeParse(JSON.parse(body)).success).toBe(true);
    const bad = mentionSchema.safeParse({ ...JSON.parse(body), rating: 7 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['rating']);
    expect(mentionSchema.safeParse({ ...JSON.parse(body), url: 'javascript:alert(1)' }).success).toBe(false);
  });

  it('derives one id per source and external id', () => {
    expect(mentionId('Google', 'r-1')).toBe(mentionId('google', 'r-1'));
    expect(mentionId('Google', 'r-1')).not.toBe(mentionId('Google', 'r-2'));
  });
});

describe('severity of public posts', () => {
  const negative: Classification = { sentiment: 'negative', score: -0.6, complaint: true, urgent: false, cues: [], topics: ['wait-time'], language: 'en' };
  const positive: Classification = { sentiment: 'positive', score: 0.7, complaint: false, urgent: false, cues: [], topics: [], language: 'en' };
  const alerts = parseConfig({}, {}).alerts;
  const post = (overrides: Partial<FeedbackRecord>): FeedbackRecord => ({
    id: 'mention-x',
    channel: 'social',
    receivedAt: '2026-11-23T10:00:00Z',
    processedAt: '2026-11-23T10:00:01Z',
    rawKey: 'raw/x',
    text: 'Waited an hour',
    customer: { handle: '@pat', name: 'Pat' },
    orderIds: [],
    source: 'Bluesky',
    classification: negative,
    complaint: true,
    ...overrides,
  });

  it('makes a negative mention urgent at once, with reach as its priority and a heading that agrees with the subject', () => {
    const decision = decideAlert(post({ followers: 25_000 }), undefined, alerts);
    expect(decision).toMatchObject({ action: 'send', kind: 'negative-mention', urgent: true, batched: false, subject: 'URGENT: Negative mention on Bluesky' });
    expect(decision).toMatchObject({ priority: 'critical', headline: 'Negative mention on Bluesky by Pat' });
    // A small audience is still urgent: nothing in the alert may call it "normal".
    const small = decideAlert(post({ followers: 12 }), undefined, alerts);
    expect(small).toMatchObject({ urgent: true, subject: 'URGENT: Negative mention on Bluesky', headline: 'Negative mention on Bluesky by Pat' });
    expect(small).not.toHaveProperty('priority');
  });

  it('names a review and any urgent cue in the subject', () => {
    const ill: Classification = { ...negative, urgent: true, cues: ['illness'] };
    const decision = decideAlert(post({ source: 'Google', rating: 1, classification: ill }), undefined, alerts);
    expect(decision).toMatchObject({ subject: 'URGENT: Negative review on Google (illness reported)' });
    expect(suggestedResponse({ classification: ill })).toMatch(/seriously/);
  });

  it('treats 1-2 stars as complaints and never alerts on neutral or positive posts', () => {
    const mention = { source: 'Google', externalId: 'x', publishedAt: '2026-11-23T09:00:00Z' };
    expect(isComplaint({ mention: { ...mention, rating: 2 } }, positive)).toBe(true);
    expect(isComplaint({ mention: { ...mention, rating: 5 } }, { ...negative, sentiment: 'neutral' })).toBe(false);
    expect(decideAlert(post({ classification: positive, complaint: false }), undefined, alerts)).toBeUndefined();
    expect(mentionPriority(2, 50)).toBe('high');
    expect(mentionPriority(undefined, 10)).toBe('normal');
  });
});
