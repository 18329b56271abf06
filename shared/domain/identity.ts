import { createHash } from 'node:crypto';

/** The kinds of identity that tie an item to a customer. */
export type IdentityKind = 'email' | 'phone' | 'handle' | 'order';

/** One identity, normalised, e.g. `{ kind: 'email', value: 'jane@example.com' }`. */
export interface Identity {
  kind: IdentityKind;
  value: string;
}

/** Emails are trimmed and case-folded: `Jane@Example.COM ` and `jane@example.com` are one person. */
export function normaliseEmail(email: string): string | undefined {
  const clean = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(clean) ? clean : undefined;
}

/**
 * Phone numbers in E.164 (`+15551234567`). `00` becomes `+`; a national number (leading 0 or no
 * prefix) takes the business's country calling code. Returns undefined for anything that cannot
 * be a phone number (fewer than 7 or more than 15 digits).
 */
export function normalisePhone(phone: string, defaultCallingCode = '1'): string | undefined {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  let e164: string;
  if (trimmed.startsWith('+')) e164 = digits;
  else if (digits.startsWith('00')) e164 = digits.slice(2);
  else if (digits.startsWith('0')) e164 = defaultCallingCode + digits.slice(1);
  else if (defaultCallingCode === '1' && digits.length === 11 && digits.startsWith('1')) e164 = digits;
  else e164 = defaultCallingCode + digits;
  return e164.length >= 7 && e164.length <= 15 ? `+${e164}` : undefined;
}

/**
 * Social handles per source: `bluesky:jane.bsky.social`, without a leading `@` (or Reddit's `u/`),
 * case-folded.
 */
export function normaliseHandle(source: string, handle: string): string | undefined {
  const cleanSource = source.trim().toLowerCase().split(':')[0];
  const cleanHandle = handle.trim().replace(/^(@+|\/?u\/)/i, '').toLowerCase();
  if (!cleanSource || !cleanHandle || /\s/.test(cleanHandle)) return undefined;
  return `${cleanSource}:${cleanHandle}`;
}

/** The identity's key in the store and in logs (no raw values in logs: see `identityDigest`). */
export function identityKey(identity: Identity): string {
  return `${identity.kind}#${identity.value}`;
}

/** A short, stable digest of an identity, used for customer ids so no address appears in a key. */
export function identityDigest(identity: Identity): string {
  return createHash('sha256').update(identityKey(identity)).digest('base64url').slice(0, 16);
}

/** The id of the customer first seen with an identity: derived from it, so it needs no lookup item. */
export function customerIdFor(identity: Identity): string {
  return `c_${identityDigest(identity)}`;
}

/** Removes duplicates, keeping the first occurrence. */
export function uniqueIdentities(identities: Array<Identity | undefined>): Identity[] {
  const seen = new Set<string>();
  const out: Identity[] = [];
  for (const identity of identities) {
    if (!identity) continue;
    const key = identityKey(identity);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(identity);
  }
  return out;
}

/** Identities an incoming item carries: sender address, phone, author handle, order ids. */
export function identitiesOf(
  customer: { email?: string; phone?: string; handle?: string },
  orderIds: string[],
  options: { source?: string; defaultCallingCode?: string } = {},
): Identity[] {
  const email = customer.email ? normaliseEmail(customer.email) : undefined;
  const phone = customer.phone ? normalisePhone(customer.phone, options.defaultCallingCode) : undefined;
  const handle = customer.handle && options.source ? normaliseHandle(options.source, customer.handle) : undefined;
  return uniqueIdentities([
    email ? { kind: 'email', value: email } : undefined,
    phone ? { kind: 'phone', value: phone } : undefined,
    handle ? { kind: 'handle', value: handle } : undefined,
    ...orderIds.map((id) => ({ kind: 'order' as const, value: id.trim() })).filter((i) => i.value),
  ]);
}

/** Order numbers an item quotes, split by whether they are the sender's own. */
export interface OrderReferences {
  /** The sender's own orders (or the survey link's order): they link the item and its customer. */
  verified: string[];
  /** Orders the sender quoted that are not theirs, or unknown: kept on the item, never merged. */
  claimed: string[];
}

/**
 * Which order numbers quoted in free text are the sender's own. A reference is verified only when
 * the order belongs to the customer the sender already is (same profile through their address,
 * phone or handle); anything else is a claim: quoting someone's order number must not make the
 * sender that customer. Pure: `orderOwner` maps each order id to the profile that owns it (after
 * merges), `senderCustomers` holds the profiles the sender's own identities belong to.
 */
export function splitOrderReferences(orderIds: string[], orderOwner: Map<string, string | undefined>, senderCustomers: Set<string>): OrderReferences {
  const verified: string[] = [];
  const claimed: string[] = [];
  for (const orderId of orderIds) {
    const owner = orderOwner.get(orderId);
    (owner !== undefined && senderCustomers.has(owner) ? verified : claimed).push(orderId);
  }
  return { verified, claimed };
}
