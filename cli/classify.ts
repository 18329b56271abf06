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

/**
 * `earshot classify`: JSON Lines in, one JSON line out per input line, in order. With
 * `"channel":"email"` the text is read as a pasted email: a leading `Subject:` line is the subject,
 * and only the new text counts (quoted history and signature cut as the pipeline cuts them). A line that is not
 * valid JSON (or not a valid input) gets `{"line": n, "error": "..."}` and the rest go on. Blank
 * lines are skipped. Bad lines are reported in the output, so the exit code is 0 unless reading fails.
 */
export async function classifyCommand(input: Readable, output: Writable, extraTopics: Record<string, string[]> = {}): Promise<number> {
  const classifier = createClassifier({ extraTopics });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (!line.trim()) continue;
    let result: unknown;
    try {
      const parsed = inputLine.safeParse(JSON.parse(line));
      if (parsed.success) {
        const { id, text, channel } = parsed.data;
        // A pasted email is judged as the pipeline judges a received one: new text and subject.
        const email = channel === 'email' ? readPastedEmail(text) : undefined;
        const c = email
          ? classifier.classify(email.text, { channel: 'email', ...(email.subject ? { subject: email.subject } : {}) })
          : classifier.classify(text, channel ? { channel } : {});
        result = { id, sentiment: c.sentiment, score: c.score, complaint: c.complaint, urgent: c.urgent, topics: c.topics, language: c.language, cues: c.cues };
      } else {
        result = { line: lineNumber, error: describe(parsed.error) };
      }
    } catch (error) {
      result = { line: lineNumber, error: `not valid JSON: ${(error as Error).message}` };
    }
    if (!output.write(`${JSON.stringify(result)}\n`)) await new Promise((resolve) => output.once('drain', resolve));
  }
  return 0;
}
