import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_INDEX,
  COMPLAINT_PATTERNS,
  SARCASM_INDEX,
  SARCASM_PATTERNS,
  URGENT_INDEX,
  URGENT_PATTERNS,
  type TriggerIndex,
} from '#shared/classifier/patterns.ts';
import { clean, fold, tokens } from '#shared/classifier/text.ts';
import { dataDir, sentimentSets, supportIntents } from '../../scripts/eval/datasets.ts';
import { devSet } from '../../scripts/eval/dev-set.ts';

/** Texts to check on: the evaluation sets when present, and the project's own fixtures and tests. */
function corpus(): string[] {
  const texts: string[] = [];
  const dir = dataDir();
  if (dir) {
    texts.push(...sentimentSets(dir).flatMap((set) => set.examples.map((e) => e.text)));
    texts.push(...supportIntents(dir).map((s) => s.text));
  }
  for (const language of ['es', 'fr', 'de']) {
    for (const line of readFileSync(`test/fixtures/classifier/${language}.jsonl`, 'utf8').trim().split('\n')) texts.push((JSON.parse(line) as { text: string }).text);
  }
  // Every quoted string in the unit tests of the classifier and the fixtures' email bodies.
  for (const file of ['test/unit/classifier.test.ts', 'test/unit/mentions.test.ts']) {
    for (const match of readFileSync(file, 'utf8').matchAll(/'([^'\n]{6,200})'/g)) texts.push(match[1]!);
  }
  for (const file of readdirSync('test/fixtures/email').filter((f) => f.endsWith('.eml'))) texts.push(readFileSync(`test/fixtures/email/${file}`, 'latin1'));
  // The development set, each email also with its subject as the classifier reads it.
  for (const item of devSet()) texts.push(item.text, ...(item.subject ? [`${item.subject}. ${item.text}`] : []));
  for (const match of readFileSync('test/unit/classifier-feedback.test.ts', 'utf8').matchAll(/['"`]([^'"`\n]{6,200})['"`]/g)) texts.push(match[1]!);
  return texts;
}

/** Indexes of the patterns the words can trigger, ascending: those whose every group of trigger words a word hits, and those tried on every text. */
function candidates(index: TriggerIndex, words: string[]): number[] {
  const hit = new Uint8Array(index.full.length);
  for (const pattern of index.always) hit[pattern] = index.full[pattern]!;
  for (const word of words) for (const entry of index.triggeredBy(word)) hit[entry >> 3]! |= 1 << (entry & 7);
  const found: number[] = [];
  for (let pattern = 0; pattern < hit.length; pattern += 1) if (hit[pattern] === index.full[pattern]) found.push(pattern);
  return found;
}

describe('pattern triggers', () => {
  const texts = corpus();

  it('never skip a pattern that matches', () => {
    const missed: string[] = [];
    for (const text of texts) {
      const cleaned = clean(text);
      const folded = fold(cleaned);
      const words = tokens(cleaned).map((t) => t.key);
      for (const [patterns, index, name] of [
        [COMPLAINT_PATTERNS.map((p) => p.pattern), COMPLAINT_INDEX, 'complaint'],
        [URGENT_PATTERNS.map((p) => p.pattern), URGENT_INDEX, 'urgent'],
        [SARCASM_PATTERNS, SARCASM_INDEX, 'sarcasm'],
      ] as const) {
        const tried = new Set(candidates(index, words));
        patterns.forEach((pattern, i) => {
          if (pattern.test(folded) && !tried.has(i)) missed.push(`${name}[${i}]: ${text.slice(0, 80)}`);
        });
      }
    }
    expect(missed.slice(0, 20)).toEqual([]);
    expect(texts.length).toBeGreaterThan(100);
  }, 180_000);
});
