/** HTTP for the pollers: timeouts, and what a failed request means for the next attempt. */

export interface FetchedPage {
  status: number;
  headers: Headers;
  body: string;
}

/** A failed read: retried later, after `retryAfterMs` when the source said how long to wait. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/** `Retry-After` in seconds or as an HTTP date, as milliseconds from now (undefined when absent or bad). */
export function retryAfterMs(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** GETs a URL with a timeout; 429 and 5xx (and network errors) become a SourceError. */
export async function getPage(url: string, options: { timeoutMs: number; userAgent: string; accept: string; now: Date }): Promise<FetchedPage> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { 'user-agent': options.userAgent, accept: options.accept }, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'follow' });
  } catch (error) {
    const name = (error as Error).name;
    throw new SourceError(name === 'TimeoutError' || name === 'AbortError' ? `timed out after ${options.timeoutMs} ms` : `network error: ${(error as Error).message}`);
  }
  const body = await response.text();
  if (response.status === 429 || response.status >= 500) {
    throw new SourceError(`HTTP ${response.status}`, retryAfterMs(response.headers.get('retry-after'), options.now));
  }
  if (response.status >= 400) throw new SourceError(`HTTP ${response.status}`);
  return { status: response.status, headers: response.headers, body };
}

/** The URL of a `Link` header relation (`<url>; rel="next"`), if present. */
export function linkRelation(header: string | null, rel: string): string | undefined {
  for (const part of header?.split(',') ?? []) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match && match[2] === rel) return match[1];
  }
  return undefined;
}
