/**
 * Every answer the classifier gives over the development set, the public sets (each text as a
 * survey answer and as a social post) and the support intents, one JSON line per text, on stdout:
 * `npx tsx scripts/eval-outputs.ts > before.jsonl`, change the classifier, run it again and compare
 * the files byte for byte (a change meant to be faster must leave every answer as it was).
 */
import { createClassifier } from '#shared/classifier/index.ts';
import { dataDir, sentimentSets, supportIntents } from './eval/datasets.ts';
import { devSet, judge } from './eval/dev-set.ts';

const classifier = createClassifier();
const parts: string[] = [];
for (const item of devSet()) parts.push(JSON.stringify({ set: 'dev', id: item.id, ...judge(classifier, item) }));
const dir = dataDir();
if (!dir) {
  console.error('No public evaluation data: expected ../shared/data (or set EARSHOT_EVAL_DATA).');
  process.exit(2);
}
for (const dataset of sentimentSets(dir)) {
  dataset.examples.forEach((example, i) => {
    for (const channel of ['survey', 'social'] as const) parts.push(JSON.stringify({ set: dataset.name, i, channel, ...classifier.classify(example.text, { channel }) }));
  });
}
supportIntents(dir).forEach((example, i) => parts.push(JSON.stringify({ set: 'support', i, ...classifier.classify(example.text, { channel: 'social' }) })));
process.stdout.write(`${parts.join('\n')}\n`);
