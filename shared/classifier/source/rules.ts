import { brotliCompressSync, constants } from 'node:zlib';
import { GROUP_SEPARATOR, type LanguageLexicon, type PatternEntry, type RuleDocument } from '#shared/classifier/patterns.ts';
import { BOOSTERS_EN, CONTRASTS_EN, DOMAIN_PHRASES_EN, DOMAIN_WORDS_EN, NEGATIONS_EN } from '#shared/classifier/source/lexicon-en.ts';
import { EMOJI, EMOTICONS, FRENCH, GERMAN, SPANISH, type LanguageLexicon as WrittenLexicon } from '#shared/classifier/source/lexicons-other.ts';
import {
  COMPLAINT_PATTERNS,
  COMPLAINT_PATTERNS_OTHER,
  COMPLAINT_TRIGGERS,
  SARCASM_PATTERNS,
  SARCASM_TRIGGERS,
  URGENT_PATTERNS,
  URGENT_TRIGGERS,
} from '#shared/classifier/source/patterns-base.ts';
import type { ComplaintPattern } from '#shared/classifier/patterns.ts';

/**
 * Build time only (scripts/build-lexicon.ts and the test that checks the shipped copy): the rules
 * written in this folder, gathered into the document the classifier ships, and packed.
 */

function flagless(pattern: RegExp): string {
  if (pattern.flags) throw new Error(`patterns run on folded text and take no flags: /${pattern.source}/${pattern.flags}`);
  return pattern.source;
}

function entry(pattern: ComplaintPattern, triggers?: string): PatternEntry {
  return {
    id: pattern.id,
    source: flagless(pattern.pattern),
    valence: pattern.valence,
    ...(pattern.effect ? { effect: pattern.effect } : {}),
    ...(pattern.unless ? { unless: flagless(pattern.unless) } : {}),
    ...(pattern.statement ? { statement: true as const } : {}),
    ...(triggers !== undefined ? { triggers } : {}),
  };
}

function lexicon(written: WrittenLexicon): LanguageLexicon {
  return { words: written.words, phrases: written.phrases, negations: [...written.negations], boosters: written.boosters, contrasts: [...written.contrasts] };
}

/** The top-level alternatives of a pattern's source (`a|b(c|d)|e` gives `a`, `b(c|d)`, `e`). */
export function alternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') inClass = true;
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

/**
 * The words an alternative writes out: its letters with `word(?:a|b)` and `words?` expanded
 * ("hop(?:ed|ing) for" writes hop, hoped, hoping, for). Escapes such as `\b` and `\w` write nothing.
 */
