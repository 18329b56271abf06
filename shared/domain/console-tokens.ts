import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { base32, isCaseId } from '#shared/domain/case.ts';
import { signingKey, verificationKeys, type LinkSecret } from '#shared/domain/link-keys.ts';

/**
 * The tokens of the owner's console. Every one is either random and stored hashed (sign-in links,
 * codes, sessions) or signed with the deployment's link key for one purpose (action links, the
 * reply address of a case, the session cookie), so a token made for one use is never accepted for
 * another and a token from another deployment is refused without a database read. Signing uses
 * the current link key; checking accepts the current key or one still valid from before a rotation.
 */

/** How long an emailed sign-in link and code work. */
export const SIGN_IN_TTL_MS = 15 * 60_000;
/** How long a session lasts without use (sliding). */
export const SESSION_TTL_MS = 30 * 86_400_000;
/** How long the one-click links of an alert email work. */
export const ACTION_LINK_TTL_MS = 14 * 86_400_000;
/** Wrong codes allowed per emailed code before it stops working. */
export const MAX_CODE_ATTEMPTS = 5;

function mac(secret: string, purpose: string, value: string, length: number): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url').slice(0, length);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A random token (sign-in link, session): 256 bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored for a token: its SHA-256, so the table never holds a usable token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A 6-digit sign-in code (leading zeros kept). */
export function signInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The stored hash of a code, tied to the address it was sent to. */
export function codeHash(email: string, code: string): string {
  return tokenHash(`code:${email.toLowerCase()}:${code}`);
}

/** Whether a string has the shape of a random token. */
export function isRandomToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The session cookie's value: the session token and a MAC binding it to this deployment. */
export function sessionCookieValue(secret: LinkSecret, token: string): string {
  return `${token}.${mac(signingKey(secret), 'session', token, 22)}`;
}

/** The session token of a cookie made by this deployment, or undefined. */
export function verifySessionCookie(secret: LinkSecret, value: string | undefined): string | undefined {
  const match = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/.exec(value ?? '');
  if (!match) return undefined;
  return verificationKeys(secret).some((key) => sameText(match[2]!, mac(key, 'session', match[1]!, 22))) ? match[1] : undefined;
}

/** What an emailed action link may do. */
export type LinkAction = 'open' | 'handled';

/** An action link's content: one case, one action, one owner address, until a time. */
export interface ActionLink {
  caseId: string;
  action: LinkAction;
  email: string;
  expiresAt: Date;
}

/** A signed action link token: `<case>.<action>.<expiry>.<address>.<mac>`. */
export function actionToken(secret: LinkSecret, link: ActionLink): string {
  const payload = [link.caseId, link.action === 'open' ? 'o' : 'h', Math.floor(link.expiresAt.getTime() / 1000).toString(36), Buffer.from(link.email.toLowerCase()).toString('base64url')].join('.');
  return `${payload}.${mac(signingKey(secret), 'action', payload, 22)}`;
}

/** Reads an action link token: the link, `invalid` (forged, tampered) or `expired`. */
export function verifyActionToken(secret: LinkSecret, token: string, now: Date): ActionLink | 'invalid' | 'expired' {
  const match = /^([a-z2-7]{16})\.([oh])\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{4,400})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return 'invalid';
  const payload = token.slice(0, token.lastIndexOf('.'));
  if (!verificationKeys(secret).some((key) => sameText(match[5]!, mac(key, 'action', payload, 22)))) return 'invalid';
  const expiresAt = new Date(parseInt(match[3]!, 36) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return 'expired';
  return { caseId: match[1]!, action: match[2] === 'o' ? 'open' : 'handled', email: Buffer.from(match[4]!, 'base64url').toString('utf8'), expiresAt };
}

/** The signed tag that routes a customer's answer to a case: `case-<id>-<mac>`, lower case. */
export function caseReplyTag(secret: LinkSecret, caseId: string): string {
  return `case-${caseId}-${base32(createHmac('sha256', signingKey(secret)).update(`case-reply:${caseId}`).digest()).slice(0, 16)}`;
}

/**
 * The Reply-To of a reply: the inbound address plus-addressed with the case's tag
 * (`hello@shop.example` -> `hello+case-<id>-<mac>@shop.example`).
 */
export function caseReplyAddress(secret: LinkSecret, inboundAddress: string, caseId: string): string {
  const at = inboundAddress.lastIndexOf('@');
  const local = inboundAddress.slice(0, at).split('+')[0];
  return `${local}+${caseReplyTag(secret, caseId)}${inboundAddress.slice(at)}`;
}

/** The case tag in an address (`...+case-<id>-<mac>@...`), unverified. */
export function caseTagIn(address: string): string | undefined {
  return /\+(case-[a-z2-7]{16}-[a-z2-7]{16})@/i.exec(address)?.[1]?.toLowerCase();
}

/** The case a tag routes to when its signature is right, else undefined. */
export function verifyCaseReplyTag(secret: LinkSecret, tag: string): string | undefined {
  const match = /^case-([a-z2-7]{16})-[a-z2-7]{16}$/.exec(tag);
  if (!match || !isCaseId(match[1]!)) return undefined;
  return verificationKeys(secret).some((key) => sameText(tag, caseReplyTag(key, match[1]!))) ? match[1] : undefined;
}
