import { describe, expect, it } from 'vitest';
import {
  answerCheckIn,
  CHECK_IN_WORDING,
  checkInLanguage,
  checkInToken,
  customerOptOutToken,
  planCheckIn,
  verifyCheckInToken,
  verifyCustomerOptOutToken,
  type CheckInRecord,
} from '#shared/domain/check-in.ts';

const SECRET = 'test-link-secret-0123456789abcdef';
const NOW = new Date('2025-11-12T09:00:00Z');
const SETTINGS = { enabled: true, delayHours: 72, languages: ['en', 'es', 'fr', 'de'] };

describe('planning a check-in when a case is marked handled', () => {
  it('is due the configured hours later; 0 means at once', () => {
    expect(planCheckIn({ email: 'ana@example.com', handledAt: NOW, optedOutByOwner: false }, SETTINGS)).toEqual({ dueAt: new Date('2025-11-15T09:00:00Z') });
    expect(planCheckIn({ email: 'ana@example.com', handledAt: NOW, optedOutByOwner: false }, { ...SETTINGS, delayHours: 0 })).toEqual({ dueAt: NOW });
  });

  it('is skipped when follow-ups are off, the owner unticked it, or there is no email', () => {
    expect(planCheckIn({ email: 'ana@example.com', handledAt: NOW, optedOutByOwner: false }, { ...SETTINGS, enabled: false })).toEqual({ skip: 'off' });
    expect(planCheckIn({ email: 'ana@example.com', handledAt: NOW, optedOutByOwner: true }, SETTINGS)).toEqual({ skip: 'not-for-this-case' });
    expect(planCheckIn({ email: undefined, handledAt: NOW, optedOutByOwner: false }, SETTINGS)).toEqual({ skip: 'no-email' });
  });

  it('is written in the customer\'s language when the business has wording for it, else English', () => {
    expect(checkInLanguage('es', SETTINGS.languages)).toBe('es');
    expect(checkInLanguage('de', ['en', 'de'])).toBe('de');
    expect(checkInLanguage('fr', ['en', 'de'])).toBe('en');
    expect(checkInLanguage('it', SETTINGS.languages)).toBe('en');
    expect(checkInLanguage(undefined, SETTINGS.languages)).toBe('en');
    expect(CHECK_IN_WORDING.en).toMatchObject({ subject: 'Did we put it right?', yes: 'Yes', notYet: 'Not yet', comment: 'Comment', send: 'Send' });
    for (const words of Object.values(CHECK_IN_WORDING)) expect(words.subject).toMatch(/\?$/);
  });
});

describe('check-in links', () => {
  const link = { caseId: 'abcdefghijklmnop', handling: 7, expiresAt: new Date('2025-11-26T09:00:00Z') };

  it('name one handling of one case until they expire', () => {
    const token = checkInToken(SECRET, link);
    expect(verifyCheckInToken(SECRET, token, NOW)).toEqual(link);
    expect(verifyCheckInToken(SECRET, token, new Date('2025-11-26T09:00:00Z'))).toBe('expired');
  });

  it('refuse a tampered token, another deployment\'s, and any other kind of link', () => {
    const token = checkInToken(SECRET, link);
    const [caseId, handling, expiry, mac] = token.split('.');
    expect(verifyCheckInToken(SECRET, [caseId, (8).toString(36), expiry, mac].join('.'), NOW)).toBe('invalid');
    expect(verifyCheckInToken(SECRET, [caseId, handling, (parseInt(expiry!, 36) + 86_400).toString(36), mac].join('.'), NOW)).toBe('invalid');
    expect(verifyCheckInToken('another-deployment-secret-01234567', token, NOW)).toBe('invalid');
    expect(verifyCheckInToken(SECRET, customerOptOutToken(SECRET, 'ana@example.com'), NOW)).toBe('invalid');
    expect(verifyCheckInToken(SECRET, 'x', NOW)).toBe('invalid');
  });

  it('keep working after the link key is rotated, for the links already sent', () => {
    const token = checkInToken(SECRET, link);
    const rotated = { current: 'a-brand-new-link-key-0123456789abc', previous: [SECRET] };
    expect(verifyCheckInToken(rotated, token, NOW)).toEqual(link);
    expect(verifyCheckInToken({ current: 'a-brand-new-link-key-0123456789abc', previous: [] }, token, NOW)).toBe('invalid');
    expect(verifyCustomerOptOutToken(rotated, customerOptOutToken(SECRET, 'ana@example.com'))).toBe('ana@example.com');
    expect(checkInToken(rotated, link)).not.toBe(token);
  });

  it('unsubscribe with a token of the customer\'s address that never expires', () => {
    const token = customerOptOutToken(SECRET, ' Ana@Example.com ');
    expect(verifyCustomerOptOutToken(SECRET, token)).toBe('ana@example.com');
    expect(verifyCustomerOptOutToken('another-deployment-secret-01234567', token)).toBeUndefined();
    expect(verifyCustomerOptOutToken(SECRET, token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeUndefined();
  });
});

describe('answering a check-in', () => {
  const sent: CheckInRecord = {
    caseId: 'c',
    handling: 3,
    to: 'ana@example.com',
    language: 'en',
    handledAt: '2025-11-09T09:00:00Z',
    handledBy: 'owner@example.com',
    dueAt: '2025-11-12T09:00:00Z',
    status: 'sent',
    sentAt: '2025-11-12T09:00:00Z',
    expiresAt: '2025-11-26T09:00:00Z',
  };

  it('records the answer and the comment once', () => {
    const answered = answerCheckIn(sent, 'not-yet', '  Still no refund.\r\n', new Date('2025-11-13T10:00:00Z'));
    expect(answered).toMatchObject({ status: 'answered', answer: 'not-yet', comment: 'Still no refund.', answeredAt: '2025-11-13T10:00:00.000Z' });
    expect(answerCheckIn(answered as CheckInRecord, 'yes', undefined, new Date('2025-11-13T11:00:00Z'))).toBe('answered');
  });

  it('is refused once the links expired, and before it was sent', () => {
    expect(answerCheckIn(sent, 'yes', undefined, new Date('2025-11-26T09:00:00Z'))).toBe('expired');
    expect(answerCheckIn({ ...sent, status: 'unknown' }, 'yes', undefined, NOW)).toBe('expired');
    expect(answerCheckIn({ ...sent, status: 'scheduled' }, 'yes', undefined, NOW)).toBe('not-sent');
  });
});
