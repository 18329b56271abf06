/**
 * The keys that sign the links Earshot sends (survey links, unsubscribe links): new links are
 * signed with `current`; a link is accepted when it verifies with `current` or with one of
 * `previous`, so rotating the key does not break links already sent.
 */
export interface LinkKeys {
  current: string;
  /** Keys still accepted for verification (the one before a rotation, for the links' lifetime). */
  previous: readonly string[];
}

/** A single key (local runs, tests) or the keys in effect after a rotation. */
export type LinkSecret = string | LinkKeys;

/** The key new links are signed with. */
export function signingKey(secret: LinkSecret): string {
  return typeof secret === 'string' ? secret : secret.current;
}

/** Every key a link may verify with, the current one first. */
export function verificationKeys(secret: LinkSecret): string[] {
  return typeof secret === 'string' ? [secret] : [secret.current, ...secret.previous];
}
