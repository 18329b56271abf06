import { stopwordsByWord, LANGUAGES, type Language } from '#shared/classifier/language.ts';
import { foreignWordsByWord, lexiconFor } from '#shared/classifier/lexicon.ts';
import { COMPLAINT_INDEX, SARCASM_INDEX, URGENT_INDEX } from '#shared/classifier/patterns.ts';
import { hashKey } from '#shared/classifier/text.ts';
import { topicsOfWord, type CompiledTopics } from '#shared/classifier/topics.ts';

/**
 * What a word is, one bit each, read for every word of every text from the word's compact record
 * (see Vocabulary). The bits below `negation` are the same in every language; the sense bits
 * (SENSE) are what the English lexicon says, and another language's lexicon gives its own (see
 * `senseTraits`).
 */
export const TRAIT = {
  /** Ends in "n't": negates like "not". */
  negative: 1,
  /** A courtesy word ("thanks", "please"): it does not offset a complaint. */
  courtesy: 2,
  /** A word after which "like" is a verb of liking ("I like it"), not a comparison ("looks like"). */
  likeSubject: 4,
  /** "like" or "liked". */
  like: 8,
  /** "never". */
  never: 16,
  /** "such", "so", "this", "a" or "more": after "never" they make emphasis, not negation. */
  emphasis: 32,
  /** The word can trigger a pattern (its links say which, see Vocabulary). */
  triggers: 64,
  /** The word counts for a topic (its links say how, see Vocabulary). */
  topical: 128,
  /** A negation word ("not", "never"). */
  negation: 1 << 11,
  /** A contrast word ("but"). */
  contrast: 1 << 12,
  /** The first word of lexicon phrases. */
  phrases: 1 << 13,
  /** A word that intensifies the next sentiment word ("very"). */
  boost: 1 << 14,
} as const;
/**
 * Where three bits of a word's traits start that say what the word says of a written rating ("two
 * stars", "out of ten", "8/10"): 1 for a word of stars, 2 for a word between numbers ("out", "sur",
 * "de", "von", "aus"), 4 for a number.
 */
export const RATING_SHIFT = 8;
/** The sense bits of a word's traits. */
export const SENSE = TRAIT.negation | TRAIT.contrast | TRAIT.phrases | TRAIT.boost;

/**
 * What the classifier knows about one folded word beyond its compact record: its senses, read only
 * for the first words of lexicon phrases and when a text is in another language.
 */
export interface WordFacts {
  /** The folded word, and its `hashKey`. */
  word: string;
  hash: number;
  /** What the English lexicon says about the word. */
  english: WordSense;
  /** What the word means to each language's lexicon (index in LANGUAGES; English first), filled on first use. */
  senses: Array<WordSense | undefined>;
}

/** A lexicon phrase: its words and its valence. */
export type Phrase = [string[], number];

/**
 * The lexicon phrases that start with one word ("not" starts forty), ready to be matched: those of
 * two words or more by `phraseKey` of their second word, each list longest first, and the first
 * phrase of that one word alone (a spelling of it), if any. The phrase found is the one the whole
 * list, longest first, would give.
 */
export interface PhraseStart {
  next: Map<number, Phrase[]>;
  alone: Phrase | undefined;
}

/** The key of a word among the phrases' second words: its hash (`hashKey`), cut to a small integer. */
export function phraseKey(hash: number): number {
  return hash & 0x3fffffff;
}

