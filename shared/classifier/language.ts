/** Language identification for English, Spanish, French and German by function words. Pure. */

const STOPWORDS: Record<'en' | 'es' | 'fr' | 'de', Set<string>> = {
  en: new Set('the and is was it to of my i you not for this with that have had but they we are were be at on in very no so just our your what when'.split(' ')),
  es: new Set('el la los las de que y es muy no por con para una un mi pero fue esta estaba del al se lo me nos su sus como mas ya hay han todo nada nunca todavia pronto volveremos siempre tambien aqui bien'.split(' ')),
  fr: new Set('le la les de des et est tres pas je que pour avec une un mon mais ete ne du au il elle nous vous sur ce cette qui plus avons suis jamais toujours rien'.split(' ')),
  de: new Set('der die das und ist nicht sehr ich mit zu ein eine mein aber war auf fur den dem des wir sie es noch nie kein keine hat haben wurde bei wieder immer'.split(' ')),
};

/** Word -> the languages it is a function word of. */
const STOPWORD_LANGUAGES = new Map<string, string[]>();
for (const [lang, set] of Object.entries(STOPWORDS)) for (const word of set) STOPWORD_LANGUAGES.set(word, [...(STOPWORD_LANGUAGES.get(word) ?? []), lang]);

const MARKS: Array<[RegExp, 'es' | 'fr' | 'de']> = [
  [/[ñ¿¡]/, 'es'],
  [/[çœèêëàâîïôûù]/, 'fr'],
  [/[ßäöü]/, 'de'],
];

/**
 * ISO 639-1 code of the text's language among en/es/fr/de, or `und` when there is too little to
 * tell. `evidence` adds counts from elsewhere (e.g. words found only in one language's lexicon).
 */
export function detectLanguage(words: string[], rawLower: string, evidence: Partial<Record<string, number>> = {}): string {
  const counts: Record<string, number> = { en: evidence.en ?? 0, es: evidence.es ?? 0, fr: evidence.fr ?? 0, de: evidence.de ?? 0 };
  for (const word of words) for (const lang of STOPWORD_LANGUAGES.get(word) ?? []) counts[lang]! += 1;
  if (/[^\x00-\x7f]/.test(rawLower)) for (const [pattern, lang] of MARKS) if (pattern.test(rawLower)) counts[lang]! += 1.5;
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0) return words.length ? 'en' : 'und';
  if (second && best[1] === second[1]) return best[0] === 'en' || second[0] === 'en' ? 'en' : 'und';
  // Another language needs clear evidence over English (short English texts share words like "no").
  if (best[0] !== 'en' && (best[1] < 2 || best[1] <= (counts.en ?? 0) * 1.5)) return 'en';
  return best[0];
}
