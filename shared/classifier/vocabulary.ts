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
  /** Whether the word can trigger any pattern: then the three lists below say which (see TriggerIndex). */
  triggers: boolean;
  /** Entries the word triggers in COMPLAINT_INDEX, SARCASM_INDEX and URGENT_INDEX (`pattern * 8 + group`), each possibly empty. */
  complaintTriggers: readonly number[];
  sarcasmTriggers: readonly number[];
  urgentTriggers: readonly number[];
  /** Whether the word counts for any topic: then the two lists below say how. */
  topical: boolean;
  /** Topics the word names (as a word or a prefix), and topic phrases that start with it (see `topicsOfWord`). */
  topicWords: readonly number[];
  topicPhrases: readonly number[];
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
  /** What the English lexicon says about the word (the language of most texts: read straight from the word's facts). */
  english: WordSense;
  /** What the word means to the Spanish, French and German lexicons (index in LANGUAGES), filled on first use. */
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

/**
 * A word the lexicon does not know. Not frozen: it keeps the shape of every other sense, so the
 * loops that read senses see one kind of object. Never changed.
 */
const NO_SENSE: WordSense = { valence: undefined, phrases: undefined, negation: false, contrast: false, boost: undefined };

/** Above this many distinct words the memory of word facts starts again (bounded memory). */
const MAX_WORDS = 50_000;
/**
 * Slots of the word table at first: a power of two, doubled whenever it is half full, so probes stay
 * short and a small vocabulary stays in a small table. Small, so that the table first grows within
 * the first texts, before the word lookup is optimised.
 */
const FIRST_TABLE_SIZE = 1 << 5;

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
  for (let i = 0; i < word.length; i += 1) if (word.charCodeAt(i) !== source.charCodeAt(start + i)) return false;
  return true;
}

/**
 * Word facts, worked out once per distinct word and remembered (at most MAX_WORDS, then it starts
 * again): a text's words then cost one hash-table probe each, found by the hash the word scan
 * computes, without making a new string for a word seen before.
 */
export class Vocabulary {
  /**
   * Open-addressing hash table, two numbers per slot side by side (one memory read finds both): the
   * hash of the word there, compared before the word itself is looked at, and 1 + the index of the
   * word in `entries` (0 for an empty slot).
   */
  private table = new Int32Array(FIRST_TABLE_SIZE * 2);
  private mask = FIRST_TABLE_SIZE - 1;
  private entries: WordFacts[] = [];

  constructor(private readonly topics: CompiledTopics) {}

  /**
   * The facts of the folded word `source.slice(start, end)`, whose `hashKey` is `hash`; a word seen
   * before is found without making a new string.
   */
  wordAt(source: string, start: number, end: number, hash: number): WordFacts {
    const length = end - start;
    const { table, mask } = this;
    let slot = hash & mask;
    for (let entry = table[2 * slot + 1]!; entry !== 0; entry = table[2 * slot + 1]!) {
      if (table[2 * slot] === hash) {
        const facts = this.entries[entry - 1]!;
        if (facts.word.length === length && sameText(facts.word, source, start)) return facts;
      }
      slot = (slot + 1) & mask;
    }
    return this.remember(source.slice(start, end), hash);
  }

  /** Learns a new word and puts it in the table (which grows when half full, and starts again past MAX_WORDS). */
  private remember(word: string, hash: number): WordFacts {
    const facts = this.learn(word, hash);
    if (this.entries.length >= MAX_WORDS) {
      this.entries = [];
      this.resize(FIRST_TABLE_SIZE);
    } else if ((this.entries.length + 1) * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
    this.entries.push(facts);
    this.place(hash, this.entries.length);
    return facts;
  }

  /** A new table of `size` slots holding the words remembered. */
  private resize(size: number): void {
    this.table = new Int32Array(size * 2);
    this.mask = size - 1;
    this.entries.forEach((facts, index) => this.place(facts.hash, index + 1));
  }

  /** Puts entry number `entry` (1 + its index) in the first free slot from its hash. */
  private place(hash: number, entry: number): void {
    let slot = hash & this.mask;
    while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = entry;
  }

  private learn(word: string, hash: number): WordFacts {
    const topics = topicsOfWord(word, this.topics);
    const complaint = COMPLAINT_INDEX.triggeredBy(word);
    const sarcasm = SARCASM_INDEX.triggeredBy(word);
    const urgent = URGENT_INDEX.triggeredBy(word);
    // The facts read for every word of every text come first, close together in memory.
    return {
      word,
      english: senseIn(word, 0),
      senses: [undefined, undefined, undefined, undefined],
      rating: STAR_WORDS.has(word) ? 1 : SCALE_WORDS.has(word) ? 2 : word.charCodeAt(0) >= 48 && word.charCodeAt(0) <= 57 ? 4 : 0,
      languageEvidence: languageEvidence().get(word),
      triggers: complaint.length > 0 || sarcasm.length > 0 || urgent.length > 0,
      topical: topics.words.length > 0 || topics.phrases.length > 0,
      seenIn: -1,
      courtesy: COURTESY.has(word),
      negative: word.endsWith("n't"),
      likeSubject: LIKE_SUBJECTS.has(word),
      complaintTriggers: complaint,
      sarcasmTriggers: sarcasm,
      urgentTriggers: urgent,
      topicWords: topics.words,
      topicPhrases: topics.phrases,
      hash,
    };
  }
}

/** What the lexicon of `language` (index in LANGUAGES) says about the word of `facts`. */
export function sense(facts: WordFacts, language: number): WordSense {
  return language === 0 ? facts.english : (facts.senses[language] ??= senseIn(facts.word, language));
}

/** What the lexicon of `language` (index in LANGUAGES) says about `word`. */
function senseIn(word: string, language: number): WordSense {
  const lexicon = lexiconFor(LANGUAGES[language]!);
  const valence = lexicon.words.get(word);
  const phrases = lexicon.phrases.get(word);
  const negation = lexicon.negations.has(word);
  const contrast = lexicon.contrasts.has(word);
  const boost = lexicon.boosters.get(word);
  return valence === undefined && !phrases && !negation && !contrast && boost === undefined ? NO_SENSE : { valence, phrases, negation, contrast, boost };
}