/** What one language's sentiment lexicon says about a word. */
export interface WordSense {
  /** Valence on the VADER scale, when the word carries one. */
  valence: number | undefined;
  /** Phrases that start with the word. */
  phrases: PhraseStart | undefined;
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

/** Words whose traits name them (see TRAIT). */
const NAMED: Record<string, number> = { like: TRAIT.like, liked: TRAIT.like, never: TRAIT.never, such: TRAIT.emphasis, so: TRAIT.emphasis, this: TRAIT.emphasis, a: TRAIT.emphasis, more: TRAIT.emphasis };

/**
 * A word the lexicon does not know. Not frozen: it keeps the shape of every other sense, so the
 * loops that read senses see one kind of object. Never changed.
 */
const NO_SENSE: WordSense = { valence: undefined, phrases: undefined, negation: false, contrast: false, boost: undefined };

/** Above this many distinct words the memory of word facts starts again, before the next text (bounded memory). */
const MAX_WORDS = 50_000;
/**
 * Slots of the word table at first: a power of two, doubled whenever it is half full, so probes stay
 * short and a small vocabulary stays in a small table. Small, so that the table first grows within
 * the first texts, before the word lookup is optimised.
 */
const FIRST_TABLE_SIZE = 1 << 5;
/** Words the compact records have room for at first (doubled when full). */
const FIRST_CAPACITY = 1 << 10;

let evidenceByWord: Map<string, number> | undefined;

/**
 * Language evidence per word, for the words that carry any (function words of a language, words
 * only one language's lexicon knows), built on first use: how many times each language (index in
 * LANGUAGES) counts the word, one byte each (the first language in the lowest byte).
 */
function languageEvidence(): Map<string, number> {
  if (evidenceByWord) return evidenceByWord;
  const evidence = new Map<string, number>();
  for (const [word, languages] of [...stopwordsByWord(), ...foreignWordsByWord()]) {
    for (const language of languages) evidence.set(word, (evidence.get(word) ?? 0) + (1 << (8 * LANGUAGES.indexOf(language as Language))));
  }
  evidenceByWord = evidence;
  return evidence;
}

/** Whether `source` holds `word` at `start`. */
function sameText(word: string, source: string, start: number): boolean {
  for (let i = 0; i < word.length; i += 1) if (word.charCodeAt(i) !== source.charCodeAt(start + i)) return false;
  return true;
}

/** A copy of `array` with room for `length` elements, those past the copy zero. */
export function grown<T extends Int32Array | Uint8Array | Float64Array>(array: T, length: number): T {
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}

/** The sense bits of traits (see TRAIT) for what a lexicon says about a word. */
export function senseTraits(sense: WordSense): number {
  return (sense.negation ? TRAIT.negation : 0) | (sense.contrast ? TRAIT.contrast : 0) | (sense.phrases ? TRAIT.phrases : 0) | (sense.boost !== undefined ? TRAIT.boost : 0);
}

/** Bytes of a word's compact record, and where in it the word itself is kept (its length, then its characters). */
const RECORD = 32;
const INLINE = 20;
/** The longest word kept in its record (longer ones, or with a character past U+00FF, are compared as strings). */
const MAX_INLINE = RECORD - INLINE - 1;

/** Whether `source` holds the `length` characters kept in `bytes` from `at` at `start`. */
function sameBytes(bytes: Uint8Array, at: number, source: string, start: number, length: number): boolean {
  for (let i = 0; i < length; i += 1) if (bytes[at + i] !== source.charCodeAt(start + i)) return false;
  return true;
}

/**
 * Word facts, worked out once per distinct word and remembered (at most MAX_WORDS, then it starts
 * again before the next text): a text's words then cost one hash-table probe each, found by the
 * hash the word scan computes, without making a new string for a word seen before. A word is known
 * by its id (the order it was learnt in). What every text reads of every word sits in a compact
 * record of 32 bytes per word, side by side in one typed array: its English valence, its traits
 * (TRAIT), its language evidence, where its pattern triggers and topics are kept (`links`), and the
 * word itself when it is short (most are), so that finding a word and reading what it is touches
 * the table and one record. The rest of its facts (`facts`) is read only for the first words of
 * lexicon phrases, or when a text is in another language.
 */
export class Vocabulary {
  /**
   * Open-addressing hash table, two numbers per slot side by side (one memory read finds both): the
   * hash of the word there, compared before the word itself is looked at, and 1 + the word's id
   * (0 for an empty slot).
   */
  private table = new Int32Array(FIRST_TABLE_SIZE * 2);
  private mask = FIRST_TABLE_SIZE - 1;
  /** The words by id. */
  private words: string[] = [];
  /** The rest of each word's facts, by id. */
  private entries: WordFacts[] = [];
  /** The English lexicon phrases each word starts, by id (read when its traits say `phrases`). */
  phrases: Array<PhraseStart | undefined> = [];
  /**
   * The compact records, RECORD bytes per word, in three views of one buffer: `valences[4 * id]` is
   * the English valence (0 when none); `traits[8 * id + 2]` the traits, `traits[8 * id + 3]` the
   * language evidence (one byte per language, see `languageEvidence`) and `traits[8 * id + 4]`
   * where the word's triggers and topics start in `links` (0 for none); `bytes[RECORD * id +
   * INLINE]` the word's length when it is kept in the record (0 when it is not), its characters
   * after it.
   */
  valences = new Float64Array((RECORD / 8) * FIRST_CAPACITY);
  traits = new Int32Array(this.valences.buffer);
  private bytes = new Uint8Array(this.valences.buffer);
  /** How much each word intensifies the next sentiment word in English (0 for none; read when its traits say `boost`). */
  boosts = new Float64Array(FIRST_CAPACITY);
  /**
   * The pattern triggers and topics of the words that have any, one run per word from its record's
   * offset: how many entries it triggers in COMPLAINT_INDEX, SARCASM_INDEX and URGENT_INDEX, how many
   * topics it names and topic phrases it starts, then each list (see WordFacts).
   */
  links = new Int32Array(1024);
  private linksLength = 1;
  /** The last text each topical word was counted in (topics count each distinct word once per text), by id. */
  seen = new Int32Array(FIRST_CAPACITY);
  /** The number of the current text. */
  private text = 0;

