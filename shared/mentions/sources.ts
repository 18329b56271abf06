import { XMLParser } from 'fast-xml-parser';
import { htmlToText } from '#shared/email/html-text.ts';
import type { Mention } from '#shared/domain/mention.ts';
import { getPage, linkRelation, SourceError, type FetchedPage } from '#shared/mentions/http.ts';

import { sourceName, type SourceConfig } from '#shared/mentions/source-name.ts';

/** One page of a source: its mentions and where the next page is. */
export interface SourcePage {
  mentions: Mention[];
  /** Request for the next (further) page this run, if any. */
  next?: string;
  /** The newest position seen, kept as the cursor for the next run. */
  newest?: string;
}

export interface FetchOptions {
  timeoutMs: number;
  userAgent: string;
  now: Date;
}

function json(page: FetchedPage): unknown {
  try {
    return JSON.parse(page.body);
  } catch {
    throw new SourceError('malformed response: not JSON');
  }
}

function iso(value: unknown, fallback: Date): string {
  const at = typeof value === 'number' ? value * 1000 : Date.parse(String(value ?? ''));
  return Number.isFinite(at) ? new Date(at).toISOString() : fallback.toISOString();
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text', processEntities: true, htmlEntities: true });

function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'object') return textOf((node as Record<string, unknown>)['#text']);
  return '';
}

function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Items of an RSS 2.0 or Atom feed (Google Alerts, review sites). */
export function parseFeed(body: string, source: string, now: Date): Mention[] {
  let doc: Record<string, any>;
  try {
    doc = xml.parse(body, true) as Record<string, any>;
  } catch (error) {
    throw new SourceError(`malformed feed: ${(error as Error).message.slice(0, 120)}`);
  }
  const channel = doc.rss?.channel;
  if (channel) {
    return list(channel.item).flatMap((item: Record<string, unknown>) => {
      const link = textOf(item.link);
      const id = textOf(item.guid) || link;
      const text = [textOf(item.title), htmlToText(textOf(item.description))].filter(Boolean).join('\n');
      if (!id || !text) return [];
      const author = textOf(item['dc:creator']) || textOf(item.author);
      return [{ source, externalId: id.slice(0, 256), ...(/^https?:/.test(link) ? { url: link } : {}), author: author ? { name: author.slice(0, 120) } : {}, text: text.slice(0, 20_000), publishedAt: iso(textOf(item.pubDate), now) }];
    });
  }
  const feed = doc.feed;
  if (feed) {
    return list(feed.entry).flatMap((entry: Record<string, any>) => {
      const link = list(entry.link).map((l: Record<string, string>) => l['@href']).find(Boolean) ?? '';
      const href = link.startsWith('https://www.google.com/url') ? (new URL(link).searchParams.get('url') ?? link) : link;
      const id = textOf(entry.id) || href;
      const text = [htmlToText(textOf(entry.title)), htmlToText(textOf(entry.content) || textOf(entry.summary))].filter(Boolean).join('\n');
      if (!id || !text) return [];
      const author = textOf(entry.author?.name);
      return [{ source, externalId: id.slice(0, 256), ...(/^https?:/.test(href) ? { url: href } : {}), author: author ? { name: author.slice(0, 120) } : {}, text: text.slice(0, 20_000), publishedAt: iso(textOf(entry.published) || textOf(entry.updated), now) }];
    });
  }
  throw new SourceError('malformed feed: neither RSS nor Atom');
}