function writtenWords(alternative: string): Set<string> {
  const words = new Set<string>();
  const source = alternative.replace(/\\[bBwWsSdD]/g, ' ');
  for (const match of source.matchAll(/([a-z'&-]+)\(\?:([a-z'|-]+)\)(\?)?/g)) {
    for (const suffix of match[2]!.split('|')) words.add(match[1]! + suffix);
    words.add(match[1]!);
  }
  for (const match of source.matchAll(/([a-z'&-]+)([a-z])\?/g)) {
    words.add(match[1]!);
    words.add(match[1]! + match[2]!);
  }
  for (const word of source.split(/[^a-z0-9'&-]+/)) if (word) words.add(word);
  // An optional apostrophe ("dog'?s", "can'?t") writes the word with and without it.
  for (const word of [...words]) if (word.includes("'")) for (const variant of [word.replace(/'/g, ''), ...word.split("'")]) if (variant) words.add(variant);
  return words;
}

/**
 * The trigger words of one alternative: those of its pattern's list that the alternative writes out
 * (a word, a prefix for `word*`, a digit class for `#num`), or the whole list when it writes none,
 * or when the list has groups (`&`), which hold for every alternative already.
 * test/unit/classifier-triggers.test.ts checks over thousands of texts that no match is skipped.
 */
export function triggersOf(alternative: string, triggers: string): string {
  if (GROUP_SEPARATOR.test(triggers) || triggers.includes('#always')) return triggers;
  const written = writtenWords(alternative);
  const plain = alternative.replace(/\\[a-zA-Z]/g, ' ').replace(/[^a-z0-9]/g, '');
  const kept = triggers
    .split(/\s+/)
    .filter(Boolean)
    .filter((word) => {
      if (word === '#num') return /\\d/.test(alternative);
      if (word.endsWith('*')) return [...written].some((w) => w.startsWith(word.slice(0, -1)));
      // A trigger with an apostrophe or a hyphen also counts through its parts ("haven't": haven, t),
      // and a word whose first letters the alternative holds anywhere is kept ("cancell?ed" keeps
      // "cancelled"): when in doubt a trigger stays.
      return written.has(word) || word.split(/['-]/).every((part) => written.has(part)) || plain.includes(word.replace(/['-]/g, '').slice(0, 4));
    });
  return kept.length ? kept.join(' ') : triggers;
}

/** Where the group opening at `open` closes (escapes and character classes skipped). */
function closing(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') i += 1;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth += 1;
    else if (char === ')' && --depth === 0) return i;
  }
  return -1;
}

/** `\b(?:a|b)\b` written as `\ba\b|\bb\b` (the same matches), so it splits into its alternatives. */
function distributed(source: string): string {
  if (!source.startsWith('\\b(?:') || !source.endsWith(')\\b') || closing(source, 2) !== source.length - 3) return source;
  const inner = alternatives(source.slice(5, -3));
  return inner.length > 1 ? inner.map((part) => `\\b${part}\\b`).join('|') : source;
}

/**
 * A pattern split into its top-level alternatives, each with the trigger words it needs: a text
 * then tries only the short alternatives its words can start, not the whole long pattern.
 */
function split<T extends { source: string; triggers: string }>(entry: T): T[] {
  const parts = alternatives(distributed(entry.source));
  return parts.length === 1 ? [entry] : parts.map((source) => ({ ...entry, source, triggers: triggersOf(source, entry.triggers) }));
}

/**
 * The rule document: every pattern with its trigger words (English and urgency patterns split into
 * their alternatives), the four languages' lexicons, emoji and emoticons, and `vader`, the VADER
 * word list as `word valence|…`.
 */
export function buildRules(vader: string): RuleDocument {
  if (COMPLAINT_TRIGGERS.length !== COMPLAINT_PATTERNS.length || URGENT_TRIGGERS.length !== URGENT_PATTERNS.length || SARCASM_TRIGGERS.length !== SARCASM_PATTERNS.length) {
    throw new Error('every pattern needs one entry of trigger words');
  }
  return {
    complaint: COMPLAINT_PATTERNS.flatMap((pattern, i) => split(entry(pattern, COMPLAINT_TRIGGERS[i]!) as PatternEntry & { triggers: string })),
    other: COMPLAINT_PATTERNS_OTHER.map((pattern) => entry(pattern)),
    sarcasm: SARCASM_PATTERNS.map((pattern, i) => ({ source: flagless(pattern), triggers: SARCASM_TRIGGERS[i]! })),
    urgent: URGENT_PATTERNS.flatMap(({ cue, pattern, negativeOnly }, i) => split({ cue, source: flagless(pattern), ...(negativeOnly ? { negativeOnly: true as const } : {}), triggers: URGENT_TRIGGERS[i]! })),
    lexicons: {
      en: { words: DOMAIN_WORDS_EN, phrases: DOMAIN_PHRASES_EN, negations: [...NEGATIONS_EN], boosters: BOOSTERS_EN, contrasts: [...CONTRASTS_EN] },
      es: lexicon(SPANISH),
      fr: lexicon(FRENCH),
      de: lexicon(GERMAN),
    },
    emoji: EMOJI,
    emoticons: EMOTICONS,
    vader,
  };
}

/** The VADER word list from the lexicon file of the `vader-sentiment` package: single words only. */
export function vaderWords(lexiconFile: string): string {
  const entries = new Map<string, number>();
  for (const line of lexiconFile.split('\n')) {
    const [token, valence] = line.split('\t');
    if (!token || valence === undefined) continue;
    // Single words only (emoticons are handled by the team-written emoticon table).
    if (!/^[a-z][a-z'-]*$/.test(token)) continue;
    entries.set(token, Number(valence));
  }
  return [...entries].map(([token, valence]) => `${token} ${valence}`).join('|');
}

/**
 * The document as shipped: JSON in ASCII (other characters written as `\u` escapes, so it decodes
 * as Latin-1 without a UTF-8 pass, and parses into one-byte strings), brotli-compressed, base64.
 */
export function packRules(document: RuleDocument): string {
  const json = JSON.stringify(document).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return brotliCompressSync(Buffer.from(json, 'latin1'), { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } }).toString('base64');
}
