/** Language identification for English, Spanish, French and German by function words. Pure. */

/** The languages told apart, in the order ties are broken. */
export const LANGUAGES = ['en', 'es', 'fr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

const STOPWORDS: Record<Language, Set<string>> = {
  en: new Set('the and is was it to of my i you not for this with that have had but they we are were be at on in very no so just our your what when would could should will if me from about been has their there after again only any all by an or out'.split(' ')),
  es: new Set('el la los las de que y es muy no por con para una un mi pero fue esta estaba del al se lo me nos su sus como mas ya hay han todo nada nunca todavia pronto volveremos siempre tambien aqui bien sin hace hacen os vuestro vuestra vuestros sois estan esto eso ese esa porque cuando donde tiene tienen teneis he hemos ha habia puedo podria podrian quisiera gracias hola buenas sido estoy'.split(' ')),
  fr: new Set('le la les de des et est tres pas je que pour avec une un mon mais ete ne du au il elle nous vous sur ce cette qui plus avons suis jamais toujours rien ma mes ses son sa aux dans y avait etait sont ont c\'est j\'ai n\'est d\'un d\'une l\'on on bonjour merci votre vos notre nos ces leur aussi peu deja apres avant chez'.split(' ')),
  de: new Set('der die das und ist nicht sehr ich mit zu ein eine mein aber war auf fur den dem des wir sie es noch nie kein keine hat haben wurde bei wieder immer hatte ganz nichts naja auch nach ihr euch uns schon nur doch wenn dass oder vom zum zur sich mal wie bitte danke bin sind wird werden kann laut meine meinen meiner einen einem einer ihre ihren unsere unser jetzt heute gestern hallo'.split(' ')),
};

/** Every function word with the languages it belongs to. */
export function stopwordsByWord(): Map<string, Language[]> {
  const byWord = new Map<string, Language[]>();
  for (const language of LANGUAGES) for (const word of STOPWORDS[language]) byWord.set(word, [...(byWord.get(word) ?? []), language]);
  return byWord;
}

/** Accented letters that only one language uses, with that language's index in LANGUAGES. */
const MARKS: Array<[RegExp, number]> = [
  [/[ñ¿¡]/, 1],
  [/[çœèêëàâîïôûù]/, 2],
  [/[ßäöü]/, 3],
];

/**
 * ISO 639-1 code of the text's language among en/es/fr/de, or `und` when there is too little to
 * tell. `counts` holds the evidence per language, by index in LANGUAGES (function words, words only
 * one language's lexicon knows; the accents of `raw` are added to it); `wordCount` is the number of
 * words in the text and `raw` the text (`ascii` says it has no accents, when the caller knows).
 */
export function chooseLanguage(counts: Float64Array, wordCount: number, raw: string, ascii = !/[^\x00-\x7f]/.test(raw)): string {
  if (!ascii) {
    const lower = raw.toLowerCase();
    for (const [pattern, language] of MARKS) if (pattern.test(lower)) counts[language]! += 1.5;
  }
  // The two strongest, ties going to the earlier language in LANGUAGES.
  let best = 0;
  for (let language = 1; language < 4; language += 1) if (counts[language]! > counts[best]!) best = language;
  let second = -1;
  for (let language = 0; language < 4; language += 1) if (language !== best && (second < 0 || counts[language]! > counts[second]!)) second = language;
  const strongest = counts[best]!;
  if (strongest === 0) return wordCount ? 'en' : 'und';
  if (strongest === counts[second]!) return best === 0 || second === 0 ? 'en' : 'und';
  // Another language needs clear evidence over English (short English texts share words like "no").
  if (best !== 0 && (strongest < 2 || strongest <= counts[0]! * 1.5)) return 'en';
  return LANGUAGES[best]!;
}
