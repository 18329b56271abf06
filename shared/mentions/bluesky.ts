import type { MentionSource } from '#shared/domain/mention-source.ts';
import type { Mention } from '#shared/domain/mention.ts';
import { getPage, SourceError } from '#shared/mentions/http.ts';
import { clip, isoDate, MAX_MENTION_TEXT, parseJson, type PageRequest, type SourcePage } from '#shared/mentions/page.ts';
import { sourceName } from '#shared/domain/mention-source.ts';

export type BlueskySource = Extract<MentionSource, { type: 'bluesky' }>;

/** Posts per request (the lexicon's maximum). */
const PAGE_SIZE = 100;
/** Searched again behind the cursor, for posts indexed late (the registry drops the repeats). */
const OVERLAP_MS = 15 * 60_000;

/** `app.bsky.feed.defs#postView`, the parts read here. */
interface PostView {
  uri?: string;
  cid?: string;
  author?: { did?: string; handle?: string; displayName?: string };
  record?: { text?: string; createdAt?: string };
  indexedAt?: string;
}

/** The sort time the search filters on (`since`): the earlier of createdAt and indexedAt. */
function sortAt(post: PostView): string | undefined {
  const times = [post.record?.createdAt, post.indexedAt].map((t) => Date.parse(String(t ?? ''))).filter(Number.isFinite);
  return times.length ? new Date(Math.min(...times)).toISOString() : undefined;
}

/** The web address of a post: `at://<did>/app.bsky.feed.post/<rkey>` -> `https://bsky.app/profile/<handle>/post/<rkey>`. */
export function blueskyPostUrl(uri: string, handle: string | undefined): string | undefined {
  const match = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([A-Za-z0-9._~:-]+)$/.exec(uri);
  if (!match) return undefined;
  const who = handle && handle !== 'handle.invalid' ? handle : match[1]!;
  return `https://bsky.app/profile/${encodeURIComponent(who)}/post/${match[2]}`;
}

function toMention(post: PostView, source: string, now: Date): Mention[] {
  const text = String(post.record?.text ?? '').trim();
  if (!post.uri || !text) return [];
  const handle = post.author?.handle && post.author.handle !== 'handle.invalid' ? post.author.handle : undefined;
  const url = blueskyPostUrl(post.uri, handle ?? post.author?.did);
  return [
    {
      source,
      externalId: clip(post.uri, 256),
      ...(url ? { url } : {}),
      author: {
        ...(handle ? { handle: `@${clip(handle, 190)}` } : {}),
        ...(post.author?.displayName?.trim() ? { name: clip(post.author.displayName.trim(), 120) } : {}),
      },
      text: clip(text, MAX_MENTION_TEXT),
      publishedAt: isoDate(post.record?.createdAt ?? post.indexedAt, now),
    },
  ];
}

/**
 * One page of `app.bsky.feed.searchPosts` (sort=latest), newest first: `since` a little before the
 * cursor (the newest sort time read), then the answer's `cursor` for older pages. The public
 * AppView refuses `cursor` to anonymous callers (403): that ends the run's pages, it is no failure.
 */
export async function readBlueskyPage(source: BlueskySource, request: PageRequest): Promise<SourcePage> {
  const url = new URL('/xrpc/app.bsky.feed.searchPosts', source.service);
  url.searchParams.set('q', source.query);
  url.searchParams.set('sort', 'latest');
  url.searchParams.set('limit', String(PAGE_SIZE));
  const since = request.cursor ? Date.parse(request.cursor) : NaN;
  if (Number.isFinite(since)) url.searchParams.set('since', new Date(since - OVERLAP_MS).toISOString());
  if (request.next) url.searchParams.set('cursor', request.next);
  let body: { cursor?: unknown; posts?: unknown };
  try {
    body = parseJson(await getPage(url.toString(), { ...request, accept: 'application/json' })) as typeof body;
  } catch (error) {
    if (request.next && error instanceof SourceError && error.status === 403) return { mentions: [], ...(request.latest ? { latest: request.latest } : {}) };
    throw error;
  }
  if (!body || !Array.isArray(body.posts)) throw new SourceError('malformed response: no posts');
  const posts = body.posts.filter((p): p is PostView => typeof p === 'object' && p !== null);
  const name = sourceName(source);
  const mentions = posts.flatMap((post) => toMention(post, name, request.now));
  const newest = [request.latest, ...posts.map(sortAt)].filter((t): t is string => Boolean(t)).sort().pop();
  const next = typeof body.cursor === 'string' && body.cursor && posts.length > 0 ? body.cursor : undefined;
  return { mentions, ...(next ? { next } : {}), ...(newest ? { latest: newest } : {}) };
}
