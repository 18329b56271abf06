import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '#shared/classifier/index.ts';
import { htmlToText } from '#shared/email/html-text.ts';
import { readPastedEmail } from '#shared/email/pasted-email.ts';
import { readInboundEmail, repairWindows1252 } from '#shared/email/inbound-email.ts';
import { emailMessage } from '#shared/use-cases/ingest-email.ts';
import { classifyMessage } from '#shared/use-cases/process-feedback.ts';
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
    const result = spawnSync('npm', ['run', '-s', 'earshot', '--', 'classify'], {
      input: '{"id":"1","text":"Still no refund"}\n',
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toMatchObject({ id: '1', sentiment: 'negative', complaint: true });
  });
  it('splits its input into lines as readline does, however the input arrives in chunks', async () => {
    const input = Buffer.from(
      [
        '{"id":"a","text":"Late again"}\r\n',
        '{"id":"b","text":"Lovely café 😊"}\r',
        '\r\n\n   \n',
        'not json\r',
        '{"id":"c","text":"Der Kellner war unfreundlich, 😡","channel":"social"}\n',
        '{"id":"d","text":"Subject: Overcharged\\n\\nThe bill was higher than the quote","channel":"email"}\n',
        '{"id":"e"}\n',
        '{"id":"f","text":"no newline at the end"}',
      ].join(''),
    );
    // The answers readline's lines get, line numbers included, as JSON.stringify writes them.
    const classifier = createClassifier();
    const expected: string[] = [];
    let n = 0;
    for await (const line of createInterface({ input: Readable.from([input]), crlfDelay: Infinity })) {
      n += 1;
      if (!line.trim()) continue;
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(line) as Record<string, unknown>;
      } catch {
        expected.push(`line ${n}: not valid JSON`);
        continue;
      }
      if (typeof value.text !== 'string') {
        expected.push(`line ${n}: text`);
        continue;
      }
      const email = value.channel === 'email' ? readPastedEmail(value.text) : undefined;
      const c = email
        ? classifier.classify(email.text, { channel: 'email', ...(email.subject ? { subject: email.subject } : {}) })
        : classifier.classify(value.text, value.channel ? { channel: value.channel as 'social' } : {});
      expected.push(JSON.stringify({ id: value.id, sentiment: c.sentiment, score: c.score, complaint: c.complaint, urgent: c.urgent, topics: c.topics, language: c.language, cues: c.cues }));
    }
    expect(expected).toHaveLength(7);
    for (const size of [1, 2, 3, 5, 8, 13, 64, input.length]) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < input.length; at += size) chunks.push(input.subarray(at, at + size));
      let out = '';
      const sink = new Writable({
        write(chunk, _encoding, done) {
          out += String(chunk);
          done();
        },
      });
      await classifyCommand(Readable.from(chunks), sink);
      const got = out
        .trim()
        .split('\n')
        .map((line) => {
          const value = JSON.parse(line) as { line?: number; error?: string };
          if (value.line === undefined) return line;
          return `line ${value.line}: ${value.error!.startsWith('not valid JSON') ? 'not valid JSON' : value.error!.split(':')[0]}`;
        });
      expect(got, `chunks of ${size} bytes`).toEqual(expected);
    }
  });

  it('reads a pasted email as the pipeline reads it: subject line, new text only', async () => {
    const email = 'Subject: Overcharged £80\n\nHi, the bill was higher than the quote. Could you adjust it?\n\nOn Mon, 1 Jun 2026, Bright Boilers <hello@bright.example> wrote:\n> Thanks for choosing us, we are the best!';
    const [lines] = await Promise.all([run(`${JSON.stringify({ id: 'e', text: email, channel: 'email' })}\n`)]);
    expect(lines[0]).toMatchObject({ id: 'e', sentiment: 'negative', complaint: true });
    // Without the email channel the same paste is read as plain text, quoted praise and all.
    const [plain] = await run(`${JSON.stringify({ id: 'p', text: 'Thanks for choosing us, we are the best!\n> Thanks' })}\n`);
    expect(plain).toMatchObject({ sentiment: 'positive' });
  });
});

