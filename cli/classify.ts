import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import * as z from 'zod';
import type { Classification } from '#shared/domain/classification.ts';
import { createClassifier } from '#shared/classifier/index.ts';
import { readPastedEmail } from '#shared/email/pasted-email.ts';

const inputLine = z.object({
  id: z.string().min(1),
  text: z.string(),
  channel: z.enum(['survey', 'email', 'social']).optional(),
});

/** Describes why a parsed line is not a valid input, naming the field. */
function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'line'}: ${issue.message}` : 'invalid input';
}

/** The channels a line may name. */
const CHANNELS = new Set(['survey', 'email', 'social']);

type Input = z.infer<typeof inputLine>;

/** A parsed line as an input: checked by hand when it is well formed (most are), by the schema otherwise. */
function asInput(value: unknown): { input: Input } | { error: string } {
  const line = value as Partial<Record<'id' | 'text' | 'channel', unknown>> | null;
  if (line && typeof line === 'object' && typeof line.id === 'string' && line.id && typeof line.text === 'string' && (line.channel === undefined || CHANNELS.has(line.channel as string))) {
    return { input: line as Input };
  }
  const parsed = inputLine.safeParse(value);
  return parsed.success ? { input: parsed.data } : { error: describe(parsed.error) };
}

/** A list of strings as JSON (most lists of topics and cues are empty). */
function jsonList(list: string[]): string {
  return list.length ? JSON.stringify(list) : '[]';
}

/**
 * The output line of a classified input: what `JSON.stringify` makes of `{id, sentiment, score,
 * complaint, urgent, topics, language, cues}`, written out field by field (sentiment and language
 * are fixed codes, the rest is stringified as JSON).
 */
function answerLine(id: string, c: Classification): string {
  const score = Number.isFinite(c.score) ? String(c.score) : 'null';
  return `{"id":${JSON.stringify(id)},"sentiment":"${c.sentiment}","score":${score},"complaint":${c.complaint},"urgent":${c.urgent},"topics":${jsonList(c.topics)},"language":${JSON.stringify(c.language)},"cues":${jsonList(c.cues)}}`;
}

/** A line break as readline reads them: `\r\n`, `\n` or a lone `\r`. */
const LINE_BREAK = /\r\n|\n|\r/g;

/**
 * `earshot classify`: JSON Lines in, one JSON line out per input line, in order. With
 * `"channel":"email"` the text is read as a pasted email: a leading `Subject:` line is the subject,
 * and only the new text counts (quoted history and signature cut as the pipeline cuts them). A line
 * that is not valid JSON (or not a valid input) gets `{"line": n, "error": "..."}` and the rest go
 * on. Blank lines are skipped. Bad lines are reported in the output, so the exit code is 0 unless
 * reading fails.
 *
 * Input is read in the chunks the stream delivers and split into lines as readline splits them (a
 * line ends at `\n`, `\r\n` or a lone `\r`); what one chunk's lines produce goes out in one write
 * (so someone typing lines sees each answer at once), and the next chunk is read only once the
 * reader has taken it when the reader is slower.
 */
export async function classifyCommand(input: Readable, output: Writable, extraTopics: Record<string, string[]> = {}): Promise<number> {
  const classifier = createClassifier({ extraTopics });
  const decoder = new StringDecoder('utf8');
  let lineNumber = 0;
  /** The start of a line whose end has not come yet. */
  let rest = '';
  /** The last chunk ended with `\r`: a `\n` starting the next one belongs to that line break. */
  let afterReturn = false;
  let out: string[] = [];

  const answer = (line: string): void => {
    lineNumber += 1;
    if (!line.trim()) return;
    try {
      const checked = asInput(JSON.parse(line));
      if ('input' in checked) {
        const { id, text, channel } = checked.input;
        // A pasted email is judged as the pipeline judges a received one: new text and subject.
        const email = channel === 'email' ? readPastedEmail(text) : undefined;
        const c = email
          ? classifier.classify(email.text, { channel: 'email', ...(email.subject ? { subject: email.subject } : {}) })
          : classifier.classify(text, channel ? { channel } : {});
        out.push(answerLine(id, c));
      } else {
        out.push(JSON.stringify({ line: lineNumber, error: checked.error }));
      }
    } catch (error) {
      out.push(JSON.stringify({ line: lineNumber, error: `not valid JSON: ${(error as Error).message}` }));
    }
  };

  const flush = async (): Promise<void> => {
    if (!out.length) return;
    const block = `${out.join('\n')}\n`;
    out = [];
    if (!output.write(block)) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
  };

  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (!text) continue;
    if (afterReturn && text.charCodeAt(0) === 10) text = text.slice(1);
    afterReturn = text.charCodeAt(text.length - 1) === 13;
    let start = 0;
    if (text.includes('\r')) {
      LINE_BREAK.lastIndex = 0;
      for (let found = LINE_BREAK.exec(text); found; found = LINE_BREAK.exec(text)) {
        answer(start === 0 && rest ? rest + text.slice(0, found.index) : text.slice(start, found.index));
        if (start === 0) rest = '';
        start = LINE_BREAK.lastIndex;
      }
    } else {
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        answer(start === 0 && rest ? rest + text.slice(0, end) : text.slice(start, end));
        if (start === 0) rest = '';
        start = end + 1;
      }
    }
    rest = start === 0 ? rest + text : text.slice(start);
    await flush();
  }
  // As readline does, an incomplete character at the very end is dropped, not answered.
  if (rest) answer(rest);
  await flush();
  return 0;
}
