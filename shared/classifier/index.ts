import type { Classification, Classifier, ClassifyOptions, UrgentCue } from '#shared/domain/classification.ts';
import { detectLanguage } from '#shared/classifier/language.ts';
import { BOOSTERS_EN, CONTRASTS_EN, DOMAIN_PHRASES_EN, DOMAIN_WORDS_EN, NEGATIONS_EN } from '#shared/classifier/lexicons/domain-en.ts';
import { EMOJI, EMOTICONS, FRENCH, GERMAN, SPANISH, type LanguageLexicon } from '#shared/classifier/lexicons/other-languages.ts';
import { gunzipSync } from 'node:zlib';
import { VADER_WORDS_GZIP } from '#shared/classifier/lexicons/vader-en.ts';
import { COMPLAINT_INDEX, COMPLAINT_PATTERNS, COMPLAINT_PATTERNS_OTHER, SARCASM_INDEX, SARCASM_PATTERNS, URGENT_INDEX, URGENT_PATTERNS } from '#shared/classifier/patterns.ts';
import { clean, emoji, fold, sentences, tokens, type Token } from '#shared/classifier/text.ts';
import { compileTopics, findTopics } from '#shared/classifier/topics.ts';

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
};

interface Lexicon {
  words: Map<string, number>;
  /** Phrases keyed by their first word: [words, valence], longest first. */
  phrases: Map<string, Array<[string[], number]>>;
  negations: Set<string>;
  boosters: Record<string, number>;
  contrasts: Set<string>;
}

