import { describe, expect, it } from 'vitest';
import { createClassifier } from '#shared/classifier/index.ts';
import { clean, fold, hashKey, tokens, visitWords, type WordScan } from '#shared/classifier/text.ts';
import { compileTopics, DEFAULT_TOPICS } from '#shared/classifier/topics.ts';
import { RATING_SHIFT, TRAIT, Vocabulary } from '#shared/classifier/vocabulary.ts';

describe('classifier text preparation', () => {
  it('tidies whitespace of every kind, and leaves tidy text as it is', () => {
    expect(clean('  cold\tfood \u00a0and\n\nslow  service ')).toBe('cold food and slow service');
    expect(clean('a\u2003b\u3000c\ufeffd')).toBe('a b c d');
    const tidy = 'Waited 45 minutes. Still no refund!';
    expect(clean(tidy)).toBe(tidy);
  });

  it('tidies whitespace exactly as replacing every run of \\s with one space and trimming would', () => {
    const spaces: string[] = [];
    for (let code = 0; code <= 0xffff; code += 1) if (/\s/.test(String.fromCharCode(code))) spaces.push(String.fromCharCode(code));
    expect(spaces.length).toBeGreaterThan(20);
    for (const space of spaces) {
      for (const text of [`${space}cold${space}${space}food ${space}`, `a${space}b`, `${space}`, `x ${space}`, `no${space}\u200bspace`]) {
        expect(clean(text), `U+${space.charCodeAt(0).toString(16)}`).toBe(text.replace(/\s+/g, ' ').trim());
      }
    }
  });

  it('scans the words of a whole text as the sentence tokenizer does, with their positions', () => {
    const texts = [
      "WAITED 45min for a COLD burger... can't believe it! well-known place?",
      'El pedido llegó ROTO. Très déçu, ÉTAIT sale. Straße kaputt',
      "trailing' apostrophe- and -leading, x'y A4 I OK",
      '',
    ];
    for (const text of texts) {
      const scan: WordScan = { keys: [], starts: [], shouting: [], count: 0 };
      visitWords(text, (source, start, end, hash, at, shouting) => {
        scan.keys.push(source.slice(start, end));
        scan.starts.push(at);
        scan.shouting.push(shouting);
        // The hash found while scanning is the hash of the folded word.
        expect(hash).toBe(hashKey(source.slice(start, end)));
      });
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

describe('classifier word memory', () => {
  it('finds a word by its position in a text and by itself alike, and stays correct past its limit', () => {
    const vocabulary = new Vocabulary(compileTopics());
    const text = 'no refund yet';
    const byPosition = vocabulary.wordAt(text, 3, 9, hashKey(text, 3, 9));
    expect(vocabulary.word(byPosition)).toBe('refund');
    expect(vocabulary.wordAt('refund', 0, 6, hashKey('refund'))).toBe(byPosition);
    const facts = vocabulary.facts(byPosition);
    const record = vocabulary.recordOf(byPosition);
    const links = vocabulary.linksOf(byPosition);
    expect(record.traits & TRAIT.triggers).toBe(TRAIT.triggers);
    expect(record.traits & TRAIT.topical).toBe(TRAIT.topical);
    expect(links.complaint.length).toBeGreaterThan(0);
    expect(links.topicWords.length).toBeGreaterThan(0);
    for (let i = 0; i < 60_000; i += 1) {
      // Each word as a text of its own: the memory starts again only before a text.
      vocabulary.startText();
      const word = `w${i.toString(36)}`;
      expect(vocabulary.word(vocabulary.wordAt(word, 0, word.length, hashKey(word)))).toBe(word);
      // The table and the records grow as words come: a word learnt early is still found, the same facts.
      if (i === 20_000) {
        expect(vocabulary.wordAt(text, 3, 9, hashKey(text, 3, 9))).toBe(byPosition);
        expect(vocabulary.facts(byPosition)).toBe(facts);
      }
    }
    vocabulary.startText();
    const again = vocabulary.wordAt('refund', 0, 6, hashKey('refund'));
    expect(vocabulary.word(again)).toBe('refund');
    expect(vocabulary.facts(again)).toEqual(facts);
    expect(vocabulary.linksOf(again)).toEqual(links);
    expect(vocabulary.recordOf(again)).toEqual(record);
  });

  it('keeps what every text reads of a word in its compact record', () => {
    const vocabulary = new Vocabulary(compileTopics());
    const idOf = (word: string) => vocabulary.wordAt(word, 0, word.length, hashKey(word));
    const traitsOf = (word: string) => vocabulary.recordOf(idOf(word)).traits;
    expect(traitsOf("didn't") & TRAIT.negative).toBe(TRAIT.negative);
    expect(traitsOf('thanks') & TRAIT.courtesy).toBe(TRAIT.courtesy);
    expect(traitsOf('not') & TRAIT.negation).toBe(TRAIT.negation);
    expect(traitsOf('but') & TRAIT.contrast).toBe(TRAIT.contrast);
    expect(traitsOf('very') & TRAIT.boost).toBe(TRAIT.boost);
    expect(traitsOf('never') & (TRAIT.never | TRAIT.negation)).toBe(TRAIT.never | TRAIT.negation);
    expect(traitsOf('liked') & TRAIT.like).toBe(TRAIT.like);
    expect((traitsOf('stars') >> RATING_SHIFT) & 7).toBe(1);
    expect((traitsOf('out') >> RATING_SHIFT) & 7).toBe(2);
    expect((traitsOf('45min') >> RATING_SHIFT) & 7).toBe(4);
    expect(traitsOf('constructor') & (TRAIT.like | TRAIT.never | TRAIT.emphasis)).toBe(0);
    expect(vocabulary.recordOf(idOf('awful')).valence).toBe(vocabulary.facts(idOf('awful')).english.valence);
    expect(vocabulary.recordOf(idOf('awful')).valence).toBeLessThan(0);
    expect(vocabulary.recordOf(idOf('the')).evidence & 255).toBe(1);
    expect(vocabulary.recordOf(idOf('und')).evidence >> 24).toBe(1);
    // Words kept in their record and words too long or too wide for it are found alike.
    for (const word of ['a', 'abcdefghijk', 'abcdefghijkl', 'unacceptable', 'caf\u00e9', '\u043f\u043b\u043e\u0445\u043e', 'x\u0100y']) {
      const id = idOf(word);
      expect(vocabulary.word(id)).toBe(word);
      expect(idOf(word)).toBe(id);
      expect(vocabulary.wordAt(`${word}z`, 0, word.length, hashKey(word))).toBe(id);
      expect(vocabulary.word(idOf(`${word}z`))).toBe(`${word}z`);
    }
  });
});

describe('classifier words that are names of object properties', () => {
  it('reads "constructor" or "toString" as plain words, never as a number', () => {
    const classifier = createClassifier();
    for (const text of ['the constructor was great', 'toString hasOwnProperty __proto__ was awful']) {
      expect(Number.isFinite(classifier.classify(text).score)).toBe(true);
    }
    expect(classifier.classify('the constructor was great').sentiment).toBe('positive');
  });
});

describe('classifier topic phrases', () => {
  it('are found alike in all-ASCII text with the Unicode pattern and the ASCII one', () => {
    const topics = compileTopics({ extra: ['late  again', 'wi fi*', "can't log in"] });
    const phrases = [...Object.values(DEFAULT_TOPICS).flat(), 'late again', 'wi fi*', "can't log in"].filter((entry) => entry.includes(' ')).map((entry) => entry.replace('*', ''));
    const texts: string[] = [];
    for (const phrase of phrases) {
      for (const before of ['', 'a', '7', ' ', '.', '-', "'"]) {
        for (const after of ['', 's', 'ing', '4', ' ', '!', '-', "'"]) texts.push(`${before}${phrase}${after}`, `so ${before}${phrase.replace(' ', '  ')}${after} today`);
      }
    }
    let found = 0;
    for (const phrase of topics.phrases) {
      for (const text of texts) {
        const unicode = phrase.pattern.test(text);
        expect(phrase.asciiPattern.test(text), `${phrase.pattern.source} in "${text}"`).toBe(unicode);
        if (unicode) found += 1;
      }
    }
    expect(topics.phrases.length).toBeGreaterThan(20);
    expect(found).toBeGreaterThan(1000);
  });
});
