import type { Classification, Classifier, ClassifyOptions, UrgentCue } from '#shared/domain/classification.ts';
import { chooseLanguage, LANGUAGES, type Language } from '#shared/classifier/language.ts';
import {
  COMPLAINT_INDEX,
  COMPLAINT_PATTERNS,
  COMPLAINT_PATTERNS_OTHER,
  RULES,
  SARCASM_INDEX,
  SARCASM_PATTERNS,
  URGENT_INDEX,
  URGENT_PATTERNS,
  taggedNewsOutlet,
  type ComplaintPattern,
} from '#shared/classifier/patterns.ts';

const { emoji: EMOJI, emoticons: EMOTICONS } = RULES;
import { ratingOf } from '#shared/classifier/rating.ts';
import { clean, emoji, fold, visitWords, type WordVisitor } from '#shared/classifier/text.ts';
import { compileTopics, topTopics, type CompiledTopics } from '#shared/classifier/topics.ts';
import { COURTESY, grown, phraseKey, RATING_SHIFT, SENSE, sense, senseTraits, TRAIT, Vocabulary, type Phrase, type PhraseStart } from '#shared/classifier/vocabulary.ts';

export { DEFAULT_TOPICS } from '#shared/classifier/topics.ts';

/**
 * Tuned weights (on the tune half of the evaluation sets, see scripts/eval.ts). Changing one means
 * running `npm run eval` and checking both halves.
 */
export const WEIGHTS = {
  /** Compound score at or below which a text is negative. */
  negativeAt: -0.01,
  /** Compound score at or above which a text is positive. */
  positiveAt: 0.2,
  /** Multiplier of a sentiment word after a negation ("not good"). */
  negationScalar: -0.74,
  /** How far back (tokens) a negation reaches. */
  negationReach: 3,
  /** Extra magnitude for a word in capitals within mixed-case text. */
  shouting: 0.73,
  /** Weight of what comes before and after a contrast word ("but"). */
  beforeContrast: 0.5,
  afterContrast: 1.5,
  /** Weight of a sentence that is a question without a factual complaint in it. */
  question: 0.6,
  /** Extra magnitude per exclamation mark (up to four). */
  exclamation: 0.29,
  /** Normalisation constant: compound = sum / sqrt(sum² + alpha). */
  alpha: 15,
  /** Compound score at or below which a negative text counts as a complaint without a factual cue. */
  complaintAt: -0.3,
  /** Weight of an email subject the customer wrote, and of a reply's subject (`Re: …`). */
  subject: 1,
  replySubject: 0.35,
};

/** The patterns that match somewhere in the text; only these are tried sentence by sentence. */
interface Candidates {
  complaints: typeof COMPLAINT_PATTERNS;
  sarcasm: RegExp[];
  /** The folded text they were found in: a sentence that is the whole text needs no second test. */
  folded: string;
}

interface SentenceScore {
  valence: number;
  factual: boolean;
  /** Mild disappointment and nothing factual: negative, but not a complaint on its own. */
  mild: boolean;
}

/**
 * The words of the text being classified, by position, in typed arrays kept from text to text
 * (they grow for a longer text): `count` says how many are this text's.
 */
interface Words {
  vocabulary: Vocabulary;
  count: number;
  /** Each word's id in the vocabulary, its hash (`hashKey`), its offset in the text, and whether it is written in capitals. */
  ids: Int32Array;
  hashes: Int32Array;
  starts: Int32Array;
  shouting: Uint8Array;
  /** Each word's traits (TRAIT), with the sense bits of the text's language lexicon. */
  traits: Int32Array;
  /** What the text's language lexicon says of each word: valence and boost (0 for none), and phrases (where its traits say `phrases`). */
  valences: Float64Array;
  boosts: Float64Array;
  phrases: Array<PhraseStart | undefined>;
}

