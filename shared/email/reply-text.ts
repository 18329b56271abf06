/**
 * The new text of a reply: what the sender wrote above the quoted earlier message and above their
 * signature. Pure; works on plain text (HTML is turned into text first).
 */

/** A line that starts the quoted earlier message (the line and everything after it go). */
const QUOTE_HEADERS: RegExp[] = [
  /^On\b.{0,300}\bwrote:\s*$/i,
  /^-{2,}\s*Original Message\s*-{2,}/i,
  /^-{2,}\s*Forwarded message\s*-{2,}/i,
  /^Begin forwarded message:/i,
  /^Le\b.{0,300}\ba écrit\s*:\s*$/i,
  /^El\b.{0,300}\bescribió:\s*$/i,
  /^Am\b.{0,300}\bschrieb\b.{0,200}:\s*$/i,
  /^_{10,}\s*$/,
];

/** A line that starts the signature or a mobile footer (the line and everything after it go). */
const SIGNATURE_STARTS: RegExp[] = [
  /^-- ?$/,
  /^(Sent from|Get) (my )?(iPhone|iPad|Android|Samsung|Galaxy|BlackBerry|Outlook|Yahoo Mail|Mail for Windows)\b/i,
  /^Sent from Outlook\b/i,
  /^Get Outlook for (iOS|Android)/i,
  /^Enviado desde mi\b/i,
  /^Envoyé de mon\b/i,
  /^Von meinem\b.{0,60}\bgesendet/i,
];

/** Outlook's plain-text reply header: `From: …` followed by `Sent:`/`Date:` within a few lines. */
function isOutlookHeader(lines: string[], i: number): boolean {
  if (!/^\*?(From|De|Von|Van):\*?\s/i.test(lines[i]!)) return false;
  return lines.slice(i + 1, i + 5).some((line) => /^\*?(Sent|Date|Envoyé|Enviado|Gesendet|Datum|Fecha):\*?\s/i.test(line));
}

export interface ReplyText {
  /** What the sender wrote. */
  text: string;
  /** The quoted or forwarded part that was cut (for a forward with no note of its own). */
  quoted: string;
}

/** Splits a message body into the sender's own new text and the quoted part. */
export function splitReply(body: string): ReplyText {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    const wrappedOn = /^On\b/i.test(line) && !/wrote:\s*$/i.test(line) && /\bwrote:\s*$/i.test(lines[i + 1]?.trim() ?? '');
    if (QUOTE_HEADERS.some((p) => p.test(line)) || wrappedOn || isOutlookHeader(lines, i)) {
      end = i;
      break;
    }
  }
  const own = lines.slice(0, end);
  const quoted = lines.slice(end).join('\n').trim();
  let signatureAt = own.length;
  for (let i = 0; i < own.length; i += 1) {
    if (SIGNATURE_STARTS.some((p) => p.test(own[i]!.trim()))) {
      signatureAt = i;
      break;
    }
  }
  const text = own
    .slice(0, signatureAt)
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, quoted };
}
