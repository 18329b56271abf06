import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey, verificationKeys, type LinkSecret } from '#shared/domain/link-keys.ts';

const MAC_LENGTH = 22;

function mac(secret: string, email: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${email}`).digest('base64url').slice(0, MAC_LENGTH);
}

/** A signed token naming one digest recipient, for their unsubscribe link. */
export function unsubscribeToken(secret: LinkSecret, email: string): string {
  const normalised = email.trim().toLowerCase();
  return `${Buffer.from(normalised).toString('base64url')}.${mac(signingKey(secret), normalised)}`;
}

/** The recipient of a token signed with the current key or a previous one still accepted, or undefined. */
export function verifyUnsubscribeToken(secret: LinkSecret, token: string): string | undefined {
  const match = /^([A-Za-z0-9_-]{4,400})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return undefined;
  const email = Buffer.from(match[1]!, 'base64url').toString('utf8');
  const given = Buffer.from(match[2]!);
  const valid = verificationKeys(secret).some((key) => {
    const expected = Buffer.from(mac(key, email));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return valid ? email : undefined;
}

/** The public address of an unsubscribe link. */
export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/u/${token}`;
}

/**
 * The public address of a customer's one-click unsubscribe from survey and follow-up mail
 * (`/stop/<token>`, the token from `customerOptOutToken`).
 */
export function customerOptOutUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/stop/${token}`;
}
