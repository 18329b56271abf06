/** HTML mail turned into readable text, and the quoted part of an HTML reply cut off. Pure. */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”', euro: '€', pound: '£' };

/** Decodes named and numeric HTML entities. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Where the quoted earlier message starts in an HTML reply: Gmail's `gmail_quote`, Apple Mail's
 * `blockquote type="cite"`, Outlook's reply header (`divRplyFwdMsg`, `appendonsend`, the
 * `border-top` separator), Thunderbird's `moz-cite-prefix`, Yahoo's `yahoo_quoted`.
 */
const HTML_QUOTE_MARKERS = [
  /<div[^>]+class="?[^">]*gmail_quote/i,
  /<blockquote[^>]+type="?cite/i,
  /<div[^>]+id="?divRplyFwdMsg/i,
  /<div[^>]+id="?appendonsend/i,
  /<hr[^>]+id="?stopSpelling/i,
  /<div[^>]+class="?[^">]*moz-cite-prefix/i,
  /<div[^>]+class="?[^">]*yahoo_quoted/i,
  /<div[^>]+style="?[^">]*border-top:\s*solid\s+#[a-f0-9]{3,6}\s+1\.0pt/i,
];

/** The HTML before the first quote marker (all of it when there is none). */
export function cutHtmlQuote(html: string): string {
  let cut = html.length;
  for (const marker of HTML_QUOTE_MARKERS) {
    const match = marker.exec(html);
    if (match && match.index < cut) cut = match.index;
  }
  return html.slice(0, cut);
}

/** Readable text from HTML: blocks become lines, scripts, styles and tags go, entities decode. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|tr|li|h[1-6]|blockquote|table|section|article)\s*>/gi, '\n')
      .replace(/<li\b[^>]*>/gi, '- ')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
