import type { MentionSource } from '#shared/domain/mention-source.ts';
import type { Mention } from '#shared/domain/mention.ts';
import { getPage, SourceError } from '#shared/mentions/http.ts';
import { clip, isoDate, MAX_MENTION_TEXT, parseJson, type PageRequest, type SourcePage } from '#shared/mentions/page.ts';
import { sourceName } from '#shared/domain/mention-source.ts';

export type RedditSource = Extract<MentionSource, { type: 'reddit' }>;

/** Posts per request (Reddit's maximum is 100). */
const PAGE_SIZE = 100;

/** A `t3` (link/post) thing's `data`, the parts read here. */
interface RedditPost {
  id?: string;
  name?: string;
  title?: string;
  selftext?: string;
  author?: string;
  permalink?: string;
  created_utc?: number;
  subreddit?: string;
}

interface Listing {
  kind?: string;
  data?: { after?: string | null; children?: Array<{ kind?: string; data?: RedditPost }> };
}

function toMention(post: RedditPost, source: string, now: Date): Mention[] {
  const text = [post.title, post.selftext].map((t) => String(t ?? '').trim()).filter(Boolean).join('\n');
  if (!post.id || !text) return [];
  const author = post.author && post.author !== '[deleted]' && /^[\w-]{1,40}$/.test(post.author) ? post.author : undefined;
  return [
    {
      source,
      externalId: clip(post.name || `t3_${post.id}`, 256),
      ...(post.permalink?.startsWith('/') ? { url: `https://www.reddit.com${clip(post.permalink, 1000)}` } : {}),
      author: author ? { handle: `u/${author}` } : {},
      text: clip(text, MAX_MENTION_TEXT),
      publishedAt: isoDate(Number(post.created_utc), now),
    },
  ];
}

/**
 * One page of `GET /search.json?q=…&sort=new` (a Listing, newest first), paged with `after`. The
 * cursor is the newest `created_utc` read; a page that reaches back to it ends the run's pages.
 */
export async function readRedditPage(source: RedditSource, request: PageRequest): Promise<SourcePage> {
  const url = new URL('/search.json', source.baseUrl);
  url.searchParams.set('q', source.query);
  url.searchParams.set('sort', 'new');
  url.searchParams.set('type', 'link');
  url.searchParams.set('limit', String(PAGE_SIZE));
  url.searchParams.set('raw_json', '1');
  if (request.next) url.searchParams.set('after', request.next);
  const body = parseJson(await getPage(url.toString(), { ...request, accept: 'application/json' })) as Listing;
  const children = body?.data?.children;
  if (body?.kind !== 'Listing' || !Array.isArray(children)) throw new SourceError('malformed response: not a Listing');
  const since = request.cursor ? Number(request.cursor) : 0;
  const posts = children.map((c) => c?.data ?? {}).filter((p) => p.id && Number.isFinite(Number(p.created_utc)));
  // The same second as the cursor is read again (the registry drops the repeats), so nothing is missed.
  const fresh = posts.filter((p) => Number(p.created_utc) >= since);
  const name = sourceName(source);
  const mentions = fresh.flatMap((post) => toMention(post, name, request.now));
  const newest = Math.max(Number(request.latest ?? 0), ...fresh.map((p) => Number(p.created_utc)));
  const reachedCursor = fresh.length < posts.length;
  const after = body.data?.after;
  return { mentions, ...(typeof after === 'string' && after && !reachedCursor && posts.length ? { next: after } : {}), ...(newest > 0 ? { latest: String(newest) } : {}) };
}