function buildLexicon(words: Record<string, number>, phrases: Record<string, number>, rest: Omit<LanguageLexicon, 'words' | 'phrases'>, base?: Map<string, number>): Lexicon {
  const wordMap = new Map(base);
  for (const [word, valence] of Object.entries(words)) wordMap.set(fold(word), valence);
  const phraseMap = new Map<string, Array<[string[], number]>>();
  const variants = Object.entries(phrases).flatMap(([phrase, valence]) =>
    phrase.includes("'") ? [[phrase, valence] as const, [phrase.replace(/'/g, ''), valence] as const] : [[phrase, valence] as const],
  );
  for (const [phrase, valence] of variants) {
    const parts = tokens(phrase).map((t) => t.key);
    const first = parts[0]!;
    const list = phraseMap.get(first) ?? [];
    list.push([parts, valence]);
    list.sort((a, b) => b[0].length - a[0].length);
    phraseMap.set(first, list);
  }
  return { words: wordMap, phrases: phraseMap, negations: rest.negations, boosters: rest.boosters, contrasts: rest.contrasts };
}

let englishBase: Map<string, number> | undefined;
function vaderWords(): Map<string, number> {
  if (!englishBase) {
    englishBase = new Map();
    for (const entry of gunzipSync(Buffer.from(VADER_WORDS_GZIP, 'base64')).toString('utf8').split('|')) {
      const space = entry.lastIndexOf(' ');
      englishBase.set(entry.slice(0, space), Number(entry.slice(space + 1)));
    }
  }
  return englishBase;
}

const LEXICONS: Record<string, () => Lexicon> = {};
function lexiconFor(language: string): Lexicon {
  const cached = LEXICONS[language];
  if (cached) return cached();
  let built: Lexicon;
  if (language === 'es') built = buildLexicon(SPANISH.words, SPANISH.phrases, SPANISH);
  else if (language === 'fr') built = buildLexicon(FRENCH.words, FRENCH.phrases, FRENCH);
  else if (language === 'de') built = buildLexicon(GERMAN.words, GERMAN.phrases, GERMAN);
  else {
    built = buildLexicon(DOMAIN_WORDS_EN, DOMAIN_PHRASES_EN, { negations: NEGATIONS_EN, boosters: BOOSTERS_EN, contrasts: CONTRASTS_EN }, vaderWords());
  }
  LEXICONS[language] = () => built;
  return built;
}

let foreignWords: Map<string, string[]> | undefined;

/** Words that only one language's lexicon knows count as evidence of that language. */
function lexiconEvidence(words: string[]): Record<string, number> {
  if (!foreignWords) {
    const english = lexiconFor('en').words;
    foreignWords = new Map();
    for (const language of ['es', 'fr', 'de']) {
      const known = lexiconFor(language);
      for (const word of [...known.words.keys(), ...known.phrases.keys()]) {
        if (!english.has(word)) foreignWords.set(word, [...(foreignWords.get(word) ?? []), language]);
      }
    }
  }
  const evidence: Record<string, number> = { es: 0, fr: 0, de: 0 };
  for (const word of words) for (const language of foreignWords.get(word) ?? []) evidence[language]! += 1;
  return evidence;
}

/** Pronouns after which "like" is a verb of liking ("I like it"), not a comparison ("looks like"). */
const LIKE_SUBJECTS = new Set(['i', 'we', 'really', 'definitely', 'totally', 'also', 'actually', 'still', 'they', 'you', 'who', 'kids', 'everyone']);

/** The patterns that match somewhere in the text; only these are tried sentence by sentence. */
interface Candidates {
  complaints: typeof COMPLAINT_PATTERNS;
  sarcasm: RegExp[];
}

interface SentenceScore {
  valence: number;
  factual: boolean;
}

/** Courtesy words: they do not offset a complaint ("still no refund, thanks"). */
const COURTESY = new Set(['thanks', 'thank', 'thx', 'ty', 'please', 'pls', 'plz', 'cheers', 'hope', 'hoping', 'appreciate', 'appreciated', 'kindly', 'regards', 'best', 'sincerely', 'gracias', 'merci', 'danke', 'bitte']);

/** Valence of one sentence: words, phrases, negation, boosters, capitals, contrast, punctuation. */
function scoreSentence(sentence: string, lexicon: Lexicon, mixedCase: boolean, inComplaint: boolean, candidates: Candidates): SentenceScore {
  const words = tokens(sentence);
  const valences: number[] = [];
  /** Tokens that a phrase has used up (a negation inside "not bad" negates nothing after it). */
  const consumed = new Set<number>();
  let contrastAt = -1;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    if (lexicon.contrasts.has(word.key) && i > 0) contrastAt = valences.length;
    // Longest phrase first; a phrase is scored as a whole and skips its words.
    const phrase = lexicon.phrases.get(word.key)?.find(([parts]) => parts.every((part, j) => words[i + j]?.key === part));
    let valence: number | undefined;
    let span = 1;
    if (phrase) {
      valence = phrase[1];
      span = phrase[0].length;
    } else {
      valence = lexicon.words.get(word.key);
      if (word.key === 'like' || word.key === 'liked') {
        const before = words[i - 1]?.key ?? '';
        valence = LIKE_SUBJECTS.has(before) || lexicon.negations.has(before) || before.endsWith("n't") ? 1.6 : undefined;
      }
    }
    if (inComplaint && valence !== undefined && valence > 0 && (COURTESY.has(word.key) || (phrase && COURTESY.has(phrase[0][phrase[0].length - 1]!)))) valence = 0;
    if (valence === undefined || valence === 0 || (!phrase && lexicon.negations.has(word.key))) {
      valences.push(0);
      continue;
    }
    if (!phrase || phrase[0].length === 1) valence = adjust(valence, words, i, lexicon, mixedCase && word.shouting, consumed);
    else if (mixedCase && word.shouting) valence += Math.sign(valence) * WEIGHTS.shouting;
    valences.push(valence);
    for (let k = 1; k < span; k += 1) valences.push(0);
    for (let k = 0; k < span && span > 1; k += 1) consumed.add(i + k);
    i += span - 1;
  }
  if (contrastAt >= 0) {
    for (let i = 0; i < valences.length; i += 1) valences[i]! *= i < contrastAt ? WEIGHTS.beforeContrast : WEIGHTS.afterContrast;
  }
  let valence = valences.reduce((sum, v) => sum + v, 0);

  const sentenceFolded = candidates.complaints.length || candidates.sarcasm.length ? fold(sentence) : '';
  let factual = false;
  const seen = new Set<string>();
  for (const { id, pattern, valence: factValence } of candidates.complaints) {
    if (seen.has(id) || !pattern.test(sentenceFolded)) continue;
    seen.add(id);
    if (id !== 'question-why') factual = true;
    valence += factValence;
  }
  // Sarcasm: praise around a bad fact reads as a complaint.
  if (candidates.sarcasm.some((pattern) => pattern.test(sentenceFolded))) {
    const positive = valences.filter((v) => v > 0).reduce((sum, v) => sum + v, 0);
    valence -= positive * 1.6;
    valence -= 1;
    factual = true;
  }
  const exclamations = Math.min(4, (sentence.match(/!/g) ?? []).length);
  if (valence !== 0) valence += Math.sign(valence) * exclamations * WEIGHTS.exclamation;
  if (/\?\s*$/.test(sentence) && !factual && valence > -2.5) valence *= WEIGHTS.question;
  // A lone "Awesome!" or "Great." after a complaint is irony, not praise.
  if (inComplaint && !factual && valence > 0 && words.length <= 3) valence = 0;
  return { valence, factual };
}

/** Applies the boosters and negations that precede word `i`, and the emphasis of capitals. */
function adjust(valence: number, words: Token[], i: number, lexicon: Lexicon, shouting: boolean, consumed: Set<number>): number {
  let result = valence;
  if (shouting) result += Math.sign(result) * WEIGHTS.shouting;
  for (let back = 1; back <= 3; back += 1) {
    const previous = words[i - back];
    if (!previous) break;
    const boost = lexicon.boosters[previous.key];
    if (boost !== undefined) result += Math.sign(result) * boost * (back === 1 ? 1 : back === 2 ? 0.95 : 0.9);
  }
  for (let back = 1; back <= WEIGHTS.negationReach; back += 1) {
    const previous = words[i - back];
    if (!previous) break;
    if (lexicon.contrasts.has(previous.key) || consumed.has(i - back)) break;
    if (lexicon.negations.has(previous.key) || previous.key.endsWith("n't")) {
      // "never had such bland food", "never so rude": emphasis, not negation.
      if (previous.key === 'never' && words.slice(i - back + 1, i).some((w) => w.key === 'such' || w.key === 'so' || w.key === 'this' || w.key === 'a' || w.key === 'more')) break;
      // "never so bad" and "not the worst" soften; "not good" turns negative.
      result *= WEIGHTS.negationScalar;
      break;
    }
  }
  return result;
}

const EMOTICON_VALENCE = new Map(EMOTICONS);
const EMOTICON_PATTERN = new RegExp(
  `(^|\\s)(${EMOTICONS.map(([e]) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|')})(?=\\s|$|[.!?,])`,
  'g',
);
const HAS_SYMBOL = /[:;=<>^()\-_\p{Extended_Pictographic}]/u;

/** Valence of emoji and emoticons in the text, and the text with emoticons removed. */
function symbolValence(text: string): { valence: number; stripped: string } {
  if (!HAS_SYMBOL.test(text)) return { valence: 0, stripped: text };
  let valence = 0;
  const stripped = text.replace(EMOTICON_PATTERN, (_, lead: string, emoticon: string) => {
    valence += EMOTICON_VALENCE.get(emoticon) ?? 0;
    return `${lead} `;
  });
  for (const symbol of emoji(text)) valence += EMOJI[symbol] ?? 0;
  return { valence, stripped };
}

/** Compound hashtags carry sentiment that word lookup misses (#fail, #neveragain, #lovethiscrew). */
const NEGATIVE_HASHTAG = /#\w*(?:fail|worst|lost|tired|suck|giveup|switch|disappoint|angry|fml|frustrat|unacceptable|neveragain|notcool|bad|delay|cancel|ugh|rude|stuck|stranded|shame|joke|wtf|smh|hate|annoy|nothappy|ripoff|scam|letdown|slap|broken|nothelp|poor|terrible|horrible|awful|waiting|stop)\w*/gi;
const POSITIVE_HASHTAG = /#\w*(?:love|thank|great|awesome|best|happy|amazing|kudos|win|impressed|goodjob|wellDone)\w*/gi;

function hashtagValence(raw: string): number {
  const negative = Math.min(2, (raw.match(NEGATIVE_HASHTAG) ?? []).length);
  const positive = Math.min(2, (raw.match(POSITIVE_HASHTAG) ?? []).length);
  return -2 * negative + 1.5 * positive;
}

/** Urgency cues found in folded text (only the patterns its words can trigger are tried). */
function findCues(folded: string, words: string[]): UrgentCue[] {
  return URGENT_INDEX.candidates(words)
    .map((i) => URGENT_PATTERNS[i]!)
    .filter(({ pattern }) => pattern.test(folded))
    .map(({ cue }) => cue);
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
  return {
    classify(text: string, classifyOptions: ClassifyOptions = {}): Classification {
      return classifyText(text, classifyOptions, topics);
    },
  };
}

function classifyText(text: string, _options: ClassifyOptions, topics: ReturnType<typeof compileTopics>): Classification {
  const cleaned = clean(text);
  const folded = fold(cleaned);
  const words = tokens(cleaned).map((t) => t.key);
  const language = detectLanguage(words, cleaned.toLowerCase(), lexiconEvidence(words));
  const lexicon = lexiconFor(language === 'und' ? 'en' : language);
  const { valence: symbols, stripped } = symbolValence(cleaned);
  const mixedCase = cleaned !== cleaned.toUpperCase();

  let sum = symbols + hashtagValence(text);
  let factual = false;
  const english = language === 'en' || language === 'und';
  const candidates: Candidates = {
    complaints: (english ? COMPLAINT_INDEX.candidates(words).map((i) => COMPLAINT_PATTERNS[i]!) : COMPLAINT_PATTERNS_OTHER).filter(({ pattern }) => pattern.test(folded)),
    sarcasm: english ? SARCASM_INDEX.candidates(words).map((i) => SARCASM_PATTERNS[i]!).filter((pattern) => pattern.source.startsWith('^') || pattern.test(folded)) : [],
  };
  const inComplaint = candidates.complaints.some(({ id }) => id !== 'question-why' && id !== 'too');
  for (const sentence of sentences(stripped)) {
    const scored = scoreSentence(sentence, lexicon, mixedCase, inComplaint, candidates);
    sum += scored.valence;
    factual ||= scored.factual;
  }
  const cues = findCues(folded, words);
  if (cues.length) sum -= 2;
  const score = round(sum / Math.sqrt(sum * sum + WEIGHTS.alpha));
  const sentiment = score <= WEIGHTS.negativeAt ? 'negative' : score >= WEIGHTS.positiveAt ? 'positive' : 'neutral';
  const complaint = cues.length > 0 || (sentiment === 'negative' && (factual || score <= WEIGHTS.complaintAt));
  return {
    sentiment,
    score,
    complaint,
    urgent: cues.length > 0,
    cues,
    topics: words.length ? findTopics(folded, words, topics) : [],
    language: words.length ? language : 'und',
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
