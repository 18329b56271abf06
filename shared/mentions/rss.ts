import { XMLParser } from 'fast-xml-parser';
import type { MentionSource } from '#shared/domain/mention-source.ts';
import type { Mention } from '#shared/domain/mention.ts';
import { htmlToText } from '#shared/email/html-text.ts';
import { getPage, SourceError } from '#shared/mentions/http.ts';
import { clip, isoDate, isWebUrl, MAX_MENTION_TEXT, type PageRequest, type SourcePage } from '#shared/mentions/page.ts';
import { sourceName } from '#shared/domain/mention-source.ts';

export type RssSource = Extract<MentionSource, { type: 'rss' }>;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node).trim();
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'object') return textOf((node as Record<string, unknown>)['#text']);
  return '';
}

/** Google Alerts wraps each link in a redirect (`https://www.google.com/url?...&url=<target>`). */
function unwrapLink(link: string): string {
  if (!/^https:\/\/www\.google\.[a-z.]+\/url\?/.test(link)) return link;
  try {
    return new URL(link).searchParams.get('url') ?? link;
  } catch {
    return link;
  }
}

function mention(source: string, id: string, link: string, title: string, body: string, author: string, published: string, now: Date): Mention[] {
  const text = [title, body].filter(Boolean).join('\n');
  if (!id || !text) return [];
  return [
    {
      source,
      externalId: clip(id, 256),
      ...(isWebUrl(link) && link.length <= 2048 ? { url: link } : {}),
      author: author ? { name: clip(author, 120) } : {},
      text: clip(text, MAX_MENTION_TEXT),
      publishedAt: isoDate(published, now),
    },
  ];
}

/**
 * The items of an RSS 2.0 or Atom feed (Google Alerts, review sites) as mentions: id from `guid`
 * or Atom `id` (else the link), title and HTML description or content as text, author from
 * `author`, `dc:creator` or Atom `author/name`, date from `pubDate`, `published` or `updated`.
 */
export function parseFeed(body: string, source: string, now: Date): Mention[] {
  let doc: Record<string, any>;
  try {
    doc = xml.parse(body, true) as Record<string, any>;
  } catch (error) {
    throw new SourceError(`malformed feed: ${(error as Error).message.slice(0, 120)}`);
  }
  const channel = doc.rss?.channel ?? doc['rdf:RDF'];
  if (channel) {
    const items: Array<Record<string, unknown>> = channel.item ?? doc['rdf:RDF']?.item ?? [];
    return items.flatMap((item) => {
      const link = textOf(item.link);
      return mention(
        source,
        textOf(item.guid) || link,
        link,
        htmlToText(textOf(item.title)),
        htmlToText(textOf(item.description) || textOf(item['content:encoded'])),
        textOf(item['dc:creator']) || textOf(item.author),
        textOf(item.pubDate) || textOf(item['dc:date']),
        now,
      );
    });
  }
  const feed = doc.feed;
  if (feed) {
    const entries: Array<Record<string, any>> = feed.entry ?? [];
    return entries.flatMap((entry) => {
      const links: Array<Record<string, string>> = entry.link ?? [];
      const href = (links.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0])?.['@href'] ?? '';
      const link = unwrapLink(href);
      return mention(
        source,
        textOf(entry.id) || link,
        link,
        htmlToText(textOf(entry.title)),
        htmlToText(textOf(entry.content) || textOf(entry.summary)),
        textOf(entry.author?.name ?? entry.author),
        textOf(entry.published) || textOf(entry.updated),
        now,
      );
    });
  }
  throw new SourceError('malformed feed: neither RSS nor Atom');
}

/** Validators of the last answer, kept as the cursor so an unchanged feed costs a 304 and no parsing. */
interface FeedCursor {
  etag?: string;
  lastModified?: string;
}

function readCursor(cursor: string | undefined): FeedCursor {
  try {
    const value = JSON.parse(cursor ?? '{}') as FeedCursor;
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}

/** Reads a feed once (feeds have no pages), with a conditional GET from the last validators. */
export async function readRssPage(source: RssSource, request: PageRequest): Promise<SourcePage> {
  const previous = readCursor(request.cursor);
  const page = await getPage(source.url, {
    ...request,
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    headers: {
      ...(previous.etag ? { 'if-none-match': previous.etag } : {}),
      ...(previous.lastModified ? { 'if-modified-since': previous.lastModified } : {}),
    },
  });
  if (page.status === 304) return { mentions: [], ...(request.cursor ? { latest: request.cursor } : {}) };
  const etag = page.headers.get('etag');
  const lastModified = page.headers.get('last-modified');
  const validators: FeedCursor = { ...(etag ? { etag: clip(etag, 200) } : {}), ...(lastModified ? { lastModified: clip(lastModified, 100) } : {}) };
  return { mentions: parseFeed(page.body, sourceName(source), request.now), ...(Object.keys(validators).length ? { latest: JSON.stringify(validators) } : {}) };
}
