import { describe, expect, it } from 'vitest';
import {
  actionToken,
  caseReplyAddress,
  caseTagIn,
  codeHash,
  signInCode,
  sessionCookieValue,
  tokenHash,
  verifyActionToken,
  verifyCaseReplyTag,
  verifySessionCookie,
  randomToken,
} from '#shared/domain/console-tokens.ts';
import { caseIdFor } from '#shared/domain/case.ts';
import { safeNext } from '#shared/use-cases/console-auth.ts';

const SECRET = 'test-link-secret-0123456789abcdef';
const OTHER = 'another-deployment-secret-0000000';
const NOW = new Date('2026-11-20T10:00:00Z');
const CASE = caseIdFor('survey-1');

describe('action links', () => {
  const link = { caseId: CASE, action: 'handled' as const, email: 'Owner@Example.com', expiresAt: new Date(NOW.getTime() + 14 * 86_400_000) };

  it('carry one case, one action and one owner address until they expire', () => {
    const token = actionToken(SECRET, link);
    expect(verifyActionToken(SECRET, token, NOW)).toEqual({ ...link, email: 'owner@example.com', expiresAt: new Date(Math.floor(link.expiresAt.getTime() / 1000) * 1000) });
    expect(verifyActionToken(SECRET, token, new Date(link.expiresAt.getTime() + 1000))).toBe('expired');
  });

  it('refuse a forged, tampered or foreign token', () => {
    const token = actionToken(SECRET, link);
    expect(verifyActionToken(OTHER, token, NOW)).toBe('invalid');
    expect(verifyActionToken(SECRET, token.replace('.h.', '.o.'), NOW)).toBe('invalid');
    expect(verifyActionToken(SECRET, token.replace(CASE, caseIdFor('survey-2')), NOW)).toBe('invalid');
    expect(verifyActionToken(SECRET, 'nonsense', NOW)).toBe('invalid');
  });
});

describe('the reply address of a case', () => {
  it('plus-addresses the inbound address with a signed tag that routes to the case', () => {
    const address = caseReplyAddress(SECRET, 'hello@shop.example', CASE);
    expect(address).toMatch(new RegExp(`^hello\\+case-${CASE}-[a-z2-7]{16}@shop\\.example$`));
    const tag = caseTagIn(address.toUpperCase())!;
    expect(verifyCaseReplyTag(SECRET, tag)).toBe(CASE);
  });

  it('cannot be forged to attach mail to another case', () => {
    const tag = caseTagIn(caseReplyAddress(SECRET, 'hello@shop.example', CASE))!;
    const other = caseIdFor('survey-2');
    expect(verifyCaseReplyTag(SECRET, tag.replace(CASE, other))).toBeUndefined();
    expect(verifyCaseReplyTag(OTHER, tag)).toBeUndefined();
    expect(caseTagIn('hello@shop.example')).toBeUndefined();
  });
});

describe('sessions and sign-in secrets', () => {
  it('binds the session cookie to this deployment', () => {
    const token = randomToken();
    expect(verifySessionCookie(SECRET, sessionCookieValue(SECRET, token))).toBe(token);
    expect(verifySessionCookie(OTHER, sessionCookieValue(SECRET, token))).toBeUndefined();
    expect(verifySessionCookie(SECRET, `${token}.AAAAAAAAAAAAAAAAAAAAAA`)).toBeUndefined();
    expect(verifySessionCookie(SECRET, undefined)).toBeUndefined();
  });

  it('keeps working across a key rotation: signed with the new key, the old one still verifies', () => {
    const token = randomToken();
    const rotated = { current: OTHER, previous: [SECRET] };
    expect(verifySessionCookie(rotated, sessionCookieValue(SECRET, token))).toBe(token);
    const link = { caseId: CASE, action: 'open' as const, email: 'owner@example.com', expiresAt: new Date(NOW.getTime() + 1000_000) };
    expect(verifyActionToken(rotated, actionToken(SECRET, link), NOW)).not.toBe('invalid');
    expect(verifyCaseReplyTag(rotated, caseTagIn(caseReplyAddress(SECRET, 'a@b.example', CASE))!)).toBe(CASE);
    expect(sessionCookieValue(rotated, token)).toBe(sessionCookieValue(OTHER, token));
    expect(verifySessionCookie({ current: OTHER, previous: [] }, sessionCookieValue(SECRET, token))).toBeUndefined();
  });

  it('stores hashes, never the secrets', () => {
    const token = randomToken();
    expect(tokenHash(token)).not.toContain(token);
    expect(codeHash('Owner@Example.com', '123456')).toBe(codeHash('owner@example.com', '123456'));
    expect(codeHash('owner@example.com', '123456')).not.toBe(codeHash('other@example.com', '123456'));
    expect(signInCode()).toMatch(/^\d{6}$/);
  });

  it('returns only to console paths after sign-in', () => {
    expect(safeNext(`/console/cases/${CASE}`)).toBe(`/console/cases/${CASE}`);
    expect(safeNext('https://evil.example/console')).toBe('/console');
    expect(safeNext('//evil.example')).toBe('/console');
    expect(safeNext('/console/../v1/customers')).toBe('/console');
    expect(safeNext(undefined)).toBe('/console');
  });
});
