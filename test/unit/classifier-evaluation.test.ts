import { describe, expect, it } from 'vitest';
import { dataDir } from '../../scripts/eval/datasets.ts';
import { TARGETS, evaluateEarshot } from '../../scripts/eval/run.ts';

const dir = dataDir();
if (!dir) console.log('classifier evaluation skipped: no data folder at ../shared/data (set EARSHOT_EVAL_DATA)');

describe.skipIf(!dir)('classifier evaluation against the labelled sets', () => {
  for (const split of ['tune', 'holdout'] as const) {
    it(`meets the negative-class targets on the ${split} split`, () => {
      for (const { dataset, scores } of evaluateEarshot(dir!, split)) {
        const target = TARGETS[dataset]!;
        expect(scores.negative.f1, `${dataset} ${split} negative F1`).toBeGreaterThanOrEqual(target.f1);
        expect(scores.negative.precision, `${dataset} ${split} negative precision`).toBeGreaterThanOrEqual(target.precision);
      }
    });
  }
});
