import type { Dataset, Label } from './datasets.ts';

export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  negative: { precision: number; recall: number; f1: number };
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function classScores(gold: Label[], predicted: Label[], label: Label) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  gold.forEach((g, i) => {
    const p = predicted[i];
    if (p === label && g === label) tp += 1;
    else if (p === label) fp += 1;
    else if (g === label) fn += 1;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { precision, recall, f1: f1(precision, recall) };
}

/**
 * Accuracy, macro-F1 and negative-class precision/recall/F1. On binary sets (no neutral class) a
 * prediction is "negative" or "not negative", so a neutral prediction counts as positive.
 */
export function score(dataset: Pick<Dataset, 'binary'>, gold: Label[], predicted: Label[]): Scores {
  const labels: Label[] = dataset.binary ? ['negative', 'positive'] : ['negative', 'neutral', 'positive'];
  const mapped = dataset.binary ? predicted.map((p) => (p === 'negative' ? 'negative' : 'positive')) : predicted;
  const correct = gold.filter((g, i) => g === mapped[i]).length;
  const perClass = labels.map((label) => classScores(gold, mapped, label));
  return {
    n: gold.length,
    accuracy: gold.length ? correct / gold.length : 0,
    macroF1: perClass.reduce((sum, s) => sum + s.f1, 0) / labels.length,
    negative: classScores(gold, mapped, 'negative'),
  };
}
