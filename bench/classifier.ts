import { createClassifier } from '#shared/classifier/index.ts';
import { BASELINES } from '../scripts/eval/baselines.ts';
import { dataDir, sentimentSets } from '../scripts/eval/datasets.ts';

/** Built-in texts when the evaluation data is absent, so the benchmark always runs. */
const FALLBACK = [
  'Waited 50 minutes for a cold burger and the waiter was rude.',
  'Lovely evening, thank you! Donna at the front desk was wonderful.',
  'Still no refund after three weeks, second time this has happened.',
  'Great, another 2 hour wait. Thanks for nothing.',
  'The parcel arrived broken and nobody answers the phone.',
  'Not bad at all, I can’t complain.',
];

function throughput(texts: string[], classify: (text: string) => unknown, rounds: number): number {
  for (const text of texts.slice(0, 500)) classify(text); // warm up
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) for (const text of texts) classify(text);
  return (texts.length * rounds) / ((performance.now() - started) / 1000);
}

/**
 * Texts per second for Earshot's classifier and the published libraries over the same texts, in
 * one run (the UCI and airline sets when present, else a built-in sample repeated).
 */
export async function benchClassifier(): Promise<void> {
  const dir = dataDir();
  const texts = dir ? sentimentSets(dir).flatMap((set) => set.examples.map((e) => e.text)) : Array.from({ length: 2000 }, (_, i) => FALLBACK[i % FALLBACK.length]!);
  const rounds = Number(process.env.BENCH_CLASSIFIER_ROUNDS ?? 2);
  const earshot = createClassifier();
  const results = [
    { name: 'Earshot (sentiment, complaint, cues, topics, language)', rate: throughput(texts, (t) => earshot.classify(t), rounds) },
    ...BASELINES.map((b) => ({ name: `${b.name} (sentiment only)`, rate: throughput(texts, b.classify, rounds) })),
  ];
  console.log(`${texts.length} texts x ${rounds} rounds (${dir ? 'UCI Amazon + Yelp + airline tweets' : 'built-in sample'})`);
  for (const { name, rate } of results) console.log(`${name.padEnd(58)} ${Math.round(rate).toLocaleString('en-US').padStart(9)} texts/s`);
  const wink = results.find((r) => r.name.startsWith('wink'))!.rate;
  console.log(`Earshot / wink-sentiment: ${(results[0]!.rate / wink).toFixed(2)}x   (target >= 1.00x)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchClassifier();
