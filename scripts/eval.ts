/**
 * Evaluation harness (`npm run eval`): Earshot's classifier against wink-sentiment, VADER and AFINN
 * on the labelled sets in ../shared/data, per fixed split (tune and holdout), plus topic agreement.
 * `npm run eval -- --errors 20` also prints Earshot's first misclassified tune examples per set.
 */
import { createClassifier } from '#shared/classifier/index.ts';
import { BASELINES } from './eval/baselines.ts';
import { dataDir, sentimentSets } from './eval/datasets.ts';
import { DEV_TARGETS, devSet, evaluateDevSet, type DevScores } from './eval/dev-set.ts';
import { TARGETS, evaluate, topicAgreement, type Split } from './eval/run.ts';

const errorsArg = process.argv.indexOf('--errors');
const showErrors = errorsArg > 0 ? Number(process.argv[errorsArg + 1] ?? 20) : 0;
const classifier = createClassifier();
const earshot = (binary: boolean) => (text: string) => classifier.classify(text, { channel: binary ? 'survey' : 'social' }).sentiment;
const pct = (x: number) => x.toFixed(3);

let failures = 0;

// The project's own development set (in the repository, so it always runs).
const items = devSet();
console.log(`Earshot development set (${items.length} texts: survey, email, social; en, es, fr, de; see test/fixtures/classifier/dev-set/GUIDE.md)`);
console.log('  split    lang  n     negP   negR   negF1  | complP complR complF1 | urgP   urgR   urgF1  cue    harmless flagged');
const row = (split: string, language: string, s: DevScores) =>
  `  ${split.padEnd(8)} ${language.padEnd(4)} ${String(s.n).padStart(4)}  ${pct(s.negative.precision)}  ${pct(s.negative.recall)}  ${pct(s.negative.f1)}  | ${pct(s.complaint.precision)}  ${pct(s.complaint.recall)}  ${pct(s.complaint.f1)}  | ${pct(s.urgent.precision)}  ${pct(s.urgent.recall)}  ${pct(s.urgent.f1)}  ${pct(s.cueAgreement)}  ${s.harmlessFlagged}`;
for (const split of ['tune', 'report'] as const) {
  const { scores, byLanguage } = evaluateDevSet(classifier, split, items);
  const miss =
    split === 'report' &&
    (scores.negative.f1 < DEV_TARGETS.negativeF1 ||
      scores.complaint.f1 < DEV_TARGETS.complaintF1 ||
      scores.urgent.recall < DEV_TARGETS.urgentRecall ||
      scores.urgent.precision < DEV_TARGETS.urgentPrecision);
  if (miss) failures += 1;
  console.log(`${row(split, 'all', scores)}${miss ? '  below target' : ''}`);
  for (const [language, s] of Object.entries(byLanguage)) console.log(row('', language, s));
}
for (const baseline of BASELINES) {
  const report = items.filter((item) => item.split === 'report');
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const item of report) {
    const predicted = baseline.classify(item.subject ? `${item.subject}\n${item.text}` : item.text) === 'negative';
    const gold = item.sentiment === 'negative';
    if (gold && predicted) tp += 1;
    else if (predicted) fp += 1;
    else if (gold) fn += 1;
  }
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  console.log(`  report   ${baseline.name.padEnd(18)} negative F1 ${pct(precision + recall ? (2 * precision * recall) / (precision + recall) : 0)} (sentiment only; subject and whole body)`);
}
console.log(
  `  target on the report half: negative F1 >= ${DEV_TARGETS.negativeF1}, complaint F1 >= ${DEV_TARGETS.complaintF1}, urgent recall >= ${DEV_TARGETS.urgentRecall} with precision >= ${DEV_TARGETS.urgentPrecision}`,
);
if (showErrors) {
  const { misses } = evaluateDevSet(classifier, 'tune', items);
  console.log(`  ${misses.length} tune texts with something wrong; first ${showErrors}:`);
  for (const { item, got, wrong } of misses.slice(0, showErrors)) {
    const expected = `${item.sentiment}${item.complaint ? ' complaint' : ''}${item.urgent ? ` urgent:${item.urgent}` : ''}`;
    const predicted = `${got.sentiment} ${got.score}${got.complaint ? ' complaint' : ''}${got.urgent ? ` urgent:${got.cues.join('+')}` : ''}`;
    console.log(`    ${item.id} [${wrong.join(',')}] ${expected} -> ${predicted}: ${item.subject ? `(${item.subject}) ` : ''}${item.text.replace(/\n/g, ' / ').slice(0, 140)}`);
  }
}

const dir = dataDir();
if (!dir) {
  console.error('\nNo public evaluation data: expected ../shared/data (or set EARSHOT_EVAL_DATA).');
  process.exit(2);
}
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
