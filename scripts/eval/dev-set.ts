/**
 * The project's own development set (test/fixtures/classifier/dev-set): small-business survey
 * answers, emails and social posts in English, Spanish, French and German, written and labelled by
 * the Earshot team (see the GUIDE.md beside it). Split once and for all into a tune half (rules are
 * tuned on it) and a report half (the honest figure).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { Classification, Classifier, UrgentCue } from '#shared/domain/classification.ts';
import { newText } from '#shared/email/reply-text.ts';

export const DEV_SET_DIR = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'classifier', 'dev-set');

const CUES = ['illness', 'injury', 'safety', 'legal', 'discrimination', 'press', 'fraud', 'data-leak'] as const;

/** What each kind of text exercises (GUIDE.md describes them). */
export const KINDS = [
  'subject',
  'remedy',
  'broken-claim',
  'rating',
  'praise-idiom',
  'complaint-idiom',
  'harmless-alarm',
  'request',
  'courtesy',
  'urgent',
  'mild',
  'farewell',
  'email-history',
  'plain-complaint',
  'plain-praise',
] as const;

const itemSchema = z
  .object({
    id: z.string().regex(/^(en|es|fr|de)-\d+$/),
    channel: z.enum(['survey', 'email', 'social']),
    kind: z.enum(KINDS),
    subject: z.string().optional(),
    text: z.string().min(1),
    sentiment: z.enum(['negative', 'neutral', 'positive']),
    complaint: z.boolean(),
    urgent: z.enum(CUES).nullable(),
  })
  .strict()
  .refine((item) => item.channel === 'email' || item.subject === undefined, 'only emails have a subject')
  .refine((item) => item.urgent === null || (item.complaint && item.sentiment === 'negative'), 'an urgent text is a negative complaint');

export type DevItem = z.infer<typeof itemSchema> & { language: string; split: 'tune' | 'report' };
export type DevSplit = 'tune' | 'report' | 'all';

/** FNV-1a of a string, as a non-negative integer. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Every item of the development set with its split. The split is stratified: items are ordered by
 * language, kind and urgent cue (then by a hash of the id) and dealt alternately into tune and
 * report, so every kind and every cue of every language has items in both halves. It depends on the
 * ids alone, never on the classifier.
 */
export function devSet(dir = DEV_SET_DIR): DevItem[] {
  const items: Array<Omit<DevItem, 'split'>> = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (!line.trim()) return;
        const parsed = itemSchema.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues[0]?.message}`);
        items.push({ ...parsed.data, language: parsed.data.id.slice(0, 2) });
      });
  }
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw new Error(`duplicate id ${item.id}`);
    ids.add(item.id);
  }
  const group = (item: Omit<DevItem, 'split'>) => `${item.language}|${item.kind}|${item.urgent ?? ''}`;
  const ordered = [...items].sort((a, b) => group(a).localeCompare(group(b)) || hash(a.id) - hash(b.id) || a.id.localeCompare(b.id));
  const splitOf = new Map(ordered.map((item, i) => [item.id, i % 2 === 0 ? 'tune' : 'report'] as const));
  return items.map((item) => ({ ...item, split: splitOf.get(item.id)! }));
}

/**
 * How the pipeline judges an item: an email by its new text (quoted history and signature cut by
 * the code the inbound-email path uses) together with its subject; the rest by their text.
 */
export function judge(classifier: Classifier, item: Pick<DevItem, 'channel' | 'text' | 'subject'>): Classification {
  if (item.channel !== 'email') return classifier.classify(item.text, { channel: item.channel });
  return classifier.classify(newText(item.text), { channel: 'email', ...(item.subject !== undefined ? { subject: item.subject } : {}) });
}

export interface Rates {
  precision: number;
  recall: number;
  f1: number;
  /** True positives, false positives, false negatives. */
  tp: number;
  fp: number;
  fn: number;
}

function rates(pairs: Array<[boolean, boolean]>): Rates {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [gold, predicted] of pairs) {
    if (gold && predicted) tp += 1;
    else if (predicted) fp += 1;
    else if (gold) fn += 1;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, tp, fp, fn };
}

export interface DevScores {
  n: number;
  negative: Rates;
  complaint: Rates;
  urgent: Rates;
  /** Of the urgent texts flagged urgent, the share whose cues include the labelled one. */
  cueAgreement: number;
  /** Harmless alarm words flagged urgent or negative. */
  harmlessFlagged: number;
}

export interface DevMiss {
  item: DevItem;
  got: Classification;
  wrong: Array<'sentiment' | 'complaint' | 'urgent'>;
}

/** Scores a classifier on one half (or all) of the development set, and lists what it got wrong. */
export function evaluateDevSet(classifier: Classifier, split: DevSplit, items: DevItem[] = devSet()): { scores: DevScores; misses: DevMiss[]; byLanguage: Record<string, DevScores> } {
  const chosen = items.filter((item) => split === 'all' || item.split === split);
  const results = chosen.map((item) => ({ item, got: judge(classifier, item) }));
  const score = (list: typeof results): DevScores => {
    const urgentHits = list.filter(({ item, got }) => item.urgent && got.urgent);
    return {
      n: list.length,
      negative: rates(list.map(({ item, got }) => [item.sentiment === 'negative', got.sentiment === 'negative'])),
      complaint: rates(list.map(({ item, got }) => [item.complaint, got.complaint])),
      urgent: rates(list.map(({ item, got }) => [item.urgent !== null, got.urgent])),
      cueAgreement: urgentHits.length ? urgentHits.filter(({ item, got }) => got.cues.includes(item.urgent as UrgentCue)).length / urgentHits.length : 0,
      harmlessFlagged: list.filter(({ item, got }) => item.kind === 'harmless-alarm' && (got.urgent || got.sentiment === 'negative')).length,
    };
  };
  const byLanguage: Record<string, DevScores> = {};
  for (const language of ['en', 'es', 'fr', 'de']) byLanguage[language] = score(results.filter(({ item }) => item.language === language));
  const misses: DevMiss[] = [];
  for (const { item, got } of results) {
    const wrong: DevMiss['wrong'] = [];
    if ((item.sentiment === 'negative') !== (got.sentiment === 'negative')) wrong.push('sentiment');
    if (item.complaint !== got.complaint) wrong.push('complaint');
    if ((item.urgent !== null) !== got.urgent) wrong.push('urgent');
    if (wrong.length) misses.push({ item, got, wrong });
  }
  return { scores: score(results), misses, byLanguage };
}

/** Targets on the report half (issue #15). */
export const DEV_TARGETS = { negativeF1: 0.9, complaintF1: 0.9, urgentRecall: 0.9, urgentPrecision: 0.7 };
