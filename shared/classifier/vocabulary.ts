import { stopwordsByWord, LANGUAGES, type Language } from '#shared/classifier/language.ts';
import { foreignWordsByWord, lexiconFor } from '#shared/classifier/lexicon.ts';
import { COMPLAINT_INDEX, SARCASM_INDEX, URGENT_INDEX } from '#shared/classifier/patterns.ts';
import { topicsOfWord, type CompiledTopics } from '#shared/classifier/topics.ts';

/** Everything the classifier needs to know about one folded word that does not depend on its context. */
export interface WordFacts {
  /** The folded word, and its `hashKey`. */
  word: string;
  hash: number;
  /** Evidence per language (index in LANGUAGES): function words and words only that lexicon knows; none when undefined. */
  languageEvidence: readonly number[] | undefined;
  /** Patterns the word can trigger (indexes into COMPLAINT_PATTERNS, SARCASM_PATTERNS, URGENT_PATTERNS); undefined for none. */
  triggers: { complaint: readonly number[]; sarcasm: readonly number[]; urgent: readonly number[] } | undefined;
  /** Topics the word names (as a word or a prefix), and topic phrases that start with it; undefined for none. */
  topics: { words: readonly number[]; phrases: readonly number[] } | undefined;
  /** Ends in "n't": negates like "not". */
  negative: boolean;
  /** A courtesy word ("thanks", "please"): it does not offset a complaint. */
  courtesy: boolean;
  /**
   * What the word says of a written rating ("two stars", "out of ten", "8/10"): 1 for a word of
   * stars, 2 for a word between numbers ("out", "sur", "de", "von", "aus"), 4 for a number, 0 for none.
   */
  rating: number;
  /** A word after which "like" is a verb of liking ("I like it"), not a comparison ("looks like"). */
  likeSubject: boolean;
  /** What the word means to each language's lexicon (index in LANGUAGES), filled on first use. */
  senses: Array<WordSense | undefined>;
  /** The last text this word was counted for (topics count each distinct word once). */
  seenIn: number;
}

/** What one language's sentiment lexicon says about a word. */
export interface WordSense {
  /** Valence on the VADER scale, when the word carries one. */
  valence: number | undefined;
  /** Phrases that start with the word: [words, valence], longest first. */
  phrases: Array<[string[], number]> | undefined;
  /** A negation word ("not", "never"). */
  negation: boolean;
  /** A contrast word ("but"). */
  contrast: boolean;
  /** How much the word intensifies the next sentiment word ("very"), when it does. */
  boost: number | undefined;
}

/** Courtesy words: they do not offset a complaint ("still no refund, thanks"). */
export const COURTESY = new Set(['thanks', 'thank', 'thx', 'ty', 'please', 'pls', 'plz', 'cheers', 'hope', 'hoping', 'appreciate', 'appreciated', 'kindly', 'regards', 'sincerely', 'gracias', 'merci', 'danke', 'bitte']);

/** Pronouns and adverbs after which "like" is a verb of liking. */
const LIKE_SUBJECTS = new Set(['i', 'we', 'really', 'definitely', 'totally', 'also', 'actually', 'still', 'they', 'you', 'who', 'kids', 'everyone']);

/** Words of written ratings: stars ("two stars", "null Sterne"), and the words between numbers ("out of ten", "8 sur 10"). */
const STAR_WORDS = new Set(['star', 'stars', 'estrella', 'estrellas', 'etoile', 'etoiles', 'stern', 'sterne', 'sternen', 'sternchen']);
const SCALE_WORDS = new Set(['out', 'sur', 'de', 'von', 'aus']);

/** A word the lexicon does not know. */
const NO_SENSE: WordSense = Object.freeze({ valence: undefined, phrases: undefined, negation: false, contrast: false, boost: undefined });

/** Above this many distinct words the memory of word facts starts again (bounded memory). */
const MAX_WORDS = 50_000;
/** Slots of the word table at first: a power of two, doubled whenever it is half full, so probes stay short and a small vocabulary stays in a small table. */
const FIRST_TABLE_SIZE = 1 << 12;

let evidenceByWord: Map<string, number[]> | undefined;

/**
 * Language evidence per word, for the words that carry any (function words of a language, words
 * only one language's lexicon knows), built on first use.
 */
