import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey, verificationKeys, type LinkSecret } from '#shared/domain/link-keys.ts';

/** A review site as a customer page or email shows it: its name, and the address to link (the business's counting redirect). */
export interface ReviewLink {
  name: string;
  url: string;
}

/** Where a review link was shown: the thank-you page or the invitation email. */
export type ReviewLinkPlace = 'page' | 'email';

const MAC_LENGTH = 16;
const TOKEN = /^([a-z0-9-]{1,60})\.(page|email)\.([A-Za-z0-9_-]{16})$/;

function mac(secret: string, siteId: string, place: ReviewLinkPlace): string {
  return createHmac('sha256', secret).update(`review:${siteId}:${place}`).digest('base64url').slice(0, MAC_LENGTH);
}

/**
 * A signed token for the business's own redirect to a review site (`/r/<token>`). It names the
 * site by id, never its address: the redirect reads the address from the configuration, so the
 * link cannot be bent to send customers anywhere else, and each click is counted on the way.
 */
export function reviewLinkToken(secret: LinkSecret, siteId: string, place: ReviewLinkPlace): string {
  return `${siteId}.${place}.${mac(signingKey(secret), siteId, place)}`;
}

/** The site and place of a token signed with the current key or a previous one, or undefined. */
export function verifyReviewLinkToken(secret: LinkSecret, token: string): { siteId: string; place: ReviewLinkPlace } | undefined {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const siteId = match[1]!;
  const place = match[2] as ReviewLinkPlace;
  const given = Buffer.from(match[3]!);
  const valid = verificationKeys(secret).some((key) => {
    const expected = Buffer.from(mac(key, siteId, place));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return valid ? { siteId, place } : undefined;
}

/** The public address of the redirect. */
export function reviewLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/r/${token}`;
}

/** The stable id of a review site in links and counters: "Google" -> "google", "Trip Advisor" -> "trip-advisor". */
export function reviewSiteId(site: string): string {
  return site
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'site';
}