/** Room for twice as many words. */
function growWords(words: Words): void {
  const size = words.ids.length * 2;
  words.ids = grown(words.ids, size);
  words.hashes = grown(words.hashes, size);
  words.starts = grown(words.starts, size);
  words.shouting = grown(words.shouting, size);
  words.traits = new Int32Array(size);
  words.valences = new Float64Array(size);
  words.boosts = new Float64Array(size);
}

/** The longest lexicon phrase that starts at word `i` (whose traits say `phrases`) and ends before word `end`. */
function phraseAt(words: Words, i: number, end: number): Phrase | undefined {
  const start = words.phrases[i]!;
  if (i + 1 < end) {
    // The phrases whose second word has the next word's key (found by its hash, without reading the word).
    const candidates = start.next.get(phraseKey(words.hashes[i + 1]!));
    if (candidates) {
      const { ids, vocabulary } = words;
      for (const phrase of candidates) {
        const parts = phrase[0];
        if (i + parts.length > end) continue;
        let j = 1;
        while (j < parts.length && vocabulary.word(ids[i + j]!) === parts[j]) j += 1;
        if (j === parts.length) return phrase;
      }
    }
  }
  return start.alone;
}

/** Per-word valences of the sentence being scored (reused between sentences). */
let valences = new Float64Array(64);

/** One sentence: its characters in the text, its words, and its closing punctuation. */
interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Its words: `from` to `to` (exclusive) of the text's words. */
  from: number;
  to: number;
  exclamations: number;
  question: boolean;
  /** The folded text when its offsets are those of `text` (ASCII, nothing stripped), to slice instead of folding again. */
  folded: string | undefined;
}

/**
 * Valence of one sentence: words, phrases, negation, boosters, capitals, contrast, punctuation, and
 * the factual complaint and sarcasm patterns.
 */