function languageEvidence(): Map<string, number[]> {
  if (evidenceByWord) return evidenceByWord;
  const evidence = new Map<string, number[]>();
  const add = (word: string, language: string) => {
    const counts = evidence.get(word) ?? [0, 0, 0, 0];
    counts[LANGUAGES.indexOf(language as Language)]! += 1;
    evidence.set(word, counts);
  };
  for (const [word, languages] of [...stopwordsByWord(), ...foreignWordsByWord()]) for (const language of languages) add(word, language);
  evidenceByWord = evidence;
  return evidence;
}

/** Whether `source` holds `word` at `start`. */
function sameText(word: string, source: string, start: number): boolean {
  if (source === word) return true;
  for (let i = 0; i < word.length; i += 1) if (word.charCodeAt(i) !== source.charCodeAt(start + i)) return false;
  return true;
}

/**
 * Word facts, worked out once per distinct word and remembered (at most MAX_WORDS, then it starts
 * again): a text's words then cost one hash-table probe each, found by the hash the word scan
 * computes, without making a new string for a word seen before.
 */
export class Vocabulary {
  /** Open-addressing hash table: 0 for an empty slot, else 1 + the index of the word in `entries`. */
  private slots = new Int32Array(FIRST_TABLE_SIZE);
  /** The hash of the word in each slot, compared before the word itself is looked at. */
  private hashes = new Int32Array(FIRST_TABLE_SIZE);
  private mask = FIRST_TABLE_SIZE - 1;
  private entries: WordFacts[] = [];

  constructor(private readonly topics: CompiledTopics) {}

  /**
   * The facts of the folded word `source.slice(start, end)`, whose `hashKey` is `hash`; a word seen
   * before is found without making a new string.
   */
  wordAt(source: string, start: number, end: number, hash: number): WordFacts {
    const length = end - start;
    const { slots, hashes, mask } = this;
    let slot = hash & mask;
    for (let entry = slots[slot]!; entry !== 0; entry = slots[slot]!) {
      if (hashes[slot] === hash) {
        const facts = this.entries[entry - 1]!;
        if (facts.word.length === length && sameText(facts.word, source, start)) return facts;
      }
      slot = (slot + 1) & mask;
    }
    const facts = this.learn(source.slice(start, end), hash);
    if (this.entries.length >= MAX_WORDS) {
      this.entries = [];
      this.resize(FIRST_TABLE_SIZE);
    } else if ((this.entries.length + 1) * 2 > this.slots.length) this.resize(this.slots.length * 2);
    this.entries.push(facts);
    this.place(hash, this.entries.length);
    return facts;
  }

  /** A new table of `size` slots holding the words remembered. */
  private resize(size: number): void {
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
    this.entries.forEach((facts, index) => this.place(facts.hash, index + 1));
  }

  /** Puts entry number `entry` (1 + its index) in the first free slot from its hash. */
  private place(hash: number, entry: number): void {
    let slot = hash & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = entry;
    this.hashes[slot] = hash;
  }

  private learn(word: string, hash: number): WordFacts {
    const topics = topicsOfWord(word, this.topics);
    const complaint = COMPLAINT_INDEX.triggeredBy(word);
    const sarcasm = SARCASM_INDEX.triggeredBy(word);
    const urgent = URGENT_INDEX.triggeredBy(word);
    return {
      word,
      hash,
      languageEvidence: languageEvidence().get(word),
      triggers: complaint.length || sarcasm.length || urgent.length ? { complaint, sarcasm, urgent } : undefined,
      topics: topics.words.length || topics.phrases.length ? topics : undefined,
      negative: word.endsWith("n't"),
      courtesy: COURTESY.has(word),
      rating: STAR_WORDS.has(word) ? 1 : SCALE_WORDS.has(word) ? 2 : word.charCodeAt(0) >= 48 && word.charCodeAt(0) <= 57 ? 4 : 0,
      likeSubject: LIKE_SUBJECTS.has(word),
      senses: [undefined, undefined, undefined, undefined],
      seenIn: -1,
    };
  }
}

/** What the lexicon of `language` (index in LANGUAGES) says about the word of `facts`. */
export function sense(facts: WordFacts, language: number): WordSense {
  const known = facts.senses[language];
  if (known) return known;
  const { word } = facts;
  const lexicon = lexiconFor(LANGUAGES[language]!);
  const valence = lexicon.words.get(word);
  const phrases = lexicon.phrases.get(word);
  const negation = lexicon.negations.has(word);
  const contrast = lexicon.contrasts.has(word);
  const boost = lexicon.boosters.get(word);
  const found = valence === undefined && !phrases && !negation && !contrast && boost === undefined ? NO_SENSE : { valence, phrases, negation, contrast, boost };
  facts.senses[language] = found;
  return found;
}
