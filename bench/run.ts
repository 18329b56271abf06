import './quiet.ts';
import { spawnSync } from 'node:child_process';
import { measureAnswerToAlert } from './answer-to-alert.ts';
import { benchBurst } from './burst.ts';
import { benchCapacity } from './capacity.ts';
import { benchClassifier } from './classifier.ts';
import { benchConsole } from './console.ts';
import { measureColdImports, printColdImports } from './cold-import.ts';
import { benchClassifyProcess } from './classify-process.ts';
import { measureClassifierShare } from './classifier-share.ts';
import { benchDigest } from './digest.ts';
import { percentile, startStackProcess } from './local-stack.ts';

/**
 * `npm run bench`: prints the figures the issues set targets for. Everything runs on loopback,
 * bounded in count and time. Set BENCH_SKIP_TESTS=1 to skip timing `npm test`, BENCH_ONLY=stack to
 * measure the local stack alone (start-up, answer-to-alert, the burst), BENCH_BURST and
 * BENCH_BURST_URGENT to size the burst.
 */
async function main(): Promise<void> {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log('Earshot benchmarks');
  console.log(`node ${process.version}, ${new Date().toISOString()}\n`);

  console.log('== Local stack (npm start) ==');
  // The answers come from 100 different customers within a minute: lift the hourly cap on non-urgent emails.
  const stack = await startStackProcess({ EARSHOT_MAX_ALERTS_PER_HOUR: '1000' });
  console.log(`start to healthy /healthz: ${ms(stack.startupMs)}   (target < 10000 ms)`);
  const count = Number(process.env.BENCH_ANSWERS ?? 100);
  // Warm up: the first request loads every module.
  await measureAnswerToAlert(stack.url, 'local-dev-key', 3);
  const latencies = await measureAnswerToAlert(stack.url, 'local-dev-key', count);
  console.log(
    `answer-to-alert over ${count} answers: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))}   (target p95 < 1000 ms)`,
  );
  const stopped = await stack.stop();
  console.log(`Ctrl-C to exit: ${ms(stopped.ms)}, exit code ${stopped.code}\n`);

  console.log('== A burst with urgent items in it (npm start) ==');
  await benchBurst({
    ordinary: Number(process.env.BENCH_BURST ?? 5000),
    urgent: Number(process.env.BENCH_BURST_URGENT ?? 20),
    concurrency: Number(process.env.BENCH_BURST_CONCURRENCY ?? 20),
  });
  console.log('');
  if (process.env.BENCH_ONLY === 'stack') return;

  console.log('== Function bundles: size, cold import, SDK clients loaded ==');
  console.log('(esbuild, minified, as deployed; cold import = median of 5 fresh Node processes, wall and CPU time;');
  console.log(' targets: bundle < 300 KB, cold import <= 120 ms, no SDK client a function does not call)');
  printColdImports(await measureColdImports());
  console.log('');

  console.log('== Classifier throughput ==');
  const share = await measureClassifierShare();
  console.log(
    `classifier in the process-feedback bundle: ${(share.classifierBytes / 1024).toFixed(1)} KB of ${(share.bundleBytes / 1024).toFixed(1)} KB   (target <= 147 KB: at most 50 KB over the 97 KB of issue 15)`,
  );
  await benchClassifier();
  console.log('');

  console.log('== earshot classify as a whole process, against a node process running wink-sentiment ==');
  await benchClassifyProcess();
  console.log('');

  console.log('== DynamoDB capacity and cost per processed item ==');
  await benchCapacity(Number(process.env.BENCH_ITEMS ?? 400));
  console.log('');

  console.log('== Weekly digest: cost against stored history ==');
  await benchDigest();
  console.log('');

  console.log("== Owner's console: inbox and case pages over stored history ==");
  await benchConsole(Number(process.env.BENCH_CONSOLE_ITEMS ?? 100_000));
  console.log('');

  if (!process.env.BENCH_SKIP_TESTS) {
    console.log('== npm test ==');
    const started = performance.now();
    const result = spawnSync('npm', ['test', '--silent'], { stdio: 'ignore', env: { ...process.env, CI: 'true' } });
    console.log(`npm test wall time: ${((performance.now() - started) / 1000).toFixed(1)} s (exit code ${result.status})`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
