/** Header text as the pipeline keeps it. Pure, and light enough for the command line. */

/** Windows-1252 characters at 0x80-0x9F (undefined positions stay as they are). */
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Text decoded as ISO-8859-1 that was really Windows-1252 (as most "Latin-1" mail is, and as
 * browsers read it) shows C1 control characters where curly quotes, dashes and € were.
 */
export function repairWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
}

/** An email's subject as the pipeline keeps it: one line, control characters gone, at most 500 characters. */
export function subjectLine(subject: string): string {
  return repairWindows1252(subject).replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 500);
}
