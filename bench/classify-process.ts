import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDir, sentimentSets } from '../scripts/eval/datasets.ts';

const FALLBACK = [
  'Waited 50 minutes for a cold burger and the waiter was rude.',
  'Lovely evening, thank you! Donna at the front desk was wonderful.',
  'Still no refund after three weeks, second time this has happened.',
  'Great, another 2 hour wait. Thanks for nothing.',
  'The parcel arrived broken and nobody answers the phone.',
  'Not bad at all, I can’t complain.',
];

/** The seconds of one `times` line of a POSIX shell (`0m7.120000s 0m0.456000s`: user, then system). */
function shellSeconds(line: string): number {
  let seconds = 0;
  for (const [, minutes, rest] of line.matchAll(/(\d+)m([\d.]+)s/g)) seconds += Number(minutes) * 60 + Number(rest);
  return seconds;
}

/**
 * Runs a command with a file as its stdin, through `sh` so that the shell's `times` reports the CPU
 * time (user + system) of the whole process tree it waited for (npm, its shell and node, or node
 * alone); resolves with the wall time, that CPU time and the lines the command wrote.
 */
function timed(command: string, args: string[], inputFile: string): Promise<{ seconds: number; cpu: number; lines: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const input = openSync(inputFile, 'r');
    const started = performance.now();
    const script = '"$@"; status=$?; times >&2; exit $status';
    const child = spawn('sh', ['-c', script, 'sh', command, ...args], { stdio: [input, 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    closeSync(input);
    let lines = 0;
    let errors = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      errors += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const report = errors.trimEnd().split('\n');
      // `times` prints the shell's own times, then its children's: the command's whole tree.
      const cpu = shellSeconds(report.at(-1) ?? '');
      const rest = report.slice(0, -2).join('\n');
      if (rest.trim()) process.stderr.write(`${rest}\n`);
      resolve({ seconds: (performance.now() - started) / 1000, cpu, lines, code });
    });
  });
}

/**
 * The `classify` command as a whole process, started as the contract says (`npm run -s earshot --
 * classify`, so npm, Node start-up and loading the CLI are counted), against a plain `node` process
 * running wink-sentiment (bench/wink-process.mjs) on the same JSON Lines: the airline tweets
 * repeated BENCH_PROCESS_REPEAT times (16: 234,240 texts), or a built-in sample. Each runs
 * BENCH_PROCESS_ROUNDS times (2), alternately; the best time of each is compared, by wall time and by
 * CPU time (user + system of the whole process tree, as the shell's `times` reports it).
 */
export async function benchClassifyProcess(): Promise<void> {
  const dir = dataDir();
  const repeat = Number(process.env.BENCH_PROCESS_REPEAT ?? 16);
  const rounds = Number(process.env.BENCH_PROCESS_ROUNDS ?? 2);
  const base = dir ? sentimentSets(dir).find((set) => set.name === 'Airline tweets')!.examples.map((e) => e.text) : Array.from({ length: 14_640 }, (_, i) => FALLBACK[i % FALLBACK.length]!);
  const lines: string[] = [];
  for (let r = 0; r < repeat; r += 1) base.forEach((text, i) => lines.push(JSON.stringify({ id: `${r}-${i}`, text })));
  const folder = mkdtempSync(join(tmpdir(), 'earshot-bench-'));
  const file = join(folder, 'texts.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  try {
    // A fresh `npm ci` has built the CLI (its prepare script); make sure this checkout's build is current too.
    await timed('npm', ['run', '-s', 'earshot', '--', 'help'], file);
    const earshot: number[] = [];
    const wink: number[] = [];
    const earshotCpu: number[] = [];
    const winkCpu: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const [times, cpuTimes, command, args] of [
        [earshot, earshotCpu, 'npm', ['run', '-s', 'earshot', '--', 'classify']],
        [wink, winkCpu, process.execPath, ['bench/wink-process.mjs']],
      ] as const) {
        const run = await timed(command, [...args], file);
        if (run.code !== 0 || run.lines !== lines.length) throw new Error(`${command} ${args.join(' ')}: exit ${run.code}, ${run.lines} of ${lines.length} lines`);
        times.push(run.seconds);
        cpuTimes.push(run.cpu);
      }
    }
    const source = dir ? `airline tweets x ${repeat}` : `built-in sample x ${repeat}`;
    const best = (times: number[]) => Math.min(...times);
    const rate = (seconds: number) => `${Math.round(lines.length / seconds).toLocaleString('en-US')} texts/s`;
    const show = (times: number[]) => times.map((t) => `${t.toFixed(2)} s`).join(', ');
    console.log(`${lines.length.toLocaleString('en-US')} texts (${source}), JSON Lines in and out, whole processes, ${rounds} rounds each, alternating`);
    console.log(`npm run -s earshot -- classify       best ${best(earshot).toFixed(2)} s  ${rate(best(earshot)).padStart(16)}   (runs: ${show(earshot)}; CPU ${show(earshotCpu)})`);
    console.log(`node bench/wink-process.mjs          best ${best(wink).toFixed(2)} s  ${rate(best(wink)).padStart(16)}   (runs: ${show(wink)}; CPU ${show(winkCpu)})`);
    console.log(`Earshot classify / wink-sentiment, whole process: ${(best(wink) / best(earshot)).toFixed(2)}x by wall time (target >= 1.00x)`);
    // On a busy machine wall times swing with the load; CPU time (user + system of the whole process tree) much less.
    if (best(earshotCpu) > 0 && best(winkCpu) > 0) console.log(`  by CPU time: ${(best(winkCpu) / best(earshotCpu)).toFixed(2)}x (best ${best(earshotCpu).toFixed(2)} s against ${best(winkCpu).toFixed(2)} s)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchClassifyProcess();
