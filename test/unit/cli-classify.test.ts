import { spawnSync } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { classifyCommand } from '../../cli/classify.ts';

async function run(input: string): Promise<unknown[]> {
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  await classifyCommand(Readable.from([input]), sink);
  return out.trim().split('\n').map((line) => JSON.parse(line));
}

describe('earshot classify', () => {
  it('answers one line per input, in order, with the contract fields', async () => {
    const lines = await run('{"id":"a","text":"Waited 50 minutes, food was cold"}\n{"id":"b","text":"Lovely, thank you!","channel":"survey"}\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ id: 'a', sentiment: 'negative', complaint: true, urgent: false, language: 'en' });
    expect(lines[1]).toMatchObject({ id: 'b', sentiment: 'positive', complaint: false });
    for (const line of lines as Array<Record<string, unknown>>) {
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['id', 'sentiment', 'score', 'complaint', 'urgent', 'topics', 'language']));
    }
  });

  it('answers a bad line with an error line and goes on', async () => {
    const lines = await run('not json\n{"id":"x"}\n\n{"id":"c","text":"I got food poisoning","channel":"email"}\n');
    expect(lines[0]).toMatchObject({ line: 1 });
    expect((lines[0] as { error: string }).error).toMatch(/JSON/);
    expect(lines[1]).toMatchObject({ line: 2 });
    expect((lines[1] as { error: string }).error).toMatch(/text/);
    expect(lines[2]).toMatchObject({ id: 'c', urgent: true, complaint: true });
  });

  it('runs as the npm command from the contract', () => {
    const result = spawnSync('npx', ['tsx', 'cli/earshot.ts', 'classify'], {
      input: '{"id":"1","text":"Still no refund"}\n',
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toMatchObject({ id: '1', sentiment: 'negative', complaint: true });
  });
});
