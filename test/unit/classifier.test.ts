import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS, createClassifier } from '#shared/classifier/index.ts';

const classifier = createClassifier();
const classify = (text: string) => classifier.classify(text, { channel: 'survey' });

describe('classifier: complaints written as plain facts', () => {
  it.each([
    ['Waited 45 minutes for a table', 'wait-time'],
    ['We waited over an hour and nobody came', 'wait-time'],
    ['Still no refund after three weeks', 'refunds'],
    ['I was charged twice for one order', 'price-billing'],
    ['Wrong size again', undefined],
    ['The parcel never arrived', 'delivery'],
    ['The lamp arrived broken', 'product-quality'],
    ['Second time my order has been late', undefined],
    ['The bread was stale', 'product-quality'],
  ])('%s', (text, topic) => {
    const result = classify(text);
    expect(result.sentiment).toBe('negative');
    expect(result.complaint).toBe(true);
    if (topic) expect(result.topics).toContain(topic);
  });
});

describe('classifier: sarcasm, contrast, negation', () => {
  it('reads praise around a bad fact as a complaint', () => {
    for (const text of ['Great, another 2 hour wait', 'Thanks for nothing', 'Oh perfect, my flight is delayed again']) {
      expect(classify(text), text).toMatchObject({ sentiment: 'negative', complaint: true });
    }
  });

  it('weighs what follows "but"', () => {
    expect(classify('Lovely staff but the room was filthy')).toMatchObject({ sentiment: 'negative', complaint: true });
    expect(classify('The room was small but the staff were wonderful').sentiment).toBe('positive');
  });

  it('understands negated complaints as praise', () => {
    for (const text of ['Not bad at all', "Can't complain", 'Nothing to complain about', 'No complaints, great visit', 'The staff were not rude at all']) {
      const result = classify(text);
      expect(result.sentiment, text).not.toBe('negative');
      expect(result.complaint, text).toBe(false);
    }
  });

  it('negates praise', () => {
    expect(classify('The food was not good').sentiment).toBe('negative');
    expect(classify('I would not recommend this shop')).toMatchObject({ sentiment: 'negative', complaint: true });
  });

  it('lets courtesy not offset a complaint', () => {
    expect(classify('Still waiting for my refund, thanks').complaint).toBe(true);
  });
});

describe('classifier: intensity, capitals, emoji, emoticons', () => {
  it('scores intensifiers and capitals stronger', () => {
    expect(classify('The service was VERY BAD').score).toBeLessThan(classify('The service was bad').score);
    expect(classify('really good').score).toBeGreaterThan(classify('good').score);
  });

  it('reads emoji and emoticons', () => {
    expect(classify('Dinner 😡').sentiment).toBe('negative');
    expect(classify('Dinner 😍').sentiment).toBe('positive');
    expect(classify('The delivery :(').sentiment).toBe('negative');
    expect(classify('The delivery :)').sentiment).toBe('positive');
  });
});

describe('classifier: urgency cues', () => {
  it.each([
    ['I got food poisoning after the chicken', 'illness'],
    ['My son was sick all night after eating there', 'illness'],
    ['I slipped on the wet floor and hurt my back', 'injury'],
    ['There are exposed wires in the changing room, it is dangerous', 'safety'],
    ['My lawyer will be in touch', 'legal'],
    ['They refused to serve us because we are black', 'discrimination'],
    ['I am going to the press with this', 'press'],
    ['They charged my card without permission', 'fraud'],
    ["I received someone else's order with their address", 'data-leak'],
  ] as const)('%s', (text, cue) => {
    const result = classify(text);
    expect(result.urgent).toBe(true);
    expect(result.cues).toContain(cue);
    expect(result.complaint).toBe(true);
  });

  it('does not cry wolf', () => {
    for (const text of ['Sue at the front desk was wonderful', 'I was sick of waiting', 'Press the bell for service, the staff came quickly', 'The steak was sick, best ever']) {
      expect(classify(text).cues, text).not.toContain('legal');
      expect(classify(text).cues, text).not.toContain('illness');
      expect(classify(text).cues, text).not.toContain('press');
    }
  });
});

describe('classifier: praise, neutral, topics, language', () => {
  it('recognises praise and plain questions', () => {
    expect(classify('Lovely evening, thank you!')).toMatchObject({ sentiment: 'positive', complaint: false, urgent: false });
    expect(classify('Is the shop open on Sunday?')).toMatchObject({ sentiment: 'neutral', complaint: false });
  });

  it('has a taxonomy of at least ten topics that config can extend', () => {
    expect(Object.keys(DEFAULT_TOPICS).length).toBeGreaterThanOrEqual(10);
    const extended = createClassifier({ extraTopics: { parking: ['parking', 'car park'], 'wait-time': ['eternity'] } });
    expect(extended.classify('No parking anywhere near the shop').topics).toContain('parking');
    expect(extended.classify('The queue took an eternity').topics).toContain('wait-time');
  });

  it('is deterministic and bounded', () => {
    const text = 'The soup was cold and the waiter was rude!!';
    expect(classify(text)).toEqual(classify(text));
    for (const t of ['', '   ', '!!!', 'a'.repeat(20_000), '😡'.repeat(500)]) {
      const result = classify(t);
      expect(result.score).toBeGreaterThanOrEqual(-1);
      expect(result.score).toBeLessThanOrEqual(1);
    }
    expect(classify('').language).toBe('und');
  });
});

describe('classifier: Spanish, French and German check sets', () => {
  for (const language of ['es', 'fr', 'de']) {
    it(`${language}: detects complaints, negative sentiment and the language`, () => {
      const lines = readFileSync(`test/fixtures/classifier/${language}.jsonl`, 'utf8').trim().split('\n');
      const examples = lines.map((line) => JSON.parse(line) as { text: string; negative: boolean; complaint: boolean });
      let right = 0;
      for (const example of examples) {
        const result = classify(example.text);
        if (result.complaint === example.complaint && (result.sentiment === 'negative') === example.negative && result.language === language) right += 1;
      }
      expect(examples.length).toBeGreaterThanOrEqual(20);
      expect(right / examples.length).toBeGreaterThanOrEqual(0.9);
    });
  }
});
