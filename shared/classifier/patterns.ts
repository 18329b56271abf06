import { brotliDecompressSync } from 'node:zlib';
import type { UrgentCue } from '#shared/domain/classification.ts';
import { PACKED_RULES } from '#shared/classifier/lexicons/packed.ts';

/**
 * The classifier's patterns and lexicons at run time, unpacked from `lexicons/packed.ts`, and the
 * trigger index that picks the patterns a text can match. The rules themselves are written in
 * `source/` (patterns run on folded text: lower case, accents removed, curly quotes straightened;
 * see `fold` in text.ts).
 */

/**
 * A pattern of what lexicons miss. By default a factual complaint: something that went wrong, or a
 * remedy asked for, stated without any sentiment word.
 */
export interface ComplaintPattern {
  id: string;
  pattern: RegExp;
  /** Valence added to the sentence (VADER scale). */
  valence: number;
  /**
   * What a match means when it is not a factual complaint: `hint`, only its valence; `mild`, mild
   * disappointment (negative, but not a complaint on its own); `praise`, an idiom of praise;
   * `farewell`, sadness at a closing or a leaving (the sentence is not negative).
   */
  effect?: 'hint' | 'mild' | 'praise' | 'farewell';
  /** The pattern does not count in a text this matches (a return that is nobody's fault). */
  unless?: RegExp;
  /** Only in a statement: a question that quotes a claim asks about it. */
  statement?: boolean;
}

/** An urgency cue's pattern; `negativeOnly` ones count only in a text that reads negative. */
export interface UrgentPattern {
  cue: UrgentCue;
  pattern: RegExp;
  negativeOnly?: boolean;
}

/** One language's sentiment lexicon as written (see source/). */
export interface LanguageLexicon {
  words: Record<string, number>;
  phrases: Record<string, number>;
  negations: string[];
  boosters: Record<string, number>;
  contrasts: string[];
}

/** A pattern as shipped: its source text and what it means. */
export interface PatternEntry {
  id: string;
  source: string;
  valence: number;
  effect?: ComplaintPattern['effect'];
  unless?: string;
  statement?: true;
  /** Trigger words (English patterns; see TriggerIndex). */
  triggers?: string;
}

/**
 * Everything the classifier knows, as shipped: the patterns and lexicons written in `source/`
 * and the VADER word list, in one document. `scripts/build-lexicon.ts` writes it, compressed, to
 * `lexicons/packed.ts` (a test checks that it matches the sources).
 */
export interface RuleDocument {
  /** English complaint, remedy, claim, idiom, mild-disappointment and farewell patterns. */
  complaint: PatternEntry[];
  /** The same for Spanish, French and German (tried on every text in those languages). */
  other: PatternEntry[];
  sarcasm: Array<{ source: string; triggers: string }>;
  urgent: Array<{ cue: UrgentCue; source: string; negativeOnly?: true; triggers: string }>;
  lexicons: Record<'en' | 'es' | 'fr' | 'de', LanguageLexicon>;
  emoji: Record<string, number>;
  emoticons: Array<[string, number]>;
  /** The VADER word lexicon: `word valence|word valence|…`. */
  vader: string;
}

/** The shipped rules, unpacked (brotli, then JSON, which `packRules` writes in ASCII). */
export function unpackRules(packed: string): RuleDocument {
  return JSON.parse(brotliDecompressSync(Buffer.from(packed, 'base64')).toString('latin1')) as RuleDocument;
}

/** The classifier's rules, unpacked once when the module loads (a few milliseconds). */
export const RULES: RuleDocument = unpackRules(PACKED_RULES);

/** Every pattern object has the same shape (absent fields are `undefined`), so the hot loops stay monomorphic. */
function complaintPattern(entry: PatternEntry): ComplaintPattern {
  return {
    id: entry.id,
    pattern: new RegExp(entry.source),
    valence: entry.valence,
    effect: entry.effect,
    unless: entry.unless ? new RegExp(entry.unless) : undefined,
    statement: entry.statement ?? false,
  };
}

/** English patterns, in the order of COMPLAINT_TRIGGERS. Every pattern runs on folded text (see `fold`). */
export const COMPLAINT_PATTERNS: ComplaintPattern[] = RULES.complaint.map(complaintPattern);
/** Trigger words of COMPLAINT_PATTERNS, by index. */
export const COMPLAINT_TRIGGERS: string[] = RULES.complaint.map((entry) => entry.triggers ?? '');
/** Spanish, French and German patterns. */
export const COMPLAINT_PATTERNS_OTHER: ComplaintPattern[] = RULES.other.map(complaintPattern);
/** Sarcasm: praise words wrapped around a bad fact ("great, another 2 hour wait"). */
export const SARCASM_PATTERNS: RegExp[] = RULES.sarcasm.map((entry) => new RegExp(entry.source));
/** Trigger words of SARCASM_PATTERNS, by index (the first is anchored at the sentence start). */
export const SARCASM_TRIGGERS: string[] = RULES.sarcasm.map((entry) => entry.triggers);
/** Urgency cues: what the owner must hear about at once, whatever the customer's history. */
export const URGENT_PATTERNS: UrgentPattern[] = RULES.urgent.map(({ cue, source, negativeOnly }) => ({ cue, pattern: new RegExp(source), negativeOnly: negativeOnly ?? false }));
/** Trigger words of URGENT_PATTERNS, by index. */
export const URGENT_TRIGGERS: string[] = RULES.urgent.map((entry) => entry.triggers);

