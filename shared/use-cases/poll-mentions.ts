import { mentionSchema } from '#shared/domain/mention.ts';
import { sourceName, type MentionSource } from '#shared/domain/mention-source.ts';
import { SourceError } from '#shared/ports/mention-sources.ts';
import type { PollState } from '#shared/ports/store.ts';
import { receiveMention } from '#shared/use-cases/mentions.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** First wait after a failed read; it doubles with each failure in a row, up to the cap. */
const FIRST_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 3600_000;
/** The longest Retry-After honoured (a source asking for more is asked again after a day). */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

export type PollDeps = Pick<Deps, 'polls' | 'mentions' | 'sources' | 'archive' | 'queue' | 'customers' | 'now' | 'config'>;

export interface PollOutcome {
  sourceId: string;
  /**
   * `read`: success, cursor moved; `waiting`: backing off, not called; `failed`: error recorded,
   * next attempt set; `conflict`: another run wrote the source's state meanwhile, this one kept
   * nothing (what it queued was deduplicated).
   */
  result: 'read' | 'waiting' | 'failed' | 'conflict';
  pages: number;
  received: number;
  duplicates: number;
  /** Posts older than `mentions.maxAgeHours`, or not valid mentions, skipped. */
  skipped: number;
  error?: string;
  nextAttemptAt?: string;
}

/** How long to wait after `failures` failed reads in a row, at least what the source asked for. */
export function backoffMs(failures: number, retryAfterMs?: number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, Math.min(failures, 30) - 1));
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(exponential, retryAfterMs ?? 0));
}

/**
 * Reads one source: new mentions since its cursor, `mentions.maxPages` pages at most, each
 * deduplicated with the webhook's registry (source + external id) and queued like a webhook
 * mention. A 429 or 5xx (or a timeout, a malformed body) records the error and when to try again,
 * honouring Retry-After; nothing sleeps. The state is written with a conditional put on its
 * version, so two overlapping runs cannot move the cursor backwards.
 */
export async function pollSource(source: MentionSource, deps: PollDeps): Promise<PollOutcome> {
  const now = deps.now();
  const name = sourceName(source);
  const stored = await deps.polls.get(source.id);
  const state: PollState = { ...(stored ?? { sourceId: source.id, failures: 0 }), source: name, firstAttemptAt: stored?.firstAttemptAt ?? now.toISOString() };
  const base = { sourceId: source.id, pages: 0, received: 0, duplicates: 0, skipped: 0 };
  if (state.nextAttemptAt && Date.parse(state.nextAttemptAt) > now.getTime()) {
    return { ...base, result: 'waiting', nextAttemptAt: state.nextAttemptAt };
  }
  const { timeoutMs, userAgent, maxPages, maxAgeHours } = deps.config.mentions;
  const oldest = now.getTime() - maxAgeHours * 3600_000;
  const outcome = { ...base };
  let latest = state.cursor;
  try {
    let next: string | undefined;
    do {
      const page = await deps.sources.readPage(source, { cursor: state.cursor, latest, next, timeoutMs, userAgent, now });
      outcome.pages += 1;
      for (const candidate of page.mentions) {
        const parsed = mentionSchema.safeParse(candidate);
        if (!parsed.success || Date.parse(parsed.data.publishedAt) < oldest) {
          outcome.skipped += 1;
          continue;
        }
        const receipt = await receiveMention(parsed.data, { body: JSON.stringify(parsed.data), contentType: 'application/json' }, deps);
        if (receipt.duplicate) outcome.duplicates += 1;
        else outcome.received += 1;
      }
      latest = page.latest ?? latest;
      next = page.next;
    } while (next && outcome.pages < maxPages);
    const { cursor: _old, nextAttemptAt: _next, ...rest } = state;
    const saved = await deps.polls.save({ ...rest, ...(latest ? { cursor: latest } : {}), lastSuccessAt: now.toISOString(), failures: 0 });
    return { ...outcome, result: saved ? 'read' : 'conflict' };
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    const failures = state.failures + 1;
    const nextAttemptAt = new Date(now.getTime() + backoffMs(failures, error.retryAfterMs)).toISOString();
    const message = error.message.slice(0, 300);
    // Mentions queued from earlier pages stay queued; the cursor does not move, so the next run
    // reads them again and the registry answers them as duplicates.
    const saved = await deps.polls.save({ ...state, failures, lastError: message, lastErrorAt: now.toISOString(), nextAttemptAt });
    return { ...outcome, result: saved ? 'failed' : 'conflict', error: message, nextAttemptAt };
  }
}

/**
 * Reads every enabled source once, one after the other. An unexpected error (the table or the
 * queue unavailable) in one source is reported as its failure and does not stop the others.
 */
export async function pollAllSources(deps: PollDeps): Promise<PollOutcome[]> {
  const outcomes: PollOutcome[] = [];
  for (const source of deps.config.mentions.sources.filter((s) => s.enabled)) {
    try {
      outcomes.push(await pollSource(source, deps));
    } catch (error) {
      outcomes.push({ sourceId: source.id, result: 'failed', pages: 0, received: 0, duplicates: 0, skipped: 0, error: `internal: ${(error as Error).name}` });
    }
  }
  return outcomes;
}
