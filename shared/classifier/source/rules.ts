import { brotliCompressSync, constants } from 'node:zlib';
import type { LanguageLexicon, PatternEntry, RuleDocument } from '#shared/classifier/patterns.ts';
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

/**
 * The rule document: every pattern with its trigger words, the four languages' lexicons, emoji and
 * emoticons, and `vader`, the VADER word list as `word valence|…`.
 */
export function buildRules(vader: string): RuleDocument {
  if (COMPLAINT_TRIGGERS.length !== COMPLAINT_PATTERNS.length || URGENT_TRIGGERS.length !== URGENT_PATTERNS.length || SARCASM_TRIGGERS.length !== SARCASM_PATTERNS.length) {
    throw new Error('every pattern needs one entry of trigger words');
  }
  return {
    complaint: COMPLAINT_PATTERNS.map((pattern, i) => entry(pattern, COMPLAINT_TRIGGERS[i]!)),
    other: COMPLAINT_PATTERNS_OTHER.map((pattern) => entry(pattern)),
    sarcasm: SARCASM_PATTERNS.map((pattern, i) => ({ source: flagless(pattern), triggers: SARCASM_TRIGGERS[i]! })),
    urgent: URGENT_PATTERNS.map(({ cue, pattern, negativeOnly }, i) => ({ cue, source: flagless(pattern), ...(negativeOnly ? { negativeOnly: true as const } : {}), triggers: URGENT_TRIGGERS[i]! })),
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

/** The document as shipped: JSON, brotli-compressed, base64. */
export function packRules(document: RuleDocument): string {
  const json = JSON.stringify(document);
  return brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } }).toString('base64');
}
