/**
 * Evaluation harness (`npm run eval`): Earshot's classifier against wink-sentiment, VADER and AFINN
 * on the labelled sets in ../shared/data, per fixed split (tune and holdout), plus topic agreement.
 * `npm run eval -- --errors 20` also prints Earshot's first misclassified tune examples per set.
 */
import { createClassifier } from '#shared/classifier/index.ts';
import { BASELINES } from './eval/baselines.ts';
import { dataDir, sentimentSets } from './eval/datasets.ts';
import { TARGETS, evaluate, topicAgreement, type Split } from './eval/run.ts';

const dir = dataDir();
if (!dir) {
  console.error('No evaluation data: expected ../shared/data (or set EARSHOT_EVAL_DATA).');
  process.exit(2);
}
const errorsArg = process.argv.indexOf('--errors');
const showErrors = errorsArg > 0 ? Number(process.argv[errorsArg + 1] ?? 20) : 0;
const classifier = createClassifier();
const earshot = (binary: boolean) => (text: string) => classifier.classify(text, { channel: binary ? 'survey' : 'social' }).sentiment;
const pct = (x: number) => x.toFixed(3);

let failures = 0;
for (const dataset of sentimentSets(dir)) {
  console.log(`\n${dataset.name} (${dataset.examples.length} texts; ${dataset.binary ? 'binary: negative vs not' : 'three classes'})`);
  console.log('  split    system              n      acc    macroF1  negP   negR   negF1');
  for (const split of ['tune', 'holdout'] as Split[]) {
    const systems = [{ name: 'Earshot', classify: earshot(dataset.binary) }, ...BASELINES];
    for (const system of systems) {
      const s = evaluate(dataset, split, system.classify);
      const target = TARGETS[dataset.name];
      const miss = system.name === 'Earshot' && target && (s.negative.f1 < target.f1 || s.negative.precision < target.precision);
      if (miss) failures += 1;
      console.log(
        `  ${split.padEnd(8)} ${system.name.padEnd(18)} ${String(s.n).padStart(5)}  ${pct(s.accuracy)}  ${pct(s.macroF1)}    ${pct(s.negative.precision)}  ${pct(s.negative.recall)}  ${pct(s.negative.f1)}${miss ? '  below target' : ''}`,
      );
    }
  }
  const target = TARGETS[dataset.name];
  if (target) console.log(`  target: negative F1 >= ${target.f1}, negative precision >= ${target.precision}`);
  if (showErrors) {
    const classify = earshot(dataset.binary);
    const wrong = dataset.examples.filter((e) => e.split === 'tune').filter((e) => {
      const p = classify(e.text);
      return dataset.binary ? (p === 'negative') !== (e.label === 'negative') : (p === 'negative') !== (e.label === 'negative');
    });
    console.log(`  ${wrong.length} tune errors (negative vs not); first ${showErrors}:`);
    for (const e of wrong.slice(0, showErrors)) {
      const c = classifier.classify(e.text);
      console.log(`    [${e.label} -> ${c.sentiment} ${c.score}] ${e.text.slice(0, 160)}`);
    }
  }
}

console.log('\nTopic agreement (a predicted topic among the expected ones)');
for (const split of ['tune', 'holdout'] as Split[]) {
  for (const t of topicAgreement(dir, split, classifier)) {
    console.log(`  ${split.padEnd(8)} ${t.set.padEnd(26)} n=${String(t.n).padStart(5)}  agreement ${pct(t.agreement)}  no topic ${pct(t.none)}`);
  }
}
console.log(failures ? `\n${failures} result(s) below target.` : '\nAll targets met.');
process.exitCode = failures ? 1 : 0;
