import type { MentionSource } from '#shared/domain/mention-source.ts';
import { readBlueskyPage } from '#shared/mentions/bluesky.ts';
import { readMastodonPage } from '#shared/mentions/mastodon.ts';
import { readRedditPage } from '#shared/mentions/reddit.ts';
import { readRssPage } from '#shared/mentions/rss.ts';
import type { MentionSourceReader, PageRequest, SourcePage } from '#shared/ports/mention-sources.ts';

/** Reads one page of any configured source, with the module of its type. */
export function readSourcePage(source: MentionSource, request: PageRequest): Promise<SourcePage> {
  switch (source.type) {
    case 'rss':
      return readRssPage(source, request);
    case 'bluesky':
      return readBlueskyPage(source, request);
    case 'mastodon':
      return readMastodonPage(source, request);
    case 'reddit':
      return readRedditPage(source, request);
  }
}

/** The mention sources over HTTP (fetch), as the pollers read them. */
export const httpMentionSources: MentionSourceReader = { readPage: readSourcePage };