function scoreSentence(sentence: Sentence, words: Words, mixedCase: boolean, inComplaint: boolean, candidates: Candidates): SentenceScore {
  const { from, to } = sentence;
  const { traits, valences: wordValences, boosts } = words;
  const count = to - from;
  if (valences.length < count) valences = new Float64Array(count * 2);
  valences.fill(0, 0, count);
  /** Words that a phrase has used up (a negation inside "not bad" negates nothing after it). */
  let consumed: Set<number> | undefined;
  let contrastAt = -1;
  for (let i = from; i < to; i += 1) {
    const trait = traits[i]!;
    if (i > from && (trait & TRAIT.contrast) !== 0) contrastAt = i - from;
    // Longest phrase first; a phrase is scored as a whole and skips its words.
    const phrase = (trait & TRAIT.phrases) !== 0 ? phraseAt(words, i, to) : undefined;
    /** The word's valence, 0 for none. */
    let valence: number;
    if (phrase) valence = phrase[1];
    else if ((trait & TRAIT.like) !== 0) {
      valence = i > from && (traits[i - 1]! & (TRAIT.likeSubject | TRAIT.negation | TRAIT.negative)) !== 0 ? 1.6 : 0;
    } else {
      valence = wordValences[i]!;
      // "Terribly good", "dangerously addictive": a word of harm that intensifies praise is no harm.
      if (valence < 0 && (trait & TRAIT.boost) !== 0 && boosts[i]! > 0 && i + 1 < to && wordValences[i + 1]! > 0) valence = 0;
    }
    if (inComplaint && valence > 0 && ((trait & TRAIT.courtesy) !== 0 || (phrase && COURTESY.has(phrase[0][phrase[0].length - 1]!)))) valence = 0;
    if (valence === 0 || (!phrase && (trait & TRAIT.negation) !== 0)) continue;
    const span = phrase ? phrase[0].length : 1;
    const shouts = mixedCase && words.shouting[i]! !== 0;
    if (span === 1) valence = adjust(valence, words, from, i, shouts, consumed);
    else if (shouts) valence += Math.sign(valence) * WEIGHTS.shouting;
    valences[i - from] = valence;
    if (span > 1) {
      consumed ??= new Set();
      for (let k = 0; k < span; k += 1) consumed.add(i + k);
    }
    i += span - 1;
  }
  let valence = 0;
  let positive = 0;
  for (let k = 0; k < count; k += 1) {
    const weighted = contrastAt < 0 ? valences[k]! : valences[k]! * (k < contrastAt ? WEIGHTS.beforeContrast : WEIGHTS.afterContrast);
    valence += weighted;
    if (weighted > 0) positive += weighted;
  }

  let factual = false;
  let mild = false;
  /** The strongest farewell in the sentence: sadness at a closing is not a complaint. */
  let farewell: number | undefined;
  if (candidates.complaints.length || candidates.sarcasm.length) {
    const sentenceFolded = sentence.folded !== undefined ? sentence.folded.slice(sentence.start, sentence.end).trim() : fold(sentence.text.slice(sentence.start, sentence.end).trim());
    const whole = sentenceFolded === candidates.folded;
    let seen: Set<string> | undefined;
    for (const { id, pattern, valence: factValence, effect, statement } of candidates.complaints) {
      if (seen?.has(id) || (statement && sentence.question) || (!whole && !pattern.test(sentenceFolded))) continue;
      (seen ??= new Set()).add(id);
      if (effect === undefined) factual = true;
      else if (effect === 'mild') mild = true;
      else if (effect === 'farewell') {
        farewell = Math.max(farewell ?? 0, factValence);
        continue;
      }
      valence += factValence;
    }
    // Sarcasm: praise around a bad fact reads as a complaint.
    if (candidates.sarcasm.some((pattern) => pattern.test(sentenceFolded))) {
      valence -= positive * 1.6;
      valence -= 1;
      factual = true;
    }
  }
  if (farewell !== undefined && !factual) valence = Math.max(valence, farewell);
  if (valence !== 0) valence += Math.sign(valence) * Math.min(4, sentence.exclamations) * WEIGHTS.exclamation;
  if (sentence.question && !factual && valence > -2.5) valence *= WEIGHTS.question;
  // A lone "Awesome!" or "Great." after a complaint is irony, not praise.
  if (inComplaint && !factual && valence > 0 && count <= 3) valence = 0;
  return { valence, factual, mild: mild && !factual };
}

/** Applies the boosters and negations that precede word `i`, and the emphasis of capitals. */
function adjust(valence: number, words: Words, from: number, i: number, shouting: boolean, consumed: Set<number> | undefined): number {
  const { traits, boosts } = words;
  let result = valence;
  if (shouting) result += Math.sign(result) * WEIGHTS.shouting;
  for (let back = 1; back <= 3 && i - back >= from; back += 1) {
    if ((traits[i - back]! & TRAIT.boost) !== 0) result += Math.sign(result) * boosts[i - back]! * (back === 1 ? 1 : back === 2 ? 0.95 : 0.9);
  }
  for (let back = 1; back <= WEIGHTS.negationReach && i - back >= from; back += 1) {
    const previous = traits[i - back]!;
    if ((previous & TRAIT.contrast) !== 0 || consumed?.has(i - back)) break;
    if ((previous & (TRAIT.negation | TRAIT.negative)) !== 0) {
      // "never had such bland food", "never so rude": emphasis, not negation.
      if ((previous & TRAIT.never) !== 0 && emphasisBetween(traits, i - back + 1, i)) break;
      // "never so bad" and "not the worst" soften; "not good" turns negative.
      result *= WEIGHTS.negationScalar;
      break;
    }
  }
  return result;
}

/** Whether a word from `from` to `to` (exclusive) is "such", "so", "this", "a" or "more". */
function emphasisBetween(traits: Int32Array, from: number, to: number): boolean {
  for (let k = from; k < to; k += 1) if ((traits[k]! & TRAIT.emphasis) !== 0) return true;
  return false;
}

