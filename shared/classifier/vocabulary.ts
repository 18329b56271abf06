import { stopwordLanguages, LANGUAGES, type Language } from '#shared/classifier/language.ts';
import { foreignLanguagesOf, lexiconFor } from '#shared/classifier/lexicon.ts';
import { COMPLAINT_INDEX, SARCASM_INDEX, URGENT_INDEX } from '#shared/classifier/patterns.ts';
import { topicsOfWord, type CompiledTopics } from '#shared/classifier/topics.ts';

/** Everything the classifier needs to know about one folded word that does not depend on its context. */
export interface WordFacts {
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
export const COURTESY = new Set(['thanks', 'thank', 'thx', 'ty', 'please', 'pls', 'plz', 'cheers', 'hope', 'hoping', 'appreciate', 'appreciated', 'kindly', 'regards', 'best', 'sincerely', 'gracias', 'merci', 'danke', 'bitte']);

/** Pronouns and adverbs after which "like" is a verb of liking. */
const LIKE_SUBJECTS = new Set(['i', 'we', 'really', 'definitely', 'totally', 'also', 'actually', 'still', 'they', 'you', 'who', 'kids', 'everyone']);

/** A word the lexicon does not know. */
const NO_SENSE: WordSense = Object.freeze({ valence: undefined, phrases: undefined, negation: false, contrast: false, boost: undefined });

/** Above this many distinct words the memory of word facts starts again (bounded memory). */
const MAX_WORDS = 50_000;

/**
 * Word facts, worked out once per distinct word and remembered: a text's words then cost one map
 * lookup each for language, pattern triggers and topics.
 */
export class Vocabulary {
  private readonly known = new Map<string, WordFacts>();

  constructor(private readonly topics: CompiledTopics) {}

  facts(word: string): WordFacts {
    const known = this.known.get(word);
    if (known) return known;
    if (this.known.size >= MAX_WORDS) this.known.clear();
    let evidence: number[] | undefined;
    for (const language of [...stopwordLanguages(word), ...foreignLanguagesOf(word)]) (evidence ??= [0, 0, 0, 0])[LANGUAGES.indexOf(language as Language)]! += 1;
    const topics = topicsOfWord(word, this.topics);
    const complaint = COMPLAINT_INDEX.triggeredBy(word);
    const sarcasm = SARCASM_INDEX.triggeredBy(word);
    const urgent = URGENT_INDEX.triggeredBy(word);
    const facts: WordFacts = {
      languageEvidence: evidence,
      triggers: complaint.length || sarcasm.length || urgent.length ? { complaint, sarcasm, urgent } : undefined,
      topics: topics.words.length || topics.phrases.length ? topics : undefined,
      negative: word.endsWith("n't"),
      courtesy: COURTESY.has(word),
      likeSubject: LIKE_SUBJECTS.has(word),
      senses: [undefined, undefined, undefined, undefined],
      seenIn: -1,
    };
    this.known.set(word, facts);
    return facts;
  }

  /** What the lexicon of `language` (index in LANGUAGES) says about `word`, whose facts these are. */
  sense(word: string, facts: WordFacts, language: number): WordSense {
    const known = facts.senses[language];
    if (known) return known;
    const lexicon = lexiconFor(LANGUAGES[language]!);
    const valence = lexicon.words.get(word);
    const phrases = lexicon.phrases.get(word);
    const negation = lexicon.negations.has(word);
    const contrast = lexicon.contrasts.has(word);
    const boost = lexicon.boosters.get(word);
    const sense = valence === undefined && !phrases && !negation && !contrast && boost === undefined ? NO_SENSE : { valence, phrases, negation, contrast, boost };
    facts.senses[language] = sense;
    return sense;
  }
}