describe('earshot command start-up: built JavaScript, rebuilt when stale', () => {
  /** `npm run -s earshot -- classify` as a person runs it, with the builds kept in `cache`. */
  function classify(cache: string, text: string) {
    const result = spawnSync('npm', ['run', '-s', 'earshot', '--', 'classify'], {
      input: `${JSON.stringify({ id: 'x', text })}\n`,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', EARSHOT_CLI_CACHE: cache },
    });
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout.trim()) as Record<string, unknown>;
  }
  /** A cache of its own, under node_modules as the real one (the build loads packages from there). */
  const newCache = () => {
    mkdirSync(resolve('node_modules/.cache'), { recursive: true });
    return mkdtempSync(resolve('node_modules/.cache/earshot-cli-test-'));
  };
  const current = (cache: string) => JSON.parse(readFileSync(join(cache, 'current.json'), 'utf8')) as { dir: string; inputs: Array<[string, number, number]> };

  it('builds on first use in a clean checkout, then reuses the build', () => {
    const cache = newCache();
    try {
      expect(classify(cache, 'Still no refund after three weeks')).toMatchObject({ id: 'x', sentiment: 'negative', complaint: true });
      const first = current(cache);
      expect(first.inputs.map(([file]) => file)).toEqual(expect.arrayContaining(['cli/earshot.ts', 'cli/classify.ts', 'shared/classifier/index.ts']));
      expect(classify(cache, 'Lovely, thank you!')).toMatchObject({ sentiment: 'positive' });
      expect(current(cache).dir).toBe(first.dir);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }, 60_000);

  it('uses the build that npm ci made (the prepare script), and rebuilds when a source file changed since', () => {
    const cache = newCache();
    try {
      const prepare = spawnSync(process.execPath, ['cli/build.mjs'], { encoding: 'utf8', env: { ...process.env, EARSHOT_CLI_CACHE: cache } });
      expect(prepare.status, prepare.stderr).toBe(0);
      const built = current(cache);
      expect(classify(cache, 'The waiter was rude')).toMatchObject({ sentiment: 'negative' });
      expect(current(cache).dir).toBe(built.dir);
      // As if shared/classifier/index.ts had been edited after the build: its recorded size no longer matches.
      const stale = { ...built, inputs: built.inputs.map(([file, mtime, size]) => [file, mtime, file === 'shared/classifier/index.ts' ? size + 1 : size]) };
      writeFileSync(join(cache, 'current.json'), JSON.stringify(stale));
      expect(classify(cache, 'The waiter was rude')).toMatchObject({ sentiment: 'negative' });
      expect(current(cache).dir).not.toBe(built.dir);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }, 60_000);
});

/** What a person pastes from their mail client: the subject line, a blank line, the body as shown. */
async function pasted(raw: Buffer): Promise<string> {
  const email = await PostalMime.parse(raw);
  const body = repairWindows1252(email.text?.trim() ? email.text : htmlToText(email.html ?? ''));
  return `Subject: ${email.subject ?? ''}\n\n${body}`;
}

describe('earshot classify agrees with the pipeline on every email fixture', () => {
  const classifier = createClassifier();
  const files = [
    ...readdirSync('test/fixtures/email').filter((f) => f.endsWith('.eml')).map((f) => `test/fixtures/email/${f}`),
    ...readdirSync('test/fixtures/classifier/email').filter((f) => f.endsWith('.eml')).map((f) => `test/fixtures/classifier/email/${f}`),
  ];

  it('judges each accepted email the same from its pasted text as processing does from the queue message', async () => {
    let compared = 0;
    for (const file of files) {
      const raw = readFileSync(file);
      const verdict = await readInboundEmail(raw, { orderPatterns: [] });
      if (verdict.action !== 'accept') continue;
      const message = emailMessage(verdict.email, 'email-test', 'raw/key', new Date('2026-06-01T10:00:00Z'));
      const pipeline = classifyMessage(message, classifier);
      const [cli] = (await run(`${JSON.stringify({ id: file, text: await pasted(raw), channel: 'email' })}\n`)) as Array<Record<string, unknown>>;
      expect(cli, file).toEqual({
        id: file,
        sentiment: pipeline.sentiment,
        score: pipeline.score,
        complaint: pipeline.complaint,
        urgent: pipeline.urgent,
        topics: pipeline.topics,
        language: pipeline.language,
        cues: pipeline.cues,
      });
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(30);
  });

  it('classifies the subject with the new text in processing', async () => {
    const judged = async (name: string) => {
      const verdict = await readInboundEmail(readFileSync(`test/fixtures/classifier/email/${name}`), { orderPatterns: [] });
      if (verdict.action !== 'accept') throw new Error(`${name} was not accepted`);
      return classifyMessage(emailMessage(verdict.email, 'email-test', 'raw/key', new Date('2026-06-01T10:00:00Z')), classifier);
    };
    // A calm body under a complaint in the subject.
    expect(await judged('overcharged-subject.eml')).toMatchObject({ sentiment: 'negative', complaint: true });
    expect(await judged('german-html-subject.eml')).toMatchObject({ sentiment: 'negative', complaint: true, language: 'de' });
    // An urgent cue in the subject the customer wrote: the body alone says nothing of it.
    expect(await judged('urgent-subject.eml')).toMatchObject({ urgent: true, cues: ['illness'] });
    expect(classifier.classify('Please call me back today, my number is below.', { channel: 'email' }).urgent).toBe(false);
    // A reply whose subject names the old problem, and whose new text says it is put right.
    expect(await judged('re-subject-fixed.eml')).toMatchObject({ sentiment: 'positive', complaint: false, urgent: false });
  });
});
