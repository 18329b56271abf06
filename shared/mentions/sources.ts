import { readBlueskyPage } from '#shared/mentions/bluesky.ts';
import { readMastodonPage } from '#shared/mentions/mastodon.ts';
import type { PageRequest, SourcePage } from '#shared/mentions/page.ts';
import { readRedditPage } from '#shared/mentions/reddit.ts';
import { readRssPage } from '#shared/mentions/rss.ts';
import type { SourceConfig } from '#shared/mentions/source-name.ts';

export type { PageRequest, SourcePage } from '#shared/mentions/page.ts';

/** Reads one page of any configured source, with the module of its type. */
export function readSourcePage(source: SourceConfig, request: PageRequest): Promise<SourcePage> {
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
