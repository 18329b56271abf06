import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as z from '#shared/domain/schema.ts';

/** How far a webhook timestamp may be from now (contract: 5 minutes). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** The mentions webhook body (contract: `POST /v1/mentions`). */
export const mentionSchema = z.object({
  source: z.string().check(z.trim(), z.minLength(1), z.maxLength(64), z.regex(/^[\p{L}\p{N} ._-]+$/u, 'letters, digits, spaces, dots, dashes and underscores only')),
  externalId: z.string().check(z.trim(), z.minLength(1), z.maxLength(256)),
  url: z.optional(z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).check(z.maxLength(2048))),
  author: z._default(
    z.object({
      handle: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
      name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(120))),
      followers: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(10_000_000_000))),
    }),
    {},
  ),
  text: z.string().check(z.minLength(1), z.maxLength(20_000)),
  rating: z.optional(z.number().check(z.int('expected a whole number from 1 to 5'), z.minimum(1), z.maximum(5))),
  publishedAt: z.iso.datetime({ offset: true, message: 'expected an ISO-8601 date-time' }),
});

export type Mention = z.infer<typeof mentionSchema>;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Verifies the webhook signature: `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` keyed with
 * the webhook secret, compared in constant time, with the timestamp (unix seconds) within five
 * minutes of now. Pure.
 */
export function verifySignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Uint8Array;
  now: Date;
}): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed X-Earshot-Timestamp' };
  if (Math.abs(input.now.getTime() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    return { ok: false, reason: 'X-Earshot-Timestamp is more than 5 minutes off' };
  }
  const match = /^sha256=([0-9a-f]{64})$/i.exec(signature?.trim() ?? '');
  if (!match) return { ok: false, reason: 'missing or malformed X-Earshot-Signature' };
  const expected = createHmac('sha256', input.secret).update(`${timestamp}.`).update(input.rawBody).digest();
  const given = Buffer.from(match[1]!, 'hex');
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'signature does not match' };
}

/** Signs a body the way the webhook expects (for senders, tests and the README example). */
export function signMention(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** The feedback id of a mention: the same source and external id always give the same id. */
export function mentionId(source: string, externalId: string): string {
  const digest = createHash('sha256').update(`${source.toLowerCase()}\u0000${externalId}`).digest('base64url').slice(0, 22);
  return `mention-${digest}`;
}

/** How many people a post can reach, as the owner reads it. */
export type Reach = 'very large' | 'large' | 'moderate' | 'small' | 'unknown';

/** Reach band from the author's followers. */
export function reachOf(followers: number | undefined): Reach {
  if (followers === undefined) return 'unknown';
  if (followers >= 100_000) return 'very large';
  if (followers >= 10_000) return 'large';
  if (followers >= 1_000) return 'moderate';
  return 'small';
}

/**
 * Priority of a negative public post: a 1-star review or a post with large reach is critical, a
 * 2-star review or moderate reach is high.
 */
export function mentionPriority(rating: number | undefined, followers: number | undefined): 'critical' | 'high' | 'normal' {
  const reach = reachOf(followers);
  if (rating === 1 || reach === 'very large' || reach === 'large') return 'critical';
  if (rating === 2 || reach === 'moderate') return 'high';
  return 'normal';
}
