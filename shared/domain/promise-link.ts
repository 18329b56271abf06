import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey, verificationKeys, type LinkSecret } from '#shared/domain/link-keys.ts';

/**
 * The signed `Kept` link of a promise reminder: one promise of one case, one owner address, until
 * a time. Keyed for this purpose only, so no other link of the deployment is accepted in its place.
 */
export interface PromiseLink {
  caseId: string;
  promiseId: string;
  email: string;
  expiresAt: Date;
}

/** How long a reminder's links work. */
export const PROMISE_LINK_TTL_MS = 14 * 86_400_000;

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`promise-kept:${payload}`).digest('base64url').slice(0, 22);
}

/** `<case>.<promise>.<expiry>.<address>.<mac>`. */
export function promiseKeptToken(secret: LinkSecret, link: PromiseLink): string {
  const payload = [link.caseId, link.promiseId, Math.floor(link.expiresAt.getTime() / 1000).toString(36), Buffer.from(link.email.trim().toLowerCase()).toString('base64url')].join('.');
  return `${payload}.${mac(signingKey(secret), payload)}`;
}

/** Reads a `Kept` token: the link, `invalid` (forged, tampered) or `expired`. */
export function verifyPromiseKeptToken(secret: LinkSecret, token: string, now: Date): PromiseLink | 'invalid' | 'expired' {
  const match = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{4,400})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return 'invalid';
  const given = Buffer.from(match[5]!);
  const payload = token.slice(0, token.lastIndexOf('.'));
  const matches = (key: string) => {
    const expected = Buffer.from(mac(key, payload));
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!verificationKeys(secret).some(matches)) return 'invalid';
  const expiresAt = new Date(parseInt(match[3]!, 36) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return 'expired';
  return { caseId: match[1]!, promiseId: match[2]!, email: Buffer.from(match[4]!, 'base64url').toString('utf8'), expiresAt };
}
