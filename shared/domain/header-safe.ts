/** Text for an email or HTTP header: no CR, LF or other control characters, length capped. */
export function headerSafe(text: string, max = 200): string {
  const clean = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
