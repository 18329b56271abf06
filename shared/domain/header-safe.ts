/**
 * Text for an email or HTTP header: no CR, LF or other control characters, no invisible format
 * characters (bidirectional overrides and isolates, zero-width characters, direction marks, the
 * byte-order mark: "\u202Egnp.exe" would show as "exe.png"), length capped.
 */
export function headerSafe(text: string, max = 200): string {
  const clean = text
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]+/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
