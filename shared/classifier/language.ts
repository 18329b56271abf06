/** Language identification for English, Spanish, French and German by function words. Pure. */

const STOPWORDS: Record<'en' | 'es' | 'fr' | 'de', Set<string>> = {
  en: new Set('the and is was it to of my i you not for this with that have had but they we are were be at on in very no so just our your what when'.split(' ')),
  es: new Set('el la los las de que y es muy no por con para una un mi pero fue esta estaba del al se lo me nos su sus como mas ya hay han todo nada nunca todavia'.split(' ')),
  fr: new Set('le la les de des et est tres pas je que pour avec une un mon mais ete ne du au il elle nous vous sur ce cette qui plus avons suis jamais toujours rien'.split(' ')),
  de: new Set('der die das und ist nicht sehr ich mit zu ein eine mein aber war auf fur den dem des wir sie es noch nie kein keine hat haben wurde bei wieder immer'.split(' ')),
};

const MARKS: Array<[RegExp, 'es' | 'fr' | 'de']> = [
  [/[ñ¿¡]/, 'es'],
  [/[çœèêëàâîïôûù]/, 'fr'],
  [/[ßäöü]/, 'de'],
];

/** ISO 639-1 code of the text's language among en/es/fr/de, or `und` when there is too little to tell. */
export function detectLanguage(words: string[], rawLower: string): string {
  const counts: Record<string, number> = { en: 0, es: 0, fr: 0, de: 0 };
  for (const word of words) for (const [lang, set] of Object.entries(STOPWORDS)) if (set.has(word)) counts[lang]! += 1;
  for (const [pattern, lang] of MARKS) if (pattern.test(rawLower)) counts[lang]! += 1.5;
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0) return words.length ? 'en' : 'und';
  if (second && best[1] === second[1]) return best[0] === 'en' || second[0] === 'en' ? 'en' : 'und';
  return best[0];
}