/** Reads one page of a source. `request` is the next page from the previous call, if any. */
export async function fetchSourcePage(source: SourceConfig, cursor: string | undefined, request: string | undefined, options: FetchOptions): Promise<SourcePage> {
  const name = sourceName(source);
  const get = (url: string, accept = 'application/json') => getPage(url, { ...options, accept });
  switch (source.type) {
    case 'rss': {
      const page = await get(source.url, 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5');
      return { mentions: parseFeed(page.body, name, options.now) };
    }
    case 'bluesky': {
      const url = new URL('/xrpc/app.bsky.feed.searchPosts', source.service);
      url.searchParams.set('q', source.query);
      url.searchParams.set('sort', 'latest');
      url.searchParams.set('limit', '25');
      if (cursor) url.searchParams.set('since', cursor);
      if (request) url.searchParams.set('cursor', request);
      const body = json(await get(url.toString())) as { cursor?: string; posts?: Array<Record<string, any>> };
      if (!Array.isArray(body.posts)) throw new SourceError('malformed response: no posts');
      const mentions = body.posts.flatMap((post): Mention[] => {
        const text = String(post.record?.text ?? '');
        const handle = String(post.author?.handle ?? '');
        const rkey = String(post.uri ?? '').split('/').pop();
        if (!post.uri || !text) return [];
        return [{
          source: name,
          externalId: String(post.uri).slice(0, 256),
          ...(handle && rkey ? { url: `https://bsky.app/profile/${handle}/post/${rkey}` } : {}),
          author: { ...(handle ? { handle: `@${handle}` } : {}), ...(post.author?.displayName ? { name: String(post.author.displayName).slice(0, 120) } : {}) },
          text: text.slice(0, 20_000),
          publishedAt: iso(post.record?.createdAt ?? post.indexedAt, options.now),
        }];
      });
      const newest = body.posts.map((p) => String(p.indexedAt ?? '')).filter(Boolean).sort().pop();
      return { mentions, ...(body.cursor && body.posts.length ? { next: body.cursor } : {}), ...(newest ? { newest } : {}) };
    }
    case 'mastodon': {
      let url: string;
      if (request) url = request;
      else if (source.hashtag) {
        const u = new URL(`/api/v1/timelines/tag/${encodeURIComponent(source.hashtag)}`, source.instance);
        u.searchParams.set('limit', '40');
        if (cursor) u.searchParams.set('min_id', cursor);
        url = u.toString();
      } else {
        const u = new URL('/api/v2/search', source.instance);
        u.searchParams.set('q', source.query ?? '');
        u.searchParams.set('type', 'statuses');
        u.searchParams.set('resolve', 'false');
        u.searchParams.set('limit', '40');
        if (cursor) u.searchParams.set('min_id', cursor);
        url = u.toString();
      }
      const page = await get(url);
      const body = json(page) as Array<Record<string, any>> | { statuses?: Array<Record<string, any>> };
      const statuses = Array.isArray(body) ? body : body.statuses;
      if (!Array.isArray(statuses)) throw new SourceError('malformed response: no statuses');
      const mentions = statuses.flatMap((status): Mention[] => {
        const text = htmlToText(String(status.content ?? ''));
        if (!status.id || !text) return [];
        const account = status.account ?? {};
        return [{
          source: name,
          externalId: String(status.uri ?? status.id).slice(0, 256),
          ...(status.url ? { url: String(status.url) } : {}),
          author: {
            ...(account.acct ? { handle: `@${account.acct}` } : {}),
            ...(account.display_name ? { name: String(account.display_name).slice(0, 120) } : {}),
            ...(Number.isInteger(account.followers_count) ? { followers: account.followers_count } : {}),
          },
          text: text.slice(0, 20_000),
          publishedAt: iso(status.created_at, options.now),
        }];
      });
      // Mastodon ids grow with time: the largest is the newest (compared as numbers of any length).
      const newest = statuses.map((s) => String(s.id)).sort((a, b) => a.length - b.length || a.localeCompare(b)).pop();
      const prev = statuses.length >= 40 ? linkRelation(page.headers.get('link'), 'prev') : undefined;
      return { mentions, ...(prev ? { next: prev } : {}), ...(newest ? { newest } : {}) };
    }
    case 'reddit': {
      const url = new URL('/search.json', source.baseUrl);
      url.searchParams.set('q', source.query);
      url.searchParams.set('sort', 'new');
      url.searchParams.set('limit', '25');
      url.searchParams.set('raw_json', '1');
      if (request) url.searchParams.set('after', request);
      const body = json(await get(url.toString())) as { data?: { after?: string | null; children?: Array<{ data?: Record<string, any> }> } };
      const children = body.data?.children;
      if (!Array.isArray(children)) throw new SourceError('malformed response: no listing');
      const since = cursor ? Number(cursor) : 0;
      const posts = children.map((c) => c.data ?? {}).filter((p) => p.id && Number(p.created_utc) > since);
      const mentions = posts.flatMap((post): Mention[] => {
        const text = [post.title, post.selftext].filter(Boolean).join('\n');
        if (!text) return [];
        return [{
          source: name,
          externalId: String(post.name ?? `t3_${post.id}`),
          ...(post.permalink ? { url: `https://www.reddit.com${post.permalink}` } : {}),
          author: post.author && post.author !== '[deleted]' ? { handle: `u/${post.author}` } : {},
          text: String(text).slice(0, 20_000),
          publishedAt: iso(Number(post.created_utc), options.now),
        }];
      });
      const newest = posts.map((p) => Number(p.created_utc)).sort((a, b) => a - b).pop();
      // Newest first: once a page reaches back past the cursor, there is nothing further to read.
      const reachedCursor = posts.length < children.length;
      return { mentions, ...(body.data?.after && !reachedCursor ? { next: body.data.after } : {}), ...(newest ? { newest: String(newest) } : {}) };
    }
  }
}