const EMOTICON_VALENCE = new Map(EMOTICONS);
const EMOTICON_PATTERN = new RegExp(
  `(^|\\s)(${EMOTICONS.map(([e]) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|')})(?=\\s|$|[.!?,])`,
  'g',
);
/** The characters emoticons are made of; emoji are never ASCII. */
const EMOTICON_CHARACTER = /[:;=<>^()\-_]/;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** Valence of emoji and emoticons in the text, and the text with emoticons removed (`ascii`: the text is all ASCII, so it has no emoji). */
function symbolValence(text: string, ascii: boolean): { valence: number; stripped: string } {
  if (!EMOTICON_CHARACTER.test(text) && (ascii || !PICTOGRAPH.test(text))) return { valence: 0, stripped: text };
  let valence = 0;
  const stripped = text.replace(EMOTICON_PATTERN, (_, lead: string, emoticon: string) => {
    valence += EMOTICON_VALENCE.get(emoticon) ?? 0;
    return `${lead} `;
  });
  if (!ascii) for (const symbol of emoji(text)) valence += EMOJI[symbol] ?? 0;
  return { valence, stripped };
}

/** Compound hashtags carry sentiment that word lookup misses (#fail, #neveragain, #lovethiscrew). */
const NEGATIVE_HASHTAG = /#\w*(?:fail|worst|lost|tired|suck|giveup|switch|disappoint|angry|fml|frustrat|unacceptable|neveragain|notcool|bad|delay|cancel|ugh|rude|stuck|stranded|shame|joke|wtf|smh|hate|annoy|nothappy|ripoff|scam|letdown|slap|broken|nothelp|poor|terrible|horrible|awful|waiting|stop)\w*/gi;
const POSITIVE_HASHTAG = /#\w*(?:love|thank|great|awesome|best|happy|amazing|kudos|win|impressed|goodjob|wellDone)\w*/gi;

function hashtagValence(raw: string): number {
  if (!raw.includes('#')) return 0;
  const negative = Math.min(2, (raw.match(NEGATIVE_HASHTAG) ?? []).length);
  const positive = Math.min(2, (raw.match(POSITIVE_HASHTAG) ?? []).length);
  return -2 * negative + 1.5 * positive;
}

export interface ClassifierOptions {
  /** Extra topics: topic id -> words or phrases (config `classifier.extraTopics`). */
  extraTopics?: Record<string, string[]>;
}

/**
 * The feedback classifier: lexicon and rule based, deterministic, no network. English at full
 * quality (VADER lexicon plus a customer-feedback lexicon and complaint patterns); Spanish, French
 * and German through smaller lexicons and the same patterns.
 */
export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const topics = compileTopics(options.extraTopics);
  const vocabulary = new Vocabulary(topics);
  const scratch: Scratch = {
    complaintHits: new Hits(COMPLAINT_PATTERNS.length),
    sarcasmHits: new Hits(SARCASM_PATTERNS.length),
    urgentHits: new Hits(URGENT_PATTERNS.length),
    topicHits: new Uint16Array(topics.ids.length),
    evidence: new Float64Array(LANGUAGES.length),
    words: {
      vocabulary,
      count: 0,
      ids: new Int32Array(64),
      hashes: new Int32Array(64),
      starts: new Int32Array(64),
      shouting: new Uint8Array(64),
      traits: new Int32Array(64),
      valences: new Float64Array(64),
      boosts: new Float64Array(64),
      phrases: [],
    },
    candidates: { complaints: [], sarcasm: [], folded: '' },
    sentence: { text: '', start: 0, end: 0, from: 0, to: 0, exclamations: 0, question: false, folded: undefined },
  };
  const words = scratch.words;
  const collect: WordVisitor = (source, start, end, hash, at, shouting) => {
    const id = vocabulary.wordAt(source, start, end, hash);
    const n = words.count;
    if (n === words.ids.length) growWords(words);
    words.ids[n] = id;
    words.hashes[n] = hash;
    words.starts[n] = at;
    words.shouting[n] = shouting ? 1 : 0;
    words.count = n + 1;
  };
  return {
    classify(text: string, classifyOptions?: ClassifyOptions): Classification {
      return classifyText(text, classifyOptions, topics, collect, scratch);
    },
  };
}