  constructor(private readonly topics: CompiledTopics) {}

  /**
   * Numbers a new text (see `seen`), and first starts again once the memory holds MAX_WORDS words
   * or more (so the ids of a text stay valid while it is read).
   */
  startText(): number {
    if (this.words.length >= MAX_WORDS) {
      this.words = [];
      this.entries = [];
      this.phrases = [];
      this.linksLength = 1;
      this.table = new Int32Array(FIRST_TABLE_SIZE * 2);
      this.mask = FIRST_TABLE_SIZE - 1;
    }
    if (this.text === 0x7fffffff) {
      this.text = 0;
      this.seen.fill(-1);
    }
    this.text += 1;
    return this.text;
  }

  /**
   * The id of the folded word `source.slice(start, end)`, whose `hashKey` is `hash`; a word seen
   * before is found without making a new string.
   */
  wordAt(source: string, start: number, end: number, hash: number): number {
    const length = end - start;
    const { table, mask, bytes } = this;
    let slot = hash & mask;
    for (let entry = table[2 * slot + 1]!; entry !== 0; entry = table[2 * slot + 1]!) {
      if (table[2 * slot] === hash) {
        const id = entry - 1;
        const at = RECORD * id + INLINE;
        const inline = bytes[at]!;
        if (inline !== 0 ? inline === length && sameBytes(bytes, at + 1, source, start, length) : this.sameWord(id, source, start, length)) return id;
      }
      slot = (slot + 1) & mask;
    }
    return this.remember(source.slice(start, end), hash);
  }

  /** Whether word `id` (one not kept in its record) is `source` from `start`, `length` long. */
  private sameWord(id: number, source: string, start: number, length: number): boolean {
    const word = this.words[id]!;
    return word.length === length && sameText(word, source, start);
  }

  /** The word of an id. */
  word(id: number): string {
    return this.words[id]!;
  }

  /** The facts of a word beyond its compact record. */
  facts(id: number): WordFacts {
    return this.entries[id]!;
  }

  /** What a word's compact record says: its English valence, traits and language evidence. */
  recordOf(id: number): { valence: number; traits: number; evidence: number } {
    return { valence: this.valences[(RECORD / 8) * id]!, traits: this.traits[(RECORD / 4) * id + 2]!, evidence: this.traits[(RECORD / 4) * id + 3]! };
  }

  /** The entries a word triggers in COMPLAINT_INDEX, SARCASM_INDEX and URGENT_INDEX, the topics it names and the topic phrases it starts, as kept in `links`. */
  linksOf(id: number): { complaint: number[]; sarcasm: number[]; urgent: number[]; topicWords: number[]; topicPhrases: number[] } {
    const at = this.traits[(RECORD / 4) * id + 4]!;
    const lists: number[][] = [[], [], [], [], []];
    if (at === 0) return { complaint: lists[0]!, sarcasm: lists[1]!, urgent: lists[2]!, topicWords: lists[3]!, topicPhrases: lists[4]! };
    let from = at + 5;
    lists.forEach((list, k) => {
      const to = from + this.links[at + k]!;
      for (let i = from; i < to; i += 1) list.push(this.links[i]!);
      from = to;
    });
    return { complaint: lists[0]!, sarcasm: lists[1]!, urgent: lists[2]!, topicWords: lists[3]!, topicPhrases: lists[4]! };
  }

