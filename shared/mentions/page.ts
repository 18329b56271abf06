import type { FetchedPage } from '#shared/mentions/http.ts';
import { SourceError } from '#shared/ports/mention-sources.ts';

export type { PageRequest, SourcePage } from '#shared/ports/mention-sources.ts';

/** Longest text kept from one post (the webhook's limit too). */
export const MAX_MENTION_TEXT = 20_000;

/** Parses a JSON body; anything else is a malformed answer (retried with backoff). */
export function parseJson(page: FetchedPage): unknown {
  try {
    return JSON.parse(page.body);
  } catch {
    throw new SourceError('malformed response: not JSON');
  }
}

/** An ISO date from an ISO string or epoch seconds; `fallback` when missing or unreadable. */
export function isoDate(value: unknown, fallback: Date): string {
  const at = typeof value === 'number' ? value * 1000 : Date.parse(String(value ?? ''));
  return Number.isFinite(at) ? new Date(at).toISOString() : fallback.toISOString();
}

/** Cuts a string to `max` characters. */
export function clip(value: unknown, max: number): string {
  return String(value ?? '').slice(0, max);
}

/** Whether a string is an http(s) URL (only those are shown as links). */
export function isWebUrl(value: string): boolean {
  return /^https?:\/\/\S+$/i.test(value);
}
