/** HTML mail turned into readable text, and the quoted part of an HTML reply cut off. Pure. */

/** HTML 4 Latin-1 entity names, in code point order from U+00A0 (`&nbsp;`) to U+00FF (`&yuml;`). */
const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

/** Named entities mail clients write (case matters: `&Eacute;` is not `&eacute;`). */
const ENTITIES: Record<string, string> = {
  ...Object.fromEntries(LATIN1_NAMES.split(' ').map((name, i) => [name, String.fromCharCode(0xa0 + i)])),
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  shy: '',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  sbquo: '‚',
  bdquo: '„',
  bull: '•',
  middot: '·',
  euro: '€',
  trade: '™',
  OElig: 'Œ',
  oelig: 'œ',
  Scaron: 'Š',
  scaron: 'š',
  zwnj: '',
  zwj: '',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
};

/** Decodes named and numeric HTML entities; an unknown name stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{1,7});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Where the quoted earlier message (or the signature block before it) starts in an HTML reply:
 * Gmail's `gmail_quote` and `gmail_signature`, Apple Mail's `blockquote type="cite"`, Outlook's
 * reply header (`divRplyFwdMsg`, `appendonsend`, the `border-top` separator), Thunderbird's
 * `moz-cite-prefix` and `moz-signature`, Yahoo's `yahoo_quoted`.
 */
const HTML_QUOTE_MARKERS = [
  /<div[^>]+class=["']?[^"'>]*\bgmail_quote/i,
  /<(?:div|span)[^>]+class=["']?[^"'>]*\bgmail_signature\b/i,
  /<blockquote[^>]+type=["']?cite/i,
  /<div[^>]+id=["']?divRplyFwdMsg/i,
  /<div[^>]+id=["']?appendonsend/i,
  /<hr[^>]+id=["']?stopSpelling/i,
  /<div[^>]+class=["']?[^"'>]*\bmoz-cite-prefix/i,
  /<(?:div|pre)[^>]+class=["']?[^"'>]*\bmoz-signature/i,
  /<div[^>]+class=["']?[^"'>]*\byahoo_quoted/i,
  /<div[^>]+style=["']?[^"'>]*border-top:\s*solid\s+#[a-f0-9]{3,6}\s+1\.0pt/i,
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

const BLOCK_END = /<\/(?:p|div|tr|ul|ol|h[1-6]|blockquote|table|section|article|header|footer|pre|address|center)\s*>/gi;

/**
 * Readable text from HTML, the way a person would read the rendered mail: blocks and `<br>`
 * become lines, table cells are separated, list items get a dash, images show their alt text,
 * scripts, styles and comments go, entities decode and runs of white space collapse.
 */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
      .replace(/<(script|style|head|title|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<(script|style)\b[\s\S]*$/gi, '')
      .replace(/<pre\b[^>]*>[\s\S]*?<\/pre\s*>/gi, (block) => block.replace(/\r?\n/g, '<br>'))
      .replace(/[\r\n\t]+/g, ' ')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<hr\b[^>]*>/gi, '\n')
      .replace(BLOCK_END, '\n')
      .replace(/<(?:p|div|h[1-6]|table|blockquote|pre)\b[^>]*>/gi, '\n')
      .replace(/<\/t[dh]\s*>/gi, ' \t')
      .replace(/<li\b[^>]*>/gi, '\n- ')
      .replace(/<img\b[^>]*\balt=(["'])([^"']*)\1[^>]*>/gi, ' $2 ')
      .replace(/<[a-z!/?][^>]*>/gi, ''),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
