import { MAX_TEXT_LENGTH } from '#shared/domain/feedback.ts';
import { subjectLine } from '#shared/email/subject-line.ts';
import { newText } from '#shared/email/reply-text.ts';

/** Header lines a mail client shows above a message, as a person copies them. */
const HEADER_LINE = /^(?:subject|betreff|objet|asunto|from|de|von|to|an|à|a|para|cc|date|datum|fecha|sent|gesendet|envoyé|enviado|reply-to)\s?:/i;
const SUBJECT_LINE = /^(?:subject|betreff|objet|asunto)\s?:\s?(.*)$/i;

/**
 * An email pasted as text, read as the pipeline reads a received one: a `Subject:` line at the top
 * (among other header lines, which are dropped) is the subject; the body is cut to the new text
 * (quoted history and signature removed) by the code the inbound-email path uses.
 */
export function readPastedEmail(pasted: string): { subject?: string; text: string } {
  const lines = pasted.replace(/\r\n?/g, '\n').split('\n');
  let at = 0;
  while (at < lines.length && !lines[at]!.trim()) at += 1;
  let subject: string | undefined;
  const first = at;
  while (at < lines.length && HEADER_LINE.test(lines[at]!.trim())) {
    const match = SUBJECT_LINE.exec(lines[at]!.trim());
    if (match) subject = subjectLine(match[1]!);
    at += 1;
  }
  // Header lines count only when one of them is the subject; otherwise the text starts at the top.
  const body = subject === undefined ? lines.slice(first).join('\n') : lines.slice(at).join('\n');
  const text = newText(body).slice(0, MAX_TEXT_LENGTH);
  return subject ? { subject, text } : { text };
}
