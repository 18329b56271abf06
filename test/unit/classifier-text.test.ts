import { describe, expect, it } from 'vitest';
import { createClassifier } from '#shared/classifier/index.ts';
import { clean, fold, scanWords, tokens } from '#shared/classifier/text.ts';

describe('classifier text preparation', () => {
  it('tidies whitespace of every kind, and leaves tidy text as it is', () => {
    expect(clean('  cold\tfood \u00a0and\n\nslow  service ')).toBe('cold food and slow service');
    expect(clean('a\u2003b\u3000c\ufeffd')).toBe('a b c d');
    const tidy = 'Waited 45 minutes. Still no refund!';
    expect(clean(tidy)).toBe(tidy);
  });

  it('scans the words of a whole text as the sentence tokenizer does, with their positions', () => {
    const texts = [
      "WAITED 45min for a COLD burger... can't believe it! well-known place?",
      'El pedido llegó ROTO. Très déçu, ÉTAIT sale. Straße kaputt',
      "trailing' apostrophe- and -leading, x'y A4 I OK",
      '',
    ];
    for (const text of texts) {
      const scan = scanWords(text);
      const expected = tokens(text);
      expect(scan.keys).toEqual(expected.map((t) => t.key));
      expect(scan.shouting).toEqual(expected.map((t) => t.shouting));
      scan.keys.forEach((key, i) => expect(fold(text.slice(scan.starts[i]!)).startsWith(key.slice(0, 2))).toBe(true));
    }
  });

  it('remembers words without changing what a text means (same answer first and later)', () => {
    const classifier = createClassifier();
    const texts = ['Still no refund, thanks', 'Great, another 2 hour wait.', 'Not bad at all', 'Food poisoning after the fish'];
    const first = texts.map((t) => classifier.classify(t));
    const again = texts.map((t) => classifier.classify(t));
    expect(again).toEqual(first);
    expect(createClassifier().classify(texts[0]!)).toEqual(first[0]);
  });
});
