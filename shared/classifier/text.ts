/** Text preparation for the classifier: cleaning, folding and word tokens. Pure. */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Decodes common HTML entities and drops links, @mentions and the `#` of hashtags. */
export function clean(text: string): string {
  let result = text;
  if (result.includes('&')) {
    result = result
      .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? ' ')
      .replace(/&#(\d{1,7});/g, (_, code: string) => (Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : ' '));
  }
  // A link starts "http://", "https://" or "www.": ":" is rarer than "h", so "://" is the quicker test.
  if (result.includes('://') || result.includes('www.')) result = result.replace(/https?:\/\/\S+|www\.\S+/g, ' ');
  if (result.includes('@')) result = dropMentions(result);
  if (result.includes('#')) result = result.replace(/(^|\s)#(\w)/g, '$1$2');
  if (NON_ASCII.test(result)) result = result.replace(/[\u2018\u2019\u02bc`´]/g, "'").replace(/[\u201c\u201d]/g, '"');
  return tidySpace(result);
}

/** Whitespace other than the space (any run of whitespace with one of these in it is untidy). */
const OTHER_THAN_SPACE = /[^\S ]/;

/**
 * The text's words (runs of anything but whitespace) joined by single spaces:
 * `text.replace(/\s+/g, ' ').trim()`, with the replacing left out when the trimmed text is tidy
 * already (most are: dropping a leading @mention leaves only a space at the start). Inside a trimmed
 * text, whitespace is untidy when two spaces meet or when it is anything but a space.
 */
function tidySpace(text: string): string {
  const trimmed = text.trim();
  return trimmed.includes('  ') || OTHER_THAN_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** Whether a UTF-16 code is a `\w` character (ASCII letter, digit or underscore). */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** Whether a UTF-16 code is whitespace as JavaScript's `\s` knows it. */
function isSpaceCode(code: number): boolean {
  return code === 32 || (code >= 0x09 && code <= 0x0d) || (code >= 0xa0 && (OTHER_SPACE.has(code) || (code >= 0x2000 && code <= 0x200a)));
}

/** The text without @mentions (an `@` at the start or after a space, and the word after it), as `/(^|\s)@\w+/g` would cut them. */
function dropMentions(text: string): string {
  let out = '';
  let last = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at > 0 && !isSpaceCode(text.charCodeAt(at - 1))) continue;
    let end = at + 1;
    while (end < text.length && isWordCode(text.charCodeAt(end))) end += 1;
    if (end === at + 1) continue;
    out += text.slice(last, at);
    last = end;
    at = end - 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Whitespace other than the space, as JavaScript's `\s` knows it. */
const OTHER_SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);

/** Lower case with accents removed, so patterns and lexicons match "esperé" and "espere" alike. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

export interface Token {
  /** Folded form used for lookups. */
  key: string;
  /** Written entirely in capitals (and longer than one letter). */
  shouting: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const UPPER_WORD = /^\p{Lu}[\p{Lu}\p{M}]+$/u;

/** Splits a sentence into word tokens (letters, digits, apostrophes and inner hyphens). */
export function tokens(sentence: string): Token[] {
  const words = sentence.match(WORD);
  if (!words) return [];
  const ascii = !NON_ASCII.test(sentence);
  const out: Token[] = new Array(words.length);
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const key = ascii ? word.toLowerCase() : fold(word);
    // Shouting: a word of two or more letters, all capitals ("AWFUL", not "I" or "A4").
    const shouting = word.length > 1 && word !== key && (ascii ? /^[A-Z]+$/.test(word) : UPPER_WORD.test(word));
    out[i] = { key, shouting };
  }
  return out;
}

/** The words of a text in one pass: folded keys, their positions, and which are in capitals. */
export interface WordScan {
  keys: string[];
  /** Offset of each word in the text. */
  starts: number[];
  /** Whether each word is written entirely in capitals (two letters or more). */
  shouting: boolean[];
  /** How many words the current text has (the arrays may be longer: kept from an earlier text). */
  count: number;
}

function isAsciiWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

/** Whether `text` from `start` to `end` is all capital ASCII letters. */
function allCapitals(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 65 || code > 90) return false;
  }
  return true;
}

/** FNV-1a offset basis and prime (32-bit). */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The hash `visitWords` gives a folded word (FNV-1a over its UTF-16 code units). */
export function hashKey(key: string, start = 0, end = key.length): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME);
  return hash;
}

/**
 * Receives one word of a text: its folded form is `source.slice(start, end)` (not sliced here, so a
 * receiver that knows the word already makes no new string), `hash` is `hashKey` of that form, `at`
 * its offset in the text, and `shouting` whether it is written in capitals (two letters or more).
 */
export type WordVisitor = (source: string, start: number, end: number, hash: number, at: number, shouting: boolean) => void;

/**
 * Walks the words of a whole text, exactly as `tokens` would split it sentence by sentence (no word
 * spans a sentence end). ASCII text is scanned character by character, hashing as it goes; other
 * text goes through the Unicode word pattern. `lowerCase` is the text in lower case when the caller
 * has it already, and `ascii` whether the text is all ASCII, when the caller knows.
 */
export function visitWords(text: string, visit: WordVisitor, lowerCase?: string, ascii = !NON_ASCII.test(text)): void {
  if (ascii) {
    // Words are found and hashed in the lower-case text (often a fresh flat string, which reads
    // faster than a cut or joined one); `text` is read only to tell whether a word is in capitals.
    const lower = lowerCase ?? text.toLowerCase();
    const length = lower.length;
    let i = 0;
    while (i < length) {
      let code = lower.charCodeAt(i);
      if (!isAsciiWordChar(code)) {
        i += 1;
        continue;
      }
      const start = i;
      let hash = FNV_OFFSET;
      while (i < length && isAsciiWordChar((code = lower.charCodeAt(i)))) {
        hash = Math.imul(hash ^ code, FNV_PRIME);
        i += 1;
      }
      const firstPartEnd = i;
      // Inner apostrophes and hyphens join ("can't", "well-known"), never a trailing one.
      while (i + 1 < length && (code === 39 || code === 45) && isAsciiWordChar(lower.charCodeAt(i + 1))) {
        hash = Math.imul(hash ^ code, FNV_PRIME);
        i += 1;
        while (i < length && isAsciiWordChar((code = lower.charCodeAt(i)))) {
          hash = Math.imul(hash ^ code, FNV_PRIME);
          i += 1;
        }
      }
      // Shouting: two or more letters, all capitals ("AWFUL", not "I", "A4" or "can't").
      visit(lower, start, i, hash, start, i === firstPartEnd && i - start > 1 && allCapitals(text, start, i));
    }
    return;
  }
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const ascii = !NON_ASCII.test(word);
    const key = ascii ? word.toLowerCase() : fold(word);
    const shouting = word.length > 1 && word !== key && (ascii ? /^[A-Z]+$/.test(word) : UPPER_WORD.test(word));
    visit(key, 0, key.length, hashKey(key), match.index, shouting);
  }
}

const PICTOGRAPHS = /\p{Extended_Pictographic}/gu;

/** Emoji in the text, one entry per occurrence (variation selectors and skin tones dropped). */
export function emoji(text: string): string[] {
  return text.match(PICTOGRAPHS) ?? [];
}
