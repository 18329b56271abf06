import * as z from '#shared/domain/schema.ts';
import type { LinkKeys } from '#shared/domain/link-keys.ts';
import { SecretsUnavailableError } from '#shared/errors.ts';

/**
 * The values of the secrets Earshot keeps in Secrets Manager, and how each is read. The API key and
 * the webhook secret are plain strings; the link-signing key is JSON so a rotation can keep the
 * previous key: `{"current": "...", "previous"?: "...", "rotatedAt"?: ISO-8601}`. The stack
 * generates each value (infra/aws/stateful-stack.ts); a test checks that what it generates is read
 * here without error.
 */
export const SECRET_NAMES = ['apiKey', 'webhookSecret', 'linkSecret'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

const key = (minimum: number) => z.string().check(z.minLength(minimum, `at least ${minimum} characters`), z.regex(/^\S+$/, 'no spaces or line breaks'));

/** A shared key the business's systems send or sign with. */
export const sharedKeySchema = key(16);

/** The link-signing key, with the previous one kept for verification after a rotation. */
export const linkSecretSchema = z
  .object({
    current: key(32),
    previous: z.optional(key(32)),
    rotatedAt: z.optional(z.iso.datetime({ offset: true })),
  })
  .check(z.refine((value) => value.previous === undefined || value.rotatedAt !== undefined, { message: 'a previous key needs rotatedAt (when it was replaced)', path: ['rotatedAt'] }));
export type LinkSecretValue = z.infer<typeof linkSecretSchema>;

function fail(name: SecretName, problem: string): never {
  throw new SecretsUnavailableError(`secret ${name}: ${problem}`);
}

/** Reads the API key or the webhook secret; a missing or malformed value is a SecretsUnavailableError naming the secret, never the value. */
export function readSharedKey(name: 'apiKey' | 'webhookSecret', value: string | undefined): string {
  if (value === undefined) fail(name, 'has no value');
  const parsed = sharedKeySchema.safeParse(value);
  if (!parsed.success) fail(name, parsed.error.issues[0]!.message);
  return parsed.data;
}

/** Parses the stored link secret's JSON. */
export function readLinkSecret(value: string | undefined): LinkSecretValue {
  if (value === undefined) fail('linkSecret', 'has no value');
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    fail('linkSecret', 'is not JSON (expected {"current": "..."})');
  }
  const parsed = linkSecretSchema.safeParse(json);
  if (!parsed.success) fail('linkSecret', parsed.error.issues.map((issue) => `${issue.path.join('.') || '(value)'}: ${issue.message}`).join('; '));
  return parsed.data;
}

/**
 * The keys in effect at `now`: the previous key is still accepted until the links signed with it
 * have expired (`rotatedAt` plus the links' lifetime), then only the current one.
 */
export function linkKeysAt(value: LinkSecretValue, now: Date, linkLifetimeMs: number): LinkKeys {
  const { previous, rotatedAt } = value;
  const stillValid = previous !== undefined && rotatedAt !== undefined && Date.parse(rotatedAt) + linkLifetimeMs > now.getTime();
  return { current: value.current, previous: stillValid ? [previous] : [] };
}

/** The link secret after a rotation to `next`: the current key becomes the previous one, from `now`. */
export function rotatedLinkSecret(value: LinkSecretValue, next: string, now: Date): LinkSecretValue {
  if (next === value.current) throw new Error('the new link key must differ from the current one');
  return linkSecretSchema.parse({ current: next, previous: value.current, rotatedAt: now.toISOString() });
}

/** How long a link may be in use after it is signed: the invitation delay plus the survey link's lifetime. */
export function linkLifetimeMs(survey: { inviteDelayHours: number; linkTtlDays: number }): number {
  return (survey.inviteDelayHours + survey.linkTtlDays * 24) * 3_600_000;
}
