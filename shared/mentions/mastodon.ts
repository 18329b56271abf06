import type { MentionSource } from '#shared/domain/mention-source.ts';
import type { Mention } from '#shared/domain/mention.ts';
import { htmlToText } from '#shared/email/html-text.ts';
import { getPage, linkRelation, SourceError } from '#shared/mentions/http.ts';
import { clip, isoDate, isWebUrl, MAX_MENTION_TEXT, parseJson, type PageRequest, type SourcePage } from '#shared/mentions/page.ts';
import { sourceName } from '#shared/domain/mention-source.ts';

export type MastodonSource = Extract<MentionSource, { type: 'mastodon' }>;

/** Statuses per request (Mastodon's maximum for timelines and search). */
const PAGE_SIZE = 40;

/** `Status` entity, the parts read here. */
interface Status {
  id?: string;
  uri?: string;
  url?: string | null;
  content?: string;
  spoiler_text?: string;
  created_at?: string;
  reblog?: Status | null;
  account?: { acct?: string; display_name?: string; followers_count?: number; url?: string };
}

/** Mastodon ids are growing integers of any length (snowflakes): compare them as such. */
export function compareStatusIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** `user@server` for every author: a local account's `acct` has no server, so it gets the instance's. */
function fullHandle(acct: string, instance: string): string {
  return acct.includes('@') ? acct : `${acct}@${new URL(instance).hostname}`;
}

function toMention(status: Status, source: string, instance: string, now: Date): Mention[] {
  if (status.reblog) return [];
  const text = [status.spoiler_text ? htmlToText(status.spoiler_text) : '', htmlToText(String(status.content ?? ''))].filter(Boolean).join('\n').trim();
  if (!status.id || !text) return [];
  const account = status.account ?? {};
  const url = status.url ?? status.uri ?? '';
  return [
    {
      source,
      // The federated URI is the same on every server, so one post read from two instances is one mention.
      externalId: clip(status.uri || `${instance}#${status.id}`, 256),
      ...(isWebUrl(url) && url.length <= 2048 ? { url } : {}),
      author: {
        ...(account.acct ? { handle: `@${clip(fullHandle(account.acct, instance), 190)}` } : {}),
        ...(account.display_name?.trim() ? { name: clip(account.display_name.trim(), 120) } : {}),
        ...(Number.isSafeInteger(account.followers_count) && account.followers_count! >= 0 ? { followers: account.followers_count } : {}),
      },
      text: clip(text, MAX_MENTION_TEXT),
      publishedAt: isoDate(status.created_at, now),
    },
  ];
}

function firstUrl(source: MastodonSource, cursor: string | undefined): string {
  const url = source.hashtag
    ? new URL(`/api/v1/timelines/tag/${encodeURIComponent(source.hashtag)}`, source.instance)
    : new URL('/api/v2/search', source.instance);
  if (!source.hashtag) {
    url.searchParams.set('q', source.query ?? '');
    url.searchParams.set('type', 'statuses');
    url.searchParams.set('resolve', 'false');
  }
  url.searchParams.set('limit', String(PAGE_SIZE));
  if (cursor) url.searchParams.set('min_id', cursor);
  return url.toString();
}

/**
 * One page of a hashtag timeline (`GET /api/v1/timelines/tag/:hashtag`) or a status search
 * (`GET /api/v2/search?type=statuses`), from `min_id` = the newest status id read; further pages
 * follow the `Link` header's `prev` relation (newer statuses) while pages come back full.
 */
export async function readMastodonPage(source: MastodonSource, request: PageRequest): Promise<SourcePage> {
  const url = request.next ?? firstUrl(source, request.cursor);
  if (new URL(url).origin !== new URL(source.instance).origin) throw new SourceError('malformed response: Link header points to another server');
  const page = await getPage(url, {
    ...request,
    accept: 'application/json',
    ...(source.accessToken ? { headers: { authorization: `Bearer ${source.accessToken}` } } : {}),
  });
  const body = parseJson(page) as Status[] | { statuses?: Status[] };
  const statuses = Array.isArray(body) ? body : body && typeof body === 'object' ? body.statuses : undefined;
  if (!Array.isArray(statuses)) throw new SourceError('malformed response: no statuses');
  const valid = statuses.filter((s): s is Status => typeof s === 'object' && s !== null && typeof s.id === 'string');
  const name = sourceName(source);
  const mentions = valid.flatMap((status) => toMention(status, name, source.instance, request.now));
  const newest = [request.latest, ...valid.map((s) => s.id!)].filter((id): id is string => Boolean(id) && /^\d+$/.test(id!)).sort(compareStatusIds).pop();
  const prev = statuses.length >= PAGE_SIZE && (request.cursor || request.next) ? linkRelation(page.headers.get('link'), 'prev') : undefined;
  return { mentions, ...(prev ? { next: prev } : {}), ...(newest ? { latest: newest } : {}) };
}