/** Counters reused from text to text (a classifier classifies one text at a time). */
interface Scratch {
  complaintHits: Hits;
  sarcasmHits: Hits;
  urgentHits: Hits;
  topicHits: Uint16Array;
  /** Language evidence of the current text, by index in LANGUAGES. */
  evidence: Float64Array;
  /** The current text's words, their traits and senses. */
  words: Words;
  /** The current text's candidate patterns, and its sentence being scored. */
  candidates: Candidates;
  sentence: Sentence;
}

const NON_ASCII = /[^\x00-\x7f]/;
const LOWER_CASE_LETTER = /[a-z]/;

/** Whether `text` contains every one of `parts`. */
function includesAll(text: string, parts: readonly string[]): boolean {
  for (const part of parts) if (!text.includes(part)) return false;
  return true;
}
/** Star symbols, which rate without words ("⭐⭐⭐⭐⭐"). */
const STAR_SYMBOL = /[\u2b50\u2605]|\u{1f31f}/u;
const NEWLINE = 10;

/** Terminal punctuation: . ! ? … */
function isTerminal(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 0x2026;
}

/** The next character that ends a sentence. */
const SENTENCE_END = /[.!?\u2026\n]/g;

function isSentenceEnd(code: number): boolean {
  return isTerminal(code) || code === NEWLINE;
}

/** Whether a quote opens in the text (at its start or after a space), as scare quotes do. */
function opensQuote(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 39 || first === 34 || afterSpace(text, "'") || afterSpace(text, '"');
}

/** Whether `mark` follows a space somewhere in the text: `text.includes(' ' + mark)`, looking for the rarer mark first. */
function afterSpace(text: string, mark: string): boolean {
  for (let at = text.indexOf(mark, 1); at !== -1; at = text.indexOf(mark, at + 1)) if (text.charCodeAt(at - 1) === 32) return true;
  return false;
}

/** A reply or forward prefix of an email subject ("Re:", "AW:", "Fwd:", "TR:", "RV:"…), repeated or not. */
const REPLY_PREFIX = /^\s*(?:(?:re|aw|antw|sv|vs|r|rv|ref|rif|fw|fwd|tr|wg|enc|i)(?:\[\d+\]|\(\d+\))?\s*:\s*)+/i;

/** A subject made ready to be judged with the text: its reply prefix gone, and how much it counts. */
function subjectOf(subject: string | undefined): { text: string; weight: number; reply: boolean } | undefined {
  if (!subject?.trim()) return undefined;
  const prefix = REPLY_PREFIX.exec(subject);
  const text = (prefix ? subject.slice(prefix[0].length) : subject).trim();
  if (!text) return undefined;
  return prefix ? { text, weight: WEIGHTS.replySubject, reply: true } : { text, weight: WEIGHTS.subject, reply: false };
}

/** Text prepared for scoring: cleaned, emoticons valued and removed, and whether it is all ASCII. */
function prepare(text: string): { cleaned: string; stripped: string; symbols: number; ascii: boolean } {
  const cleaned = clean(text);
  const ascii = !NON_ASCII.test(cleaned);
  const { valence, stripped } = symbolValence(cleaned, ascii);
  return { cleaned, stripped, symbols: valence, ascii };
}

