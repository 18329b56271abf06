import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import * as z from 'zod';
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

/**
 * Output written in blocks rather than line by line: what one chunk of input produced goes out in
 * one write (at the latest when the event loop turns, so someone typing lines sees each answer at
 * once), and the command waits when the reader is slower.
 */
class BlockWriter {
  private parts: string[] = [];
  private size = 0;
  private scheduled = false;

  constructor(private readonly output: Writable) {}

  /** Adds a line; answers a promise to wait for when the reader is behind, else undefined (no await per line). */
  line(text: string): Promise<void> | undefined {
    const behind = this.output.writableNeedDrain ? new Promise<void>((resolve) => this.output.once('drain', () => resolve())) : undefined;
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    if (this.size >= 65_536) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
    return behind;
  }

  flush(): void {
    if (!this.parts.length) return;
    this.output.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/**
 * `earshot classify`: JSON Lines in, one JSON line out per input line, in order. With
 * `"channel":"email"` the text is read as a pasted email: a leading `Subject:` line is the subject,
 * and only the new text counts (quoted history and signature cut as the pipeline cuts them). A line
 * that is not valid JSON (or not a valid input) gets `{"line": n, "error": "..."}` and the rest go
 * on. Blank lines are skipped. Bad lines are reported in the output, so the exit code is 0 unless
 * reading fails.
 */
export async function classifyCommand(input: Readable, output: Writable, extraTopics: Record<string, string[]> = {}): Promise<number> {
  const classifier = createClassifier({ extraTopics });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const writer = new BlockWriter(output);
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (!line.trim()) continue;
    let result: unknown;
    try {
      const checked = asInput(JSON.parse(line));
      if ('input' in checked) {
        const { id, text, channel } = checked.input;
        // A pasted email is judged as the pipeline judges a received one: new text and subject.
        const email = channel === 'email' ? readPastedEmail(text) : undefined;
        const c = email
          ? classifier.classify(email.text, { channel: 'email', ...(email.subject ? { subject: email.subject } : {}) })
          : classifier.classify(text, channel ? { channel } : {});
        result = { id, sentiment: c.sentiment, score: c.score, complaint: c.complaint, urgent: c.urgent, topics: c.topics, language: c.language, cues: c.cues };
      } else {
        result = { line: lineNumber, error: checked.error };
      }
    } catch (error) {
      result = { line: lineNumber, error: `not valid JSON: ${(error as Error).message}` };
    }
    const behind = writer.line(JSON.stringify(result));
    if (behind) await behind;
  }
  writer.flush();
  return 0;
}
