/**
 * The yardstick for `earshot classify` as a whole process: a plain node process running
 * wink-sentiment over the same JSON Lines (`{"id","text"}` on stdin), one JSON line out per input
 * (id, score, sentiment), read and written the way the classify command reads and writes them.
 */
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const wink = createRequire(import.meta.url)('wink-sentiment');
let parts = [];
let size = 0;
const flush = () => {
  process.stdout.write(parts.join(''));
  parts = [];
  size = 0;
};
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  const { id, text } = JSON.parse(line);
  const score = wink(text).normalizedScore;
  const out = JSON.stringify({ id, score, sentiment: score < 0 ? 'negative' : score > 0 ? 'positive' : 'neutral' });
  parts.push(out, '\n');
  size += out.length + 1;
  if (size >= 65_536) flush();
}
flush();
