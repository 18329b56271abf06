/**
 * Ratings written into the text ("1/5", "Two stars", "10/10", "zero stars if I could", "⭐⭐⭐",
 * "deux étoiles", "null Sterne"), in the four languages the classifier reads. Pure.
 */

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, no: 0, negative: 0, minus: 0, half: 0.5, 'half a': 0.5, one: 1, 'a single': 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  cero: 0, ninguna: 0, media: 0.5, 'una sola': 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
  aucune: 0, demi: 0.5, 'une seule': 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10,
  null: 0, keine: 0, keinen: 0, halben: 0.5, 'einen einzigen': 1, zwei: 2, drei: 3, vier: 4, funf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10,
};
const WORD = Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const NUMBER = String.raw`(\d{1,2}(?:[.,]5)?|${WORD})`;
const SCALE = String.raw`(5|10|five|ten|cinco|diez|cinq|dix|funf|zehn)`;

/** "3/5", "10/10", "7 out of 10", "8 sur 10", "2 de 5", "4 von 5". */
const FRACTION = new RegExp(
  String.raw`(?<![\d/.,])${NUMBER} ?(?:\/|out of|sur|de|von|aus) ?${SCALE}(?![\d/])(?! (?:things|people|times|customers|days|of|staff|items|cases|orders|flights|calls|reviews|friends|dentists|doctors)\b)`,
);
/** "two stars", "1-star", "zero stars", "half a star", "cinco estrellas", "deux étoiles", "null Sterne". */
const STARS = new RegExp(String.raw`(?<![\w'])${NUMBER}[ -](?:(?:gold|little|measly|whole|full|solid|generous|big|fat|shiny) )?(?:stars?|estrellas?|etoiles?|sterne?n?|sternchen)\b`);
/** A run of star symbols, filled then empty ("★★☆☆☆", "⭐⭐⭐⭐⭐"). */
const SYMBOLS = /((?:[\u2b50\u2605]|\u{1f31f})\ufe0f?)+([\u2606\u2729]\ufe0f?)*/u;

export interface Rating {
  /** Valence on the sentiment scale: strongly negative for 1-2 of 5, positive for 4-5 of 5. */
  valence: number;
  /** A rating of 2 of 5 or less: a complaint however calm the words. */
  low: boolean;
}

function value(number: string): number {
  return NUMBER_WORDS[number] ?? Number(number.replace(',', '.'));
}

/**
 * The first rating in the folded text, or undefined when it has none. `stars` and `symbols` say
 * whether the text has a word of stars or a star symbol at all (the classifier knows from its words).
 */
export function ratingOf(folded: string, stars = true, symbols = true): Rating | undefined {
  let ratio: number | undefined;
  let at = Infinity;
  const fraction = FRACTION.exec(folded);
  if (fraction) {
    const [n, d] = [value(fraction[1]!), value(fraction[2]!)];
    if (n <= d + 1) [ratio, at] = [n / d, fraction.index];
  }
  const written = stars ? STARS.exec(folded) : null;
  if (written && written.index < at) [ratio, at] = [Math.min(1, value(written[1]!) / 5), written.index];
  const drawn = symbols ? SYMBOLS.exec(folded) : null;
  if (drawn && drawn.index < at) {
    const filled = [...drawn[0].replace(/\ufe0f/g, '')].filter((c) => c !== '\u2606' && c !== '\u2729').length;
    const empty = [...drawn[0]].filter((c) => c === '\u2606' || c === '\u2729').length;
    ratio = Math.min(1, filled / (empty ? filled + empty : 5));
  }
  if (ratio === undefined) return undefined;
  if (ratio <= 0.2) return { valence: -3.4, low: true };
  if (ratio <= 0.4) return { valence: -2.8, low: true };
  if (ratio < 0.6) return { valence: -1, low: false };
  if (ratio < 0.8) return { valence: 0.8, low: false };
  return { valence: 2.8, low: false };
}
