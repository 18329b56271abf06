import { INVISIBLE_FORMAT } from '#shared/domain/customer-url.ts';
import type { OutgoingEmail } from '#shared/ports/mailer.ts';
import { headerSafe } from '#shared/web/html.ts';

/** RFC 5322: a line is at most 998 characters. Lines are kept well below, so no relay folds them. */
export const MAX_LINE_LENGTH = 998;

/** Header names: printable ASCII without the colon (RFC 5322 field name). */
const HEADER_NAME = /^[!-9;-~]{1,76}$/;

/** An address as SES takes it: one mailbox, nothing invisible, no control characters, no spaces. */
const ADDRESS = /^[^\s@<>,;:"\\\u0000-\u001f\u007f-\u009f\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]{1,64}@[^\s@<>,;:"\\\u0000-\u001f\u007f-\u009f\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]{1,189}$/;

/** Invisible format characters written as visible escapes: U+202E becomes `[U+202E]`. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE_FORMAT, (char) => `[U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** A text value on one line: CR, LF, and the other line and paragraph breaks become spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u000b\u000c\u0085\u2028\u2029]+/g, ' ');
}

/**
 * Breaks a plain-text line longer than `max` at its last space before the limit (or at the limit
 * when it has none), so no line of the text part is longer than a line may be.
 */
export function wrapText(text: string, max = MAX_LINE_LENGTH): string {
  return text
    .split('\n')
    .map((line) => {
      const parts: string[] = [];
      let rest = line;
      while (rest.length > max) {
        const space = rest.lastIndexOf(' ', max);
        // No space to break at: cut at the limit, but never between the halves of a surrogate pair.
        const hard = /[\udc00-\udfff]/.test(rest[max]!) ? max - 1 : max;
        const cut = space > max / 2 ? space : hard;
        parts.push(rest.slice(0, cut));
        rest = rest.slice(space > max / 2 ? cut + 1 : cut);
      }
      parts.push(rest);
      return parts.join('\n');
    })
    .join('\n');
}

/**
 * Breaks HTML lines longer than `max` without changing what is shown: inside a tag, at a space
 * between attributes (a newline is the same there); in text, with `<wbr\n>` (a break opportunity
 * whose newline is inside the tag, so no space appears). Never inside a quoted attribute value, a
 * character reference or a surrogate pair.
 */
export function wrapHtml(markup: string, max = MAX_LINE_LENGTH): string {
  const out: string[] = [];
  let column = 0;
  let inTag = false;
  let inEntity = false;
  let quote: string | undefined;
  let lastTagSpace = -1;
  for (let i = 0; i < markup.length; i += 1) {
    const char = markup[i]!;
    if (char === '\n') {
      column = 0;
      lastTagSpace = -1;
      out.push(char);
      continue;
    }
    const code = char.charCodeAt(0);
    const splittable = !(code >= 0xdc00 && code <= 0xdfff);
    // Leave room for the `<wbr\n>` that may be needed before this character.
    if (column >= max - 8 && splittable) {
      if (inTag && !quote && lastTagSpace >= 0) {
        out[lastTagSpace] = '\n';
        column = out.length - lastTagSpace - 1;
        lastTagSpace = -1;
      } else if (!inTag && !inEntity) {
        out.push('<wbr\n>');
        column = 1;
      }
    }
    if (inTag) {
      if (quote) {
        if (char === quote) quote = undefined;
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '>') inTag = false;
      else if (char === ' ' || char === '\t') lastTagSpace = out.length;
    } else if (char === '<') {
      inTag = true;
      inEntity = false;
      lastTagSpace = -1;
    } else if (char === '&') inEntity = true;
    else if (inEntity && !/[#0-9A-Za-z]/.test(char)) inEntity = false;
    out.push(char);
    column += 1;
  }
  return out.join('');
}

/**
 * Every email the system sends, made safe on the wire: headers (subject and the rest) without
 * control, line-break or invisible format characters, header names checked, only well-formed
 * addresses; bodies with invisible format characters shown as `[U+202E]`-style escapes, line
 * breaks normalised, and no line longer than 998 characters. Pure.
 */
export function hygienicEmail(email: OutgoingEmail): OutgoingEmail {
  const addresses = (list: string[]) => list.map((a) => a.trim()).filter((a) => ADDRESS.test(a));
  const to = addresses(email.to);
  if (!to.length) throw new Error('no recipient address that can be sent to');
  const headers = Object.fromEntries(
    Object.entries(email.headers ?? {})
      .filter(([name]) => HEADER_NAME.test(name))
      .map(([name, value]) => [name, headerSafe(value, 900)]),
  );
  const replyTo = email.replyTo ? addresses(email.replyTo) : [];
  const text = wrapText(showInvisible(email.text.replace(/\r\n?|\u2028|\u2029/g, '\n')));
  return {
    // The sender is the business's own (configured, never a customer's text), kept on one line.
    ...(email.from ? { from: headerSafe(email.from, 320) } : {}),
    to,
    subject: headerSafe(email.subject, 250),
    html: wrapHtml(showInvisible(email.html.replace(/\r\n?/g, '\n'))),
    text,
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(replyTo.length ? { replyTo } : {}),
  };
}
