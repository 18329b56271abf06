import { domainToUnicode } from 'node:url';

/**
 * Bidirectional overrides and isolates, zero-width and direction marks, and the byte-order mark:
 * invisible characters that make text read differently from what it is ("\u202Egnp.exe" shows as
 * "exe.png").
 */
export const INVISIBLE_FORMAT = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** C0 and C1 control characters. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** How an email shows a link a customer gave: as text that no mail client turns into a link. */
export interface CustomerUrlView {
  /** The link as text: `https[:]//shop[.]example/path`. */
  text: string;
  /** Its real host, written the same way (`shop[.]example`), or undefined when it has none. */
  host?: string;
  /** Why the link may deceive, in plain words (empty when nothing looks wrong). */
  warnings: string[];
}

/** Writes a URL or host so it reads the same but is not a link: `://` as `[:]//`, dots as `[.]`. */
export function defang(text: string): string {
  return text.replace(/:\/\//g, '[:]//').replace(/\./g, '[.]');
}

/** The writing systems of a host's letters (Latin, Cyrillic, Greek, ...), digits and signs left out. */
function scriptsOf(host: string): Set<string> {
  const scripts = new Set<string>();
  for (const char of host) {
    if (!/\p{L}/u.test(char)) continue;
    for (const script of ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Hebrew', 'Arabic', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Thai', 'Devanagari', 'Georgian', 'Cherokee']) {
      if (new RegExp(`\\p{Script=${script}}`, 'u').test(char)) {
        scripts.add(script);
        break;
      }
    }
  }
  return scripts;
}

/**
 * Describes a link from a customer (a post's URL, a link in a comment) for an alert: shown as text
 * with its real host, never as a link, and flagged when it may deceive: a user name before `@` that
 * hides the real host, a host in punycode or in mixed writing systems (look-alike letters), hidden
 * or control characters, a scheme other than http(s). Pure.
 */
export function viewCustomerUrl(raw: string): CustomerUrlView {
  const warnings: string[] = [];
  if (CONTROL.test(raw) || new RegExp(INVISIBLE_FORMAT.source).test(raw)) warnings.push('it contains hidden or control characters');
  const clean = raw.replace(INVISIBLE_FORMAT, '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  let url: URL;
  try {
    url = new URL(clean.trim());
  } catch {
    return { text: defang(clean.trim()), warnings: [...warnings, 'it is not a valid link'] };
  }
  const asciiHost = url.hostname;
  const unicodeHost = domainToUnicode(asciiHost) || asciiHost;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') warnings.push(`it is a ${url.protocol.replace(':', '')} link, not a web page`);
  if (url.username || url.password) warnings.push(`the part before "@" only pretends to be the site: the link goes to ${defang(asciiHost)}`);
  if (asciiHost.split('.').some((label) => label.startsWith('xn--'))) {
    warnings.push(`its host is written with look-alike letters: ${defang(unicodeHost)} is really ${defang(asciiHost)}`);
  } else if (scriptsOf(unicodeHost).size > 1) {
    warnings.push(`its host mixes alphabets: ${defang(unicodeHost)}`);
  }
  // The text shown is the parsed link (what a browser would open), without the user part.
  const shown = `${url.protocol}//${url.host}${url.pathname}${url.search}${url.hash}`;
  return { text: defang(shown), ...(asciiHost ? { host: defang(asciiHost) } : {}), warnings };
}

/** Links in free text (`http(s)://…`, `www.…`), as `viewCustomerUrl` reads them. */
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;

/**
 * Customer text made safe to show in an email: links written as text (`viewCustomerUrl`), and the
 * warnings of those that may deceive. Invisible format characters are shown by the mailer.
 */
export function customerTextView(text: string): { text: string; warnings: string[] } {
  const warnings: string[] = [];
  const shown = text.replace(URL_IN_TEXT, (match) => {
    const trailing = /[.,;:!?)\]]+$/.exec(match)?.[0] ?? '';
    const link = match.slice(0, match.length - trailing.length);
    const view = viewCustomerUrl(/^www\./i.test(link) ? `https://${link}` : link);
    for (const warning of view.warnings) warnings.push(`A link in the text (${view.text}): ${warning}.`);
    return `${/^www\./i.test(link) ? view.text.replace(/^https\[:\]\/\//, '') : view.text}${trailing}`;
  });
  return { text: shown, warnings };
}
