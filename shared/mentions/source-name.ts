import type { Config } from '#shared/config.ts';

export type SourceConfig = Config['mentions']['sources'][number];

/** The source name shown in alerts ("Negative mention on Bluesky"). */
export function sourceName(source: SourceConfig): string {
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