/** What a news outlet's handle contains (`@BBCNews`, `@MENnewsdesk`, `@itvnews`). */
const NEWS_HANDLE = /news|bbc|itv|watchdog|echo|gazette|chronicle|times|herald|mailonline|dailymail|guardian|telegraph|mirror|thesun|standard|journal|press|radio/i;

const SPACE = /\s/;

/** Whether a UTF-16 code is a `\w` character (ASCII letter, digit or underscore). */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** Whether a raw text tags a news outlet (mentions are cleaned out before the words are read). */
export function taggedNewsOutlet(raw: string): boolean {
  for (let at = raw.indexOf('@'); at !== -1; at = raw.indexOf('@', at + 1)) {
    if (at > 0 && !SPACE.test(raw[at - 1]!)) continue;
    let end = at + 1;
    while (end < raw.length && isWordCode(raw.charCodeAt(end))) end += 1;
    if (end > at + 1 && isNewsHandle(raw.slice(at + 1, end))) return true;
  }
  return false;
}

/** Handles already judged (a stream of posts tags the same few handles over and over), bounded. */
const HANDLES = new Map<string, boolean>();

function isNewsHandle(handle: string): boolean {
  let news = HANDLES.get(handle);
  if (news === undefined) {
    if (HANDLES.size >= 4096) HANDLES.clear();
    news = NEWS_HANDLE.test(handle);
    HANDLES.set(handle, news);
  }
  return news;
}

/*
 * Trigger words: a pattern can only match a text that has one of its trigger words (a whole token,
 * or a prefix when it ends in `*`; `#num` is any token starting with a digit, like "45min";
 * `#always` marks a pattern that hinges on punctuation and is tried on every text). The classifier
 * tries only the patterns a text triggers; a list may hold groups separated by `&`, and then needs a
 * word of each. test/unit/classifier-triggers.test.ts checks over
 * thousands of texts that this never skips a match.
 */
const NO_HITS: number[] = [];

/** Separates groups of trigger words in a list (` & `, spaced: "a&e" is a word). */
export const GROUP_SEPARATOR = /\s&\s/;

/** An index from trigger words to the patterns they can start. */
export class TriggerIndex {
  /** Entries are `pattern * 8 + group`: the word counts for that group of that pattern's triggers. */
  private readonly words = new Map<string, number[]>();
  /** Prefix triggers keyed by their first two letters. */
  private readonly prefixes = new Map<string, Array<[string, number]>>();
  private readonly numeric: number[] = [];
  /** Patterns tried on every text (their trigger list is `#always`: they hinge on punctuation, not words). */
  readonly always: number[] = [];
  /**
   * Per pattern, the bit mask a text's words must fill: one bit per group of trigger words (groups
   * are separated by `&` in a list: "wait waited & hour hours" needs a word of each).
   */
  readonly full: Uint8Array;

  constructor(triggers: string[], count: number) {
    if (triggers.length !== count) throw new Error(`trigger table has ${triggers.length} entries for ${count} patterns`);
    this.full = new Uint8Array(count);
    triggers.forEach((list, index) => {
      const groups = list.split(GROUP_SEPARATOR);
      if (groups.length > 8) throw new Error(`pattern ${index}: at most 8 groups of trigger words`);
      this.full[index] = (1 << groups.length) - 1;
      groups.forEach((group, bit) => {
        const entry = index * 8 + bit;
        for (const word of group.split(/\s+/).filter(Boolean)) {
          if (word === '#num') this.numeric.push(entry);
          else if (word === '#always') this.always.push(index);
          else if (word.endsWith('*')) {
            const key = word.slice(0, 2);
            const list = this.prefixes.get(key);
            if (list) list.push([word.slice(0, -1), entry]);
            else this.prefixes.set(key, [[word.slice(0, -1), entry]]);
          } else {
            const list = this.words.get(word);
            if (list) list.push(entry);
            else this.words.set(word, [entry]);
          }
        }
      });
    });
  }

  /** The entries (`pattern * 8 + group`) one token can trigger, ascending, without repeats. */
  triggeredBy(token: string): number[] {
    const hit: number[] = [];
    this.mark(token, hit);
    // Patterns see word boundaries at hyphens and apostrophes ("delayed-no", "non-delayed").
    if (token.includes('-') || token.includes("'")) for (const part of token.split(/['-]/)) this.mark(part, hit);
    return hit.length > 1 ? [...new Set(hit)].sort((a, b) => a - b) : hit.length ? hit : NO_HITS;
  }

  private mark(token: string, hit: number[]): void {
    const exact = this.words.get(token);
    if (exact) hit.push(...exact);
    const code = token.charCodeAt(0);
    if (code >= 48 && code <= 57) hit.push(...this.numeric);
    const prefixed = this.prefixes.get(token.slice(0, 2));
    if (prefixed) for (const [prefix, entry] of prefixed) if (token.startsWith(prefix)) hit.push(entry);
  }
}

export const COMPLAINT_INDEX = new TriggerIndex(COMPLAINT_TRIGGERS, COMPLAINT_PATTERNS.length);
export const SARCASM_INDEX = new TriggerIndex(SARCASM_TRIGGERS, SARCASM_PATTERNS.length);
export const URGENT_INDEX = new TriggerIndex(URGENT_TRIGGERS, URGENT_PATTERNS.length);