  /** Learns a new word, puts it in the table (which grows when half full) and returns its id. */
  private remember(word: string, hash: number): number {
    const id = this.words.length;
    if ((id + 1) * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
    if (id === this.boosts.length) this.grow();
    this.words.push(word);
    const facts = this.learn(word, hash, id);
    this.entries.push(facts);
    this.phrases.push(facts.english.phrases);
    this.place(hash, id + 1);
    return id;
  }

  /** Twice the room for compact records. */
  private grow(): void {
    this.valences = grown(this.valences, this.valences.length * 2);
    this.traits = new Int32Array(this.valences.buffer);
    this.bytes = new Uint8Array(this.valences.buffer);
    this.boosts = grown(this.boosts, this.boosts.length * 2);
    this.seen = grown(this.seen, this.seen.length * 2);
  }

  /** A new table of `size` slots holding the words remembered. */
  private resize(size: number): void {
    this.table = new Int32Array(size * 2);
    this.mask = size - 1;
    this.entries.forEach((facts, index) => this.place(facts.hash, index + 1));
  }

  /** Puts entry number `entry` (1 + its id) in the first free slot from its hash. */
  private place(hash: number, entry: number): void {
    let slot = hash & this.mask;
    while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = entry;
  }

  /** Keeps lists of numbers in `links`; returns where they start. */
  private link(lists: ReadonlyArray<readonly number[]>): number {
    let size = lists.length;
    for (const list of lists) size += list.length;
    if (this.linksLength + size > this.links.length) {
      this.links = grown(this.links, Math.max(this.links.length * 2, this.linksLength + size));
    }
    const at = this.linksLength;
    let next = at + lists.length;
    lists.forEach((list, k) => {
      this.links[at + k] = list.length;
      for (const value of list) this.links[next++] = value;
    });
    this.linksLength = next;
    return at;
  }

  /** Works out a word's facts: fills its compact record and returns the rest. */
  private learn(word: string, hash: number, id: number): WordFacts {
    const topics = topicsOfWord(word, this.topics);
    const complaint = COMPLAINT_INDEX.triggeredBy(word);
    const sarcasm = SARCASM_INDEX.triggeredBy(word);
    const urgent = URGENT_INDEX.triggeredBy(word);
    const english = senseIn(word, 0);
    const rating = STAR_WORDS.has(word) ? 1 : SCALE_WORDS.has(word) ? 2 : word.charCodeAt(0) >= 48 && word.charCodeAt(0) <= 57 ? 4 : 0;
    const triggers = complaint.length > 0 || sarcasm.length > 0 || urgent.length > 0;
    const topical = topics.words.length > 0 || topics.phrases.length > 0;
    const record = (RECORD / 4) * id;
    this.valences[(RECORD / 8) * id] = english.valence ?? 0;
    this.boosts[id] = english.boost ?? 0;
    this.seen[id] = -1;
    this.traits[record + 2] =
      (word.endsWith("n't") ? TRAIT.negative : 0) |
      (COURTESY.has(word) ? TRAIT.courtesy : 0) |
      (LIKE_SUBJECTS.has(word) ? TRAIT.likeSubject : 0) |
      (Object.hasOwn(NAMED, word) ? NAMED[word]! : 0) |
      (triggers ? TRAIT.triggers : 0) |
      (topical ? TRAIT.topical : 0) |
      (rating << RATING_SHIFT) |
      senseTraits(english);
    this.traits[record + 3] = languageEvidence().get(word) ?? 0;
    this.traits[record + 4] = triggers || topical ? this.link([complaint, sarcasm, urgent, topics.words, topics.phrases]) : 0;
    const at = RECORD * id + INLINE;
    let inline = word.length <= MAX_INLINE;
    for (let i = 0; inline && i < word.length; i += 1) inline = word.charCodeAt(i) <= 0xff;
    this.bytes[at] = inline ? word.length : 0;
    if (inline) for (let i = 0; i < word.length; i += 1) this.bytes[at + 1 + i] = word.charCodeAt(i);
    return { word, hash, english, senses: [english, undefined, undefined, undefined] };
  }
}

/** What the lexicon of `language` (index in LANGUAGES) says about the word of `facts`. */
export function sense(facts: WordFacts, language: number): WordSense {
  return (facts.senses[language] ??= senseIn(facts.word, language));
}

const PHRASE_STARTS = new WeakMap<Phrase[], PhraseStart>();

/** A lexicon's list of the phrases that start with one word (longest first), grouped by their second word (built once per list). */
function phraseStart(list: Phrase[]): PhraseStart {
  let start = PHRASE_STARTS.get(list);
  if (start) return start;
  start = { next: new Map(), alone: undefined };
  for (const phrase of list) {
    if (phrase[0].length < 2) {
      start.alone ??= phrase;
      continue;
    }
    const key = phraseKey(hashKey(phrase[0][1]!));
    const group = start.next.get(key);
    if (group) group.push(phrase);
    else start.next.set(key, [phrase]);
  }
  PHRASE_STARTS.set(list, start);
  return start;
}

/** What the lexicon of `language` (index in LANGUAGES) says about `word`. */
function senseIn(word: string, language: number): WordSense {
  const lexicon = lexiconFor(LANGUAGES[language]!);
  const valence = lexicon.words.get(word);
  const list = lexicon.phrases.get(word);
  const phrases = list ? phraseStart(list) : undefined;
  const negation = lexicon.negations.has(word);
  const contrast = lexicon.contrasts.has(word);
  const boost = lexicon.boosters.get(word);
  return valence === undefined && !phrases && !negation && !contrast && boost === undefined ? NO_SENSE : { valence, phrases, negation, contrast, boost };
}