function classifyText(text: string, options: ClassifyOptions | undefined, topics: CompiledTopics, collect: WordVisitor, scratch: Scratch): Classification {
  // An email's subject is judged as the first sentence of the text, weighed as `subjectOf` says.
  const subject = subjectOf(options?.subject);
  const body = prepare(text);
  let cleaned = body.cleaned;
  let stripped = body.stripped;
  let symbols = body.symbols;
  let ascii = body.ascii;
  /** Where the text proper starts in `stripped` (after the subject). */
  let bodyStart = 0;
  if (subject) {
    const head = prepare(subject.text);
    const separator = /[.!?\u2026]$/.test(head.stripped) ? ' ' : '. ';
    cleaned = `${head.cleaned}${separator}${cleaned}`;
    stripped = `${head.stripped}${separator}${stripped}`;
    bodyStart = head.stripped.length + separator.length;
    symbols += head.symbols * subject.weight;
    ascii &&= head.ascii;
  }
  const folded = ascii ? cleaned.toLowerCase() : fold(cleaned);
  // One pass over the words: language evidence, the patterns they can trigger, the topics they name.
  const { words, candidates, sentence } = scratch;
  const { vocabulary } = words;
  const current = vocabulary.startText();
  words.count = 0;
  visitWords(stripped, collect, ascii && stripped === cleaned ? folded : undefined, ascii);
  const { count, ids, traits, valences, boosts } = words;
  // Read after the scan: learning new words may have moved them.
  const { valences: vocabularyValences, traits: records, boosts: vocabularyBoosts, links, seen, phrases: phraseStarts } = vocabulary;
  const { complaintHits, sarcasmHits, urgentHits, topicHits, evidence } = scratch;
  evidence.fill(0);
  complaintHits.reset();
  // Patterns that hinge on quotes (scare quotes) are tried only when a quote opens somewhere.
  if (opensQuote(folded)) for (const index of COMPLAINT_INDEX.always) complaintHits.set(index, COMPLAINT_INDEX.full[index]!);
  sarcasmHits.reset();
  urgentHits.reset();
  topicHits.fill(0);
  let ratingWords = 0;
  // Each word's compact record: its traits and English sense go to the text's words (most texts are English).
  for (let w = 0; w < count; w += 1) {
    const id = ids[w]!;
    const trait = records[8 * id + 2]!;
    traits[w] = trait;
    valences[w] = vocabularyValences[4 * id]!;
    if ((trait & TRAIT.boost) !== 0) boosts[w] = vocabularyBoosts[id]!;
    ratingWords |= (trait >> RATING_SHIFT) & 7;
    const languages = records[8 * id + 3]!;
    if (languages !== 0) for (let l = 0; l < 4; l += 1) evidence[l]! += (languages >> (8 * l)) & 255;
    // The first words of lexicon phrases: their phrases, from the rest of their facts.
    if ((trait & TRAIT.phrases) !== 0) words.phrases[w] = phraseStarts[id];
    if ((trait & (TRAIT.triggers | TRAIT.topical)) === 0) continue;
    // The patterns the word triggers and the topics it counts for, kept one after the other.
    const at = records[8 * id + 4]!;
    let from = at + 5;
    if ((trait & TRAIT.triggers) !== 0) {
      from = complaintHits.mark(links, from, links[at]!);
      from = sarcasmHits.mark(links, from, links[at + 1]!);
      from = urgentHits.mark(links, from, links[at + 2]!);
    } else from += links[at]! + links[at + 1]! + links[at + 2]!;
    if ((trait & TRAIT.topical) !== 0 && seen[id] !== current) {
      seen[id] = current;
      const topicsEnd = from + links[at + 3]!;
      for (let k = from; k < topicsEnd; k += 1) topicHits[links[k]!]! += 1;
      const phrasesEnd = topicsEnd + links[at + 4]!;
      for (let k = topicsEnd; k < phrasesEnd; k += 1) {
        const phrase = topics.phrases[links[k]!]!;
        if (includesAll(folded, phrase.rest) && (ascii ? phrase.asciiPattern : phrase.pattern).test(folded)) topicHits[phrase.topic]! += 1;
      }
    }
  }
  const language = chooseLanguage(evidence, count, cleaned, ascii);
  const lexiconLanguage = Math.max(0, LANGUAGES.indexOf(language as Language));
  // Another language: its lexicon's senses replace the English ones.
  if (lexiconLanguage !== 0) {
    for (let w = 0; w < count; w += 1) {
      const meaning = sense(vocabulary.facts(ids[w]!), lexiconLanguage);
      traits[w] = (traits[w]! & ~SENSE) | senseTraits(meaning);
      valences[w] = meaning.valence ?? 0;
      boosts[w] = meaning.boost ?? 0;
      words.phrases[w] = meaning.phrases;
    }
  }
  const mixedCase = ascii ? LOWER_CASE_LETTER.test(cleaned) : cleaned !== cleaned.toUpperCase();

  let sum = symbols + hashtagValence(text) + (subject ? hashtagValence(subject.text) * subject.weight : 0);
  let factual = false;
  /** Valence of sentences that only voice mild disappointment (it does not make a complaint). */
  let mildSum = 0;
  // A rating needs stars, a word between numbers, or a number and a slash ("1/5"): most texts have none.
  const starWords = (ratingWords & 1) !== 0;
  const starSymbols = !ascii && STAR_SYMBOL.test(folded);
  const rating =
    starWords || starSymbols || (ratingWords & 2) !== 0 || ((ratingWords & 4) !== 0 && folded.includes('/')) ? ratingOf(folded, starWords, starSymbols) : undefined;
  if (rating) {
    sum += rating.valence;
    factual ||= rating.low;
  }
  const english = lexiconLanguage === 0;
  const usable = (p: ComplaintPattern) => p.pattern.test(folded) && !p.unless?.test(folded);
  candidates.complaints = english ? complaintHits.matching(COMPLAINT_INDEX.full, COMPLAINT_PATTERNS, usable) : COMPLAINT_PATTERNS_OTHER.filter(usable);
  candidates.sarcasm = english ? sarcasmHits.matching(SARCASM_INDEX.full, SARCASM_PATTERNS, (pattern) => pattern.source.startsWith('^') || pattern.test(folded)) : NONE;
  candidates.folded = folded;
  const inComplaint = candidates.complaints.some(({ id, effect }) => effect === undefined && id !== 'too');

  // Sentences end at runs of terminal punctuation (or a line break); each takes the words inside it.
  sentence.text = stripped;
  sentence.from = 0;
  sentence.to = 0;
  sentence.folded = ascii && stripped === cleaned ? folded : undefined;
  let at = 0;
  const length = stripped.length;
  const starts = words.starts;
  while (at < length && sentence.to < count) {
    if (isSentenceEnd(stripped.charCodeAt(at))) {
      at += 1;
      continue;
    }
    sentence.start = at;
    SENTENCE_END.lastIndex = at;
    at = SENTENCE_END.test(stripped) ? SENTENCE_END.lastIndex - 1 : length;
    sentence.exclamations = 0;
    if (at < length && stripped.charCodeAt(at) === NEWLINE) at += 1;
    else {
      while (at < length && isTerminal(stripped.charCodeAt(at))) {
        if (stripped.charCodeAt(at) === 33) sentence.exclamations += 1;
        at += 1;
      }
    }
    sentence.end = at;
    sentence.question = stripped.charCodeAt(at - 1) === 63;
    sentence.from = sentence.to;
    while (sentence.to < count && starts[sentence.to]! < at) sentence.to += 1;
    if (sentence.to === sentence.from) continue;
    const scored = scoreSentence(sentence, words, mixedCase, inComplaint, candidates);
    const inSubject = starts[sentence.from]! < bodyStart;
    const valence = inSubject ? scored.valence * subject!.weight : scored.valence;
    sum += valence;
    if (scored.mild) mildSum += valence;
    // A reply's subject is often the business's own words: its facts are not the customer's.
    if (!inSubject || !subject!.reply) factual ||= scored.factual;
  }
  // A reply's subject names the thread, which was judged when it started: cues come from the new text.
  const cueText = subject?.reply ? fold(body.cleaned) : folded;
  const cues: UrgentCue[] = [];
  const negative = sum < 0;
  for (const { cue, negativeOnly } of urgentHits.matching(URGENT_INDEX.full, URGENT_PATTERNS, ({ pattern }) => pattern.test(cueText))) {
    if (!cues.includes(cue) && (!negativeOnly || negative)) cues.push(cue);
  }
  // A news outlet tagged in a complaint (mentions are cleaned out of the words above), in the subject the customer wrote or in the text.
  const rawSubject = subject?.reply ? undefined : options?.subject;
  if (!cues.includes('press') && sum < 0 && ((rawSubject !== undefined && taggedNewsOutlet(rawSubject)) || taggedNewsOutlet(text))) cues.push('press');
  // An urgent report is bad news, however kindly it is put.
  if (cues.length) sum = Math.min(sum - 2, -1);
  const score = compound(sum);
  const sentiment = score <= WEIGHTS.negativeAt ? 'negative' : score >= WEIGHTS.positiveAt ? 'positive' : 'neutral';
  const complaint = cues.length > 0 || (sentiment === 'negative' && (factual || compound(sum - mildSum) <= WEIGHTS.complaintAt));
  return {
    sentiment,
    score,
    complaint,
    urgent: cues.length > 0,
    cues,
    topics: count ? topTopics(topicHits, topics) : [],
    language: count ? language : 'und',
  };
}

