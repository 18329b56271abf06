import { RULES, type LanguageLexicon } from '#shared/classifier/patterns.ts';
import { fold, tokens } from '#shared/classifier/text.ts';

/** One language's sentiment lexicon, ready for lookups by folded token. */
export interface Lexicon {
  words: Map<string, number>;
  /** Phrases keyed by their first word: [words, valence], longest first. */
  phrases: Map<string, Array<[string[], number]>>;
  negations: Set<string>;
  boosters: Map<string, number>;
  contrasts: Set<string>;
}

/** Builds a lexicon from its written form; the words of `base`, when given, come first (the map is taken over, not copied). */
function buildLexicon(words: Record<string, number>, phrases: Record<string, number>, rest: Omit<LanguageLexicon, 'words' | 'phrases'>, base?: Map<string, number>): Lexicon {
  const wordMap = base ?? new Map<string, number>();
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
  return { words: wordMap, phrases: phraseMap, negations: new Set(rest.negations), boosters: new Map(Object.entries(rest.boosters)), contrasts: new Set(rest.contrasts) };
}

/** The VADER word list (it ships compressed with the rules, see patterns.ts), read in one pass over `word valence|word valence|…`. */
function vaderWords(): Map<string, number> {
  const words = new Map<string, number>();
  const list = RULES.vader;
  for (let start = 0; start < list.length; ) {
    const bar = list.indexOf('|', start);
    const end = bar < 0 ? list.length : bar;
    const space = list.lastIndexOf(' ', end - 1);
    words.set(list.slice(start, space), Number(list.slice(space + 1, end)));
    start = end + 1;
  }
  return words;
}

const LEXICONS = new Map<string, Lexicon>();

/** The lexicon of `language` (`en`, `es`, `fr`, `de`; anything else gets English), built once. */
export function lexiconFor(language: string): Lexicon {
  const cached = LEXICONS.get(language);
  if (cached) return cached;
  let built: Lexicon;
  const written = RULES.lexicons[language === 'es' || language === 'fr' || language === 'de' ? language : 'en'];
  built = buildLexicon(written.words, written.phrases, written, language === 'es' || language === 'fr' || language === 'de' ? undefined : vaderWords());
  LEXICONS.set(language, built);
  return built;
}

/**
 * The words (and phrase openings) of the es/fr/de lexicons that the English one does not know,
 * each with the languages that know it: such a word is evidence of that language. A word in both
 * the words and the phrases of one language counts twice.
 */
export function foreignWordsByWord(): Map<string, string[]> {
  const english = lexiconFor('en').words;
  const byWord = new Map<string, string[]>();
  for (const language of ['es', 'fr', 'de']) {
    const known = lexiconFor(language);
    for (const key of [...known.words.keys(), ...known.phrases.keys()]) {
      if (!english.has(key)) byWord.set(key, [...(byWord.get(key) ?? []), language]);
    }
  }
  return byWord;
}
