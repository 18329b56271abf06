import * as z from '#shared/domain/schema.ts';

/** A source's id: short, stable, used in cursors, alarms and the digest. */
const sourceId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'lower-case letters, digits and dashes'));
const enabled = z._default(z.boolean(), true);

/** One mention source the pollers read (`mentions.sources` in the configuration). */
export const mentionSourceSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('rss'), id: sourceId, enabled, name: z.optional(z.string().check(z.minLength(1), z.maxLength(64))), url: z.url() }),
  z.strictObject({ type: z.literal('bluesky'), id: sourceId, enabled, query: z.string().check(z.minLength(1), z.maxLength(200)), service: z._default(z.url(), 'https://public.api.bsky.app') }),
  z
    .strictObject({
      type: z.literal('mastodon'),
      id: sourceId,
      enabled,
      instance: z.url(),
      query: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
      hashtag: z.optional(z.string().check(z.regex(/^\w+$/, 'a hashtag without #'))),
      /** Full-text status search needs a signed-in account (token with read:search); hashtag timelines do not. */
      accessToken: z.optional(z.string().check(z.minLength(8))),
    })
    .check(z.refine((s) => (s.query === undefined) !== (s.hashtag === undefined), { message: 'set either query or hashtag', path: ['query'] })),
  z.strictObject({ type: z.literal('reddit'), id: sourceId, enabled, query: z.string().check(z.minLength(1), z.maxLength(200)), baseUrl: z._default(z.url(), 'https://www.reddit.com') }),
]);

export type MentionSource = z.infer<typeof mentionSourceSchema>;

/** The source name shown in alerts ("Negative mention on Bluesky"). */
export function sourceName(source: MentionSource): string {
  switch (source.type) {
    case 'rss':
      return source.name ?? new URL(source.url).hostname.replace(/^www\./, '');
    case 'bluesky':
      return 'Bluesky';
    case 'mastodon':
      return 'Mastodon';
    case 'reddit':
      return 'Reddit';
  }
}