/** The normalised score in [-1, 1] of a valence sum. */
function compound(sum: number): number {
  return round(sum / Math.sqrt(sum * sum + WEIGHTS.alpha));
}

const NONE: never[] = [];

/**
 * The trigger groups a text's words hit, one bit mask per pattern, and which patterns they touched
 * (so a text costs what its words trigger, not the size of the pattern table).
 */
class Hits {
  private readonly bits: Uint8Array;
  private readonly touched: number[] = [];

  constructor(size: number) {
    this.bits = new Uint8Array(size);
  }

  reset(): void {
    for (const index of this.touched) this.bits[index] = 0;
    this.touched.length = 0;
  }

  /** Marks the `count` entries (`pattern * 8 + group`, see TriggerIndex) one word triggers, kept in `entries` from `from`; returns where they end. */
  mark(entries: Int32Array, from: number, count: number): number {
    const end = from + count;
    for (let k = from; k < end; k += 1) {
      const entry = entries[k]!;
      const index = entry >> 3;
      if (this.bits[index] === 0) this.touched.push(index);
      this.bits[index]! |= 1 << (entry & 7);
    }
    return end;
  }

  set(index: number, mask: number): void {
    if (this.bits[index] === 0) this.touched.push(index);
    this.bits[index] = mask;
  }

  /** The patterns whose every trigger group was hit (in table order) that match the text. */
  matching<T>(full: Uint8Array, patterns: T[], matches: (pattern: T) => boolean): T[] {
    const touched = this.touched;
    if (touched.length === 0) return NONE;
    sortSmall(touched);
    let found: T[] | undefined;
    for (const index of touched) if (this.bits[index] === full[index] && matches(patterns[index]!)) (found ??= []).push(patterns[index]!);
    return found ?? NONE;
  }
}

/** Sorts a short list of integers ascending in place (insertion sort: a text touches a few dozen patterns at most). */
function sortSmall(list: number[]): void {
  for (let i = 1; i < list.length; i += 1) {
    const value = list[i]!;
    let j = i - 1;
    while (j >= 0 && list[j]! > value) {
      list[j + 1] = list[j]!;
      j -= 1;
    }
    list[j + 1] = value;
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
