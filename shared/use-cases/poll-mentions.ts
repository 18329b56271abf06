import { mentionSchema } from '#shared/domain/mention.ts';
import { sourceName, type SourceConfig } from '#shared/mentions/source-name.ts';
import { fetchSourcePage } from '#shared/mentions/sources.ts';
import { SourceError } from '#shared/mentions/http.ts';
import type { PollState } from '#shared/ports/store.ts';
import { receiveMention } from '#shared/use-cases/mentions.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** First wait after a failed read; it doubles with each failure in a row, up to the cap. */
const FIRST_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 3600_000;

export interface PollOutcome {
  sourceId: string;
  result: 'read' | 'waiting' | 'failed';
  pages: number;
  received: number;
  duplicates: number;
  error?: string;
  nextAttemptAt?: string;
}

/** How long to wait after `failures` failed reads in a row, at least what the source asked for. */
export function backoffMs(failures: number, retryAfterMs?: number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  return Math.min(MAX_BACKOFF_MS * 4, Math.max(exponential, retryAfterMs ?? 0));
}

/**
 * Reads one source: new mentions since its cursor, a few pages at most, each deduplicated with the
 * webhook's registry and queued like a webhook mention. A 429 or 5xx (or a timeout, or a malformed
 * body) records the error and when to try again, honouring Retry-After; nothing sleeps.
 */
export async function pollSource(source: SourceConfig, deps: Pick<Deps, 'polls' | 'mentions' | 'archive' | 'queue' | 'now' | 'config'>): Promise<PollOutcome> {
  const now = deps.now();
  const state: PollState = (await deps.polls.get(source.id)) ?? { sourceId: source.id, source: sourceName(source), failures: 0 };
  state.source = sourceName(source);
  if (state.nextAttemptAt && Date.parse(state.nextAttemptAt) > now.getTime()) {
    return { sourceId: source.id, result: 'waiting', pages: 0, received: 0, duplicates: 0, nextAttemptAt: state.nextAttemptAt };
  }
  const { timeoutMs, userAgent, maxPages } = deps.config.mentions;
  let pages = 0;
  let received = 0;
  let duplicates = 0;
  let newest = state.cursor;
  try {
    let request: string | undefined;
    do {
      const page = await fetchSourcePage(source, state.cursor, request, { timeoutMs, userAgent, now });
      pages += 1;
      for (const candidate of page.mentions) {
        const parsed = mentionSchema.safeParse(candidate);
        if (!parsed.success) continue;
        const receipt = await receiveMention(parsed.data, { body: JSON.stringify(parsed.data), contentType: 'application/json' }, deps);
        if (receipt.duplicate) duplicates += 1;
        else received += 1;
      }
      if (page.newest && (!newest || compareCursor(page.newest, newest) > 0)) newest = page.newest;
      request = page.next;
    } while (request && pages < maxPages);
    await deps.polls.save({ ...state, ...(newest ? { cursor: newest } : {}), lastSuccessAt: now.toISOString(), failures: 0, nextAttemptAt: undefined });
    return { sourceId: source.id, result: 'read', pages, received, duplicates };
  } catch (error) {
    const failures = state.failures + 1;
    const wait = backoffMs(failures, error instanceof SourceError ? error.retryAfterMs : undefined);
    const nextAttemptAt = new Date(now.getTime() + wait).toISOString();
    const message = (error as Error).message.slice(0, 300);
    // Mentions already queued from earlier pages stay queued; the cursor is not moved, so the next
    // run reads them again and the registry answers them as duplicates.
    await deps.polls.save({ ...state, failures, lastError: message, lastErrorAt: now.toISOString(), nextAttemptAt });
    return { sourceId: source.id, result: 'failed', pages, received, duplicates, error: message, nextAttemptAt };
  }
}

/** Cursors are ISO dates (Bluesky), growing numeric ids (Mastodon) or epoch seconds (Reddit). */
function compareCursor(a: string, b: string): number {
  if (/^\d+(\.\d+)?$/.test(a) && /^\d+(\.\d+)?$/.test(b)) return a.length - b.length || a.localeCompare(b);
  return a.localeCompare(b);
}

/** Reads every configured source once, one after the other. */
export async function pollAllSources(deps: Pick<Deps, 'polls' | 'mentions' | 'archive' | 'queue' | 'now' | 'config'>): Promise<PollOutcome[]> {
  const outcomes: PollOutcome[] = [];
  for (const source of deps.config.mentions.sources) outcomes.push(await pollSource(source, deps));
  return outcomes;
}
