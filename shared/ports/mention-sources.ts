import type { Mention } from '#shared/domain/mention.ts';
import type { MentionSource } from '#shared/domain/mention-source.ts';

/** What one read of a source page needs. */
export interface PageRequest {
  /** The cursor kept from the last successful run (what was read already). */
  cursor: string | undefined;
  /** The cursor this run will keep so far (pages read earlier in this run may have moved it). */
  latest: string | undefined;
  /** The next page of this run, from the previous page; undefined for the first page. */
  next: string | undefined;
  timeoutMs: number;
  userAgent: string;
  now: Date;
}

/** One page of a source: its mentions, the next page, and the cursor to keep if the run succeeds. */
export interface SourcePage {
  mentions: Mention[];
  next?: string;
  latest?: string;
}

/** A failed read: retried later, after `retryAfterMs` when the source said how long to wait. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/** Reads mention sources (RSS/Atom, Bluesky, Mastodon, Reddit) over HTTP. */
export interface MentionSourceReader {
  /** One page of a source; a failed read throws a SourceError (retried later with backoff). */
  readPage(source: MentionSource, request: PageRequest): Promise<SourcePage>;
}
