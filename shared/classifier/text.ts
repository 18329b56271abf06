/** Text preparation for the classifier: cleaning, folding, sentences and tokens. Pure. */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Decodes common HTML entities and drops links, @mentions and the `#` of hashtags. */
export function clean(text: string): string {
  let result = text;
  if (result.includes('&')) {
    result = result
      .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? ' ')
      .replace(/&#(\d{1,7});/g, (_, code: string) => (Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : ' '));
  }
  if (result.includes('http') || result.includes('www.')) result = result.replace(/https?:\/\/\S+|www\.\S+/g, ' ');
  if (result.includes('@')) result = result.replace(/(^|\s)@\w+/g, '$1');
  if (result.includes('#')) result = result.replace(/(^|\s)#(\w)/g, '$1$2');
  if (/[^\x00-\x7f]/.test(result)) result = result.replace(/[\u2018\u2019\u02bc`´]/g, "'").replace(/[\u201c\u201d]/g, '"');
  return result.replace(/\s+/g, ' ').trim();
}

/** Lower case with accents removed, so patterns and lexicons match "esperé" and "espere" alike. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!/[^\x00-\x7f]/.test(lower)) return lower;
  return lower
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Splits text into sentences on terminal punctuation and line breaks, keeping the punctuation. */
export function sentences(text: string): string[] {
  const parts = text.match(/[^.!?…\n]+(?:[.!?…]+|\n|$)/g) ?? [];
  return parts.map((part) => part.trim()).filter((part) => /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(part));
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

/** Emoji in the text, one entry per occurrence (variation selectors and skin tones dropped). */
export function emoji(text: string): string[] {
  return text.match(/\p{Extended_Pictographic}/gu) ?? [];
}
