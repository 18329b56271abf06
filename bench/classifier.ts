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

function rate(texts: string[], classify: (text: string) => unknown, rounds = 1): number {
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) for (const text of texts) classify(text);
  return (texts.length * rounds) / ((performance.now() - started) / 1000);
}

interface Contender {
  name: string;
  classify: (text: string) => unknown;
}

/**
 * Texts per second for Earshot's classifier and the published libraries over the same texts, in
 * one run (the UCI and airline sets when present, else a built-in sample repeated). Each library
 * gets the same treatment, one after the other:
 * - first pass: the held-out texts once, straight after loading (includes compiling and any
 *   one-time set-up, as in a fresh Lambda container);
 * - steady state: after a warm-up pass over the tune texts, `rounds` passes over the held-out
 *   texts (as in a container that has been serving for a while). The target compares this one.
 */
export async function benchClassifier(): Promise<void> {
  const dir = dataDir();
  const examples = dir
    ? sentimentSets(dir).flatMap((set) => set.examples)
    : Array.from({ length: 4000 }, (_, i) => ({ text: FALLBACK[i % FALLBACK.length]!, split: i % 2 ? 'holdout' : 'tune' }));
  const warmUp = examples.filter((e) => e.split === 'tune').map((e) => e.text);
  const measured = examples.filter((e) => e.split === 'holdout').map((e) => e.text);
  const rounds = Number(process.env.BENCH_CLASSIFIER_ROUNDS ?? 3);
  const earshot = createClassifier();
  const contenders: Contender[] = [
    { name: 'Earshot: sentiment, complaint, cues, topics, language', classify: (t) => earshot.classify(t) },
    ...BASELINES.map((b) => ({ name: `${b.name}: sentiment only`, classify: b.classify })),
  ];
  const results = contenders.map(({ name, classify }) => {
    const first = rate(measured, classify);
    rate(warmUp, classify);
    return { name, first, steady: rate(measured, classify, rounds) };
  });
  const source = dir ? 'UCI Amazon + Yelp + airline tweets' : 'built-in sample';
  console.log(`${measured.length} held-out texts (${source}); warm-up on ${warmUp.length} tune texts; steady state over ${rounds} rounds`);
  console.log(`${''.padEnd(58)} ${'first pass'.padStart(12)} ${'steady state'.padStart(14)}`);
  const figure = (value: number) => `${Math.round(value).toLocaleString('en-US')} /s`;
  for (const { name, first, steady } of results) console.log(`${name.padEnd(58)} ${figure(first).padStart(12)} ${figure(steady).padStart(14)}`);
  const wink = results.find((r) => r.name.startsWith('wink'))!;
  console.log(
    `Earshot / wink-sentiment: steady state ${(results[0]!.steady / wink.steady).toFixed(2)}x (target >= 1.00x), first pass ${(results[0]!.first / wink.first).toFixed(2)}x`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchClassifier();
