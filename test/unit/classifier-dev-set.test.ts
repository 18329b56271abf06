import { describe, expect, it } from 'vitest';
import { createClassifier } from '#shared/classifier/index.ts';
import { devSet, evaluateDevSet, KINDS } from '../../scripts/eval/dev-set.ts';

/**
 * Floors on the project's development set (test/fixtures/classifier/dev-set): a change that makes
 * the classifier catch fewer complaints, urgent cues or negative texts than it does now fails here.
 * Raise a floor when the classifier gets better; never lower one to let a change through.
 */
const FLOORS = {
  tune: { negativeF1: 0.97, complaintF1: 0.98, urgentRecall: 0.98, urgentPrecision: 0.95, harmlessFlagged: 1 },
  report: { negativeF1: 0.93, complaintF1: 0.93, urgentRecall: 0.95, urgentPrecision: 0.9, harmlessFlagged: 4 },
};

describe('classifier on the development set', () => {
  const items = devSet();

  it('holds at least 400 labelled texts of every kind, in four languages and three channels, split in two halves', () => {
    expect(items.length).toBeGreaterThanOrEqual(400);
    for (const language of ['en', 'es', 'fr', 'de']) {
      const own = items.filter((item) => item.language === language);
      for (const kind of KINDS) expect(own.some((item) => item.kind === kind), `${language} ${kind}`).toBe(true);
    }
    for (const channel of ['survey', 'email', 'social']) expect(items.some((item) => item.channel === channel)).toBe(true);
    const tune = items.filter((item) => item.split === 'tune').length;
    expect(Math.abs(tune - (items.length - tune))).toBeLessThanOrEqual(1);
    // Every urgent cue of every kind is in both halves.
    for (const split of ['tune', 'report']) {
      for (const cue of ['illness', 'injury', 'safety', 'legal', 'discrimination', 'press', 'fraud', 'data-leak']) {
        expect(items.some((item) => item.split === split && item.urgent === cue), `${split} ${cue}`).toBe(true);
      }
    }
  });

  for (const split of ['tune', 'report'] as const) {
    it(`stays at or above its floors on the ${split} half`, () => {
      const { scores } = evaluateDevSet(createClassifier(), split, items);
      const floor = FLOORS[split];
      expect(scores.negative.f1, 'negative F1').toBeGreaterThanOrEqual(floor.negativeF1);
      expect(scores.complaint.f1, 'complaint F1').toBeGreaterThanOrEqual(floor.complaintF1);
      expect(scores.urgent.recall, 'urgent recall').toBeGreaterThanOrEqual(floor.urgentRecall);
      expect(scores.urgent.precision, 'urgent precision').toBeGreaterThanOrEqual(floor.urgentPrecision);
      expect(scores.harmlessFlagged, 'harmless alarm words flagged urgent or negative').toBeLessThanOrEqual(floor.harmlessFlagged);
    });
  }
});
