import { createClassifier } from '#shared/classifier/index.ts';
import type { Classifier } from '#shared/domain/classification.ts';
import { sentimentSets, supportIntents, type Dataset, type Example } from './datasets.ts';
import { score, type Scores } from './metrics.ts';

/** Targets from the classifier's requirements: negative-class F1 and precision per set. */
export const TARGETS: Record<string, { f1: number; precision: number }> = {
  'UCI Amazon': { f1: 0.85, precision: 0.85 },
  'UCI Yelp': { f1: 0.85, precision: 0.85 },
  'Airline tweets': { f1: 0.8, precision: 0.85 },
};

export type Split = 'tune' | 'holdout' | 'all';

function pick(examples: Example[], split: Split): Example[] {
  return split === 'all' ? examples : examples.filter((e) => e.split === split);
}

/** Scores one classifier function on one dataset split. */
export function evaluate(dataset: Dataset, split: Split, classify: (text: string) => Example['label']): Scores {
  const examples = pick(dataset.examples, split);
  return score(dataset, examples.map((e) => e.label), examples.map((e) => classify(e.text)));
}

/** Earshot's scores on every sentiment set. */
export function evaluateEarshot(dir: string, split: Split, classifier: Classifier = createClassifier()): Array<{ dataset: string; scores: Scores }> {
  return sentimentSets(dir).map((dataset) => ({
    dataset: dataset.name,
    scores: evaluate(dataset, split, (text) => classifier.classify(text, { channel: dataset.binary ? 'survey' : 'social' }).sentiment),
  }));
}

export interface TopicAgreement {
  set: string;
  n: number;
  /** Share of labelled items where a predicted topic is among the expected ones. */
  agreement: number;
  /** Share of labelled items with no topic predicted. */
  none: number;
}

/** Topic agreement against airline negative reasons and support intents. */
export function topicAgreement(dir: string, split: Split, classifier: Classifier = createClassifier()): TopicAgreement[] {
  const airline = sentimentSets(dir)[2]!.examples.filter((e) => e.topics);
  const support = supportIntents(dir);
  return [
    { set: 'Airline negative reasons', items: pick(airline, split) },
    { set: 'Support intents (TwACS)', items: split === 'all' ? support : support.filter((s) => s.split === split) },
  ].map(({ set, items }) => {
    let agree = 0;
    let none = 0;
    for (const item of items) {
      const topics = classifier.classify(item.text, { channel: 'social' }).topics;
      if (!topics.length) none += 1;
      if (topics.some((t) => item.topics!.includes(t))) agree += 1;
    }
    return { set, n: items.length, agreement: items.length ? agree / items.length : 0, none: items.length ? none / items.length : 0 };
  });
}
