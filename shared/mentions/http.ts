/** HTTP for the pollers: timeouts, and what a failed request means for the next attempt. */
import { SourceError } from '#shared/ports/mention-sources.ts';

export { SourceError } from '#shared/ports/mention-sources.ts';

export interface FetchedPage {
  status: number;
  headers: Headers;
  body: string;
}

/** Largest answer read from a source; a bigger one is treated as malformed. */
const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;


/** `Retry-After` in seconds or as an HTTP date, as milliseconds from now (undefined when absent or bad). */
export function retryAfterMs(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export interface GetOptions {
  timeoutMs: number;
  userAgent: string;
  accept: string;
  now: Date;
  /** Extra request headers (authorization, conditional GET validators). */
  headers?: Record<string, string>;
}

/**
 * GETs a URL with a timeout (AbortSignal.timeout, covering the body too). 429 and 5xx carry the
 * source's Retry-After; any other 4xx, a network error or a timeout is a SourceError as well.
 * A 304 (conditional GET) is a success with an empty body.
 */
export async function getPage(url: string, options: GetOptions): Promise<FetchedPage> {
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, {
      headers: { 'user-agent': options.userAgent, accept: options.accept, ...options.headers },
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'follow',
    });
    body = await response.text();
  } catch (error) {
    const name = (error as Error).name;
    throw new SourceError(name === 'TimeoutError' || name === 'AbortError' ? `timed out after ${options.timeoutMs} ms` : `network error: ${(error as Error).message}`);
  }
  if (response.status === 429 || response.status >= 500) {
    throw new SourceError(`HTTP ${response.status}`, retryAfterMs(response.headers.get('retry-after'), options.now), response.status);
  }
  if (response.status >= 400) throw new SourceError(`HTTP ${response.status}`, undefined, response.status);
  if (Buffer.byteLength(body) > MAX_RESPONSE_BYTES) throw new SourceError('malformed response: too large');
  return { status: response.status, headers: response.headers, body };
}

/** The URL of a `Link` header relation (`<url>; rel="next"`), if present. */
export function linkRelation(header: string | null, rel: string): string | undefined {
  for (const part of header?.split(',') ?? []) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match && match[2]!.split(/\s+/).includes(rel)) return match[1];
  }
  return undefined;
}
