/**
 * The new text of a reply: what the sender wrote above the quoted earlier message and above their
 * signature. Pure; works on plain text (HTML is turned into text first).
 */

/** "On <date>, <person> wrote:" in the languages of the mail clients customers use. */
const ATTRIBUTION: RegExp[] = [
  /^On\b.{0,300}\bwrote\s?:$/i,
  /^Le\b.{0,300}\ba [ée]crit\s?:$/i,
  /^El\b.{0,300}\bescribi[óo]\s?:$/i,
  /^Am\b.{0,300}\bschrieb\b.{0,200}:$/i,
  /^Op\b.{0,300}\bschreef\b.{0,200}:$/i,
  /^Il\b.{0,300}\bha scritto\s?:$/i,
  /^Em\b.{0,300}\bescreveu\s?:$/i,
  /^Den\b.{0,300}\bskrev\b.{0,200}:$/i,
];

/** The line that opens a forwarded message (Gmail, Apple Mail, Thunderbird; en, fr, es, de). */
export const FORWARD_MARKER =
  /^(?:-{2,}\s*(?:Forwarded message|Message transf[ée]r[ée]|Mensaje reenviado|Weitergeleitete Nachricht|Original-Nachricht)\s*-{2,}|Begin forwarded message:|D[ée]but du message r[ée]exp[ée]di[ée]\s?:|Inicio del mensaje reenviado:|Anfang der weitergeleiteten Nachricht:)/i;

/** A line that starts the quoted earlier message (the line and everything after it go). */
const QUOTE_HEADERS: RegExp[] = [
  ...ATTRIBUTION,
  /^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Oorspronkelijk bericht|Messaggio originale)\s*-{2,}/i,
  FORWARD_MARKER,
  /^_{10,}$/,
];

/** A line that starts the signature or a mobile footer (the line and everything after it go). */
const SIGNATURE_STARTS: RegExp[] = [
  /^-- ?$/,
  /^Sent from my [\w .,'-]{1,40}$/i,
  /^(?:Sent from|Get) (?:my )?(?:iPhone|iPad|Android|Samsung|Galaxy|BlackBerry|Outlook|Yahoo Mail|Mail for Windows|Mail)\b/i,
  /^Sent with Proton Mail\b/i,
  /^Get Outlook for (?:iOS|Android)/i,
  /^Enviado desde mi\b/i,
  /^Enviado do meu\b/i,
  /^Envoy[ée] de mon\b/i,
  /^Von meinem\b.{0,60}\bgesendet/i,
  /^Verzonden vanaf mijn\b/i,
  /^Inviato da(?:l mio)?\b.{0,40}$/i,
];

/** A closing line on its own ("Kind regards", "Mit freundlichen Grüßen"): it and the name below go. */
const VALEDICTION =
  /^(?:(?:kind|best|warm|many thanks and|with)?\s*regards|best(?: wishes)?|thanks(?: again| and regards)?|thank you|many thanks|cheers|sincerely|yours(?: sincerely| faithfully| truly)?|mit freundlichen gr[üu](?:ß|ss)en|(?:viele|liebe|beste) gr[üu](?:ß|ss)e|cordialement|bien [àa] vous|bien cordialement|salutations|(?:un )?saludo(?:s)?|atentamente|cordiales saludos|un abrazo)[,.!]?$/i;

/** Outlook's plain-text reply header: `From: …` followed by `Sent:`/`Date:` within a few lines. */
function isOutlookHeader(lines: string[], i: number): boolean {
  if (!/^\*?(?:From|De|Von|Van|Da|Fra)\s?:\*?\s/i.test(lines[i]!.trim())) return false;
  return lines
    .slice(i + 1, i + 5)
    .some((line) => /^\*?(?:Sent|Date|Envoy[ée]|Enviado|Gesendet|Datum|Fecha|Verzonden|Inviato|Data|Sendt)\s?:\*?\s/i.test(line.trim()));
}

/** An attribution line wrapped by the client over two lines ("On Mon, … <a@b.example>" / "wrote:"). */
function isWrappedAttribution(lines: string[], i: number): boolean {
  const next = lines[i + 1]?.trim();
  if (!next || next.length > 120) return false;
  const joined = `${lines[i]!.trim()} ${next}`;
  return ATTRIBUTION.some((p) => p.test(joined));
}

export interface ReplyText {
  /** What the sender wrote. */
  text: string;
  /** The quoted or forwarded part that was cut (for a forward with no note of its own). */
  quoted: string;
}

/**
 * Splits a message body into the sender's own new text and the quoted part: cut at the first
 * attribution line ("On … wrote:", also wrapped over two lines and in other languages), Outlook
 * reply header or "Original Message" separator, or forward marker; then cut the signature ("-- ",
 * "Sent from my iPhone"); `>` lines left in between (inline quoting) go too.
 */
export function splitReply(body: string): ReplyText {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (QUOTE_HEADERS.some((p) => p.test(line)) || isWrappedAttribution(lines, i) || isOutlookHeader(lines, i)) {
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
  // A closing formula among the last few lines ends the message: what follows is a name and title.
  const lastLines = own.slice(0, signatureAt).map((line, i) => ({ line: line.trim(), i })).filter((l) => l.line);
  const closing = lastLines.slice(-6).find((l, k, tail) => VALEDICTION.test(l.line) && tail.length - k <= 5 && l.i > (lastLines[0]?.i ?? 0));
  if (closing) signatureAt = closing.i;
  const text = own
    .slice(0, signatureAt)
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, quoted };
}

/**
 * What the sender wrote in a message body, as the pipeline judges it: the new text above quoted
 * replies and the signature; for a forward with no note of its own, the forwarded message's text
 * (what the sender wants read).
 */
export function newText(body: string): string {
  const reply = splitReply(body);
  if (reply.text || !FORWARD_MARKER.test(reply.quoted)) return reply.text;
  return splitReply(reply.quoted.replace(/^.*\n/, '').replace(/^(?:From|Date|Subject|To|Cc):.*\n/gim, '')).text;
}
