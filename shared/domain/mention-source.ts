import * as z from 'zod';

/** A source's id: short, stable, used in cursors, alarms and the digest. */
const sourceId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'lower-case letters, digits and dashes');

/** One mention source the pollers read (`mentions.sources` in the configuration). */
export const mentionSourceSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('rss'), id: sourceId, enabled: z.boolean().default(true), name: z.string().min(1).max(64).optional(), url: z.url() }),
  z.strictObject({ type: z.literal('bluesky'), id: sourceId, enabled: z.boolean().default(true), query: z.string().min(1).max(200), service: z.url().default('https://public.api.bsky.app') }),
  z
    .strictObject({
      type: z.literal('mastodon'),
      id: sourceId,
      enabled: z.boolean().default(true),
      instance: z.url(),
      query: z.string().min(1).max(200).optional(),
      hashtag: z.string().regex(/^\w+$/, 'a hashtag without #').optional(),
      /** Full-text status search needs a signed-in account (token with read:search); hashtag timelines do not. */
      accessToken: z.string().min(8).optional(),
    })
    .refine((s) => (s.query === undefined) !== (s.hashtag === undefined), { message: 'set either query or hashtag', path: ['query'] }),
  z.strictObject({ type: z.literal('reddit'), id: sourceId, enabled: z.boolean().default(true), query: z.string().min(1).max(200), baseUrl: z.url().default('https://www.reddit.com') }),
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
