import { createHash } from 'node:crypto';
import PostalMime, { type Address, type Email } from 'postal-mime';
import { cutHtmlQuote, htmlToText } from '#shared/email/html-text.ts';
import { newText } from '#shared/email/reply-text.ts';
import { repairWindows1252, subjectLine } from '#shared/email/subject-line.ts';

export { repairWindows1252 } from '#shared/email/subject-line.ts';

/** Largest inbound message accepted (larger ones are archived and rejected). */
export const MAX_EMAIL_BYTES = 10 * 1024 * 1024;

/** An inbound email, parsed and reduced to what the pipeline needs. */
export interface InboundEmail {
  /**
   * Who wrote, case-folded: From, the author under RFC 5322. Reply-To only when From is a machine
   * address (no-reply, a web form, a notifications sender) that relays what a person typed; a
   * person's own Reply-To often points at a shared mailbox and would tie the mail to the wrong
   * customer.
   */
  sender: string;
  name?: string;
  subject: string;
  /** Message-ID without angle brackets (a hash of the message when it has none). */
  messageId: string;
  /** The conversation: the first of References, else In-Reply-To, else the message itself. */
  threadId: string;
  /** What the sender wrote, without quoted replies and signature. */
  text: string;
  attachments: number;
  orderIds: string[];
  /** Addresses the message was sent to (To, Cc), case-folded: a plus-addressed case tag routes an answer to its case. */
  recipients?: string[];
}

/** What happens to an inbound message. */
export type EmailVerdict =
  | { action: 'accept'; email: InboundEmail }
  | { action: 'skip'; reason: 'auto-reply' | 'bulk' | 'bounce' | 'spam' | 'virus'; email?: InboundEmail }
  | { action: 'reject'; reason: 'too-large' | 'malformed' | 'unknown-charset' | 'missing-from' | 'empty'; detail?: string; email?: Partial<InboundEmail> };

const OUT_OF_OFFICE = /^(?:auto(?:matic)?[ -]?reply|autoreply|auto:|out of (?:the )?office|ooo\b|away from (?:my|the) (?:desk|office)|abwesenheitsnotiz|abwesend|r[ée]ponse automatique|absent du bureau|respuesta autom[áa]tica|fuera de la oficina|automatische antwort)/i;
const BOUNCE_SENDER = /^(?:mailer-daemon|postmaster|mail-daemon|bounces?)@/i;
const BOUNCE_SUBJECT = /^(?:undeliverable|undelivered mail returned|delivery status notification|mail delivery (?:failed|failure|subsystem)|returned mail|failure notice|non remis|unzustellbar|no se puede entregar)/i;
/** Local parts of addresses that relay a person's message (the person is in Reply-To). */
const RELAY_SENDER = /^(?:no-?reply|do-?not-?reply|donotreply|mailer|wordpress|forms?|contact-?form|webform|notifications?|notify)(?:[+.-][^@]*)?@/i;
/**
 * Out-of-office text at the start of a short message, for auto-replies that set none of the
 * headers (a person writing "I was away" about a complaint does not match: first person, present).
 */
const OUT_OF_OFFICE_BODY =
  /^(?:(?:hello|hi|dear [^,\n]{1,40}|thank you for your (?:e-?mail|message)\.?)[,.!]?\s+)?(?:I am|I'm|I will be)\s+(?:currently\s+)?(?:out of (?:the )?office|away|on (?:annual |parental |maternity )?leave|on (?:vacation|holiday))\b|^(?:je suis (?:actuellement )?absent|estoy fuera de la oficina|ich bin (?:bis|vom|derzeit|zur zeit)\b.{0,60}(?:nicht im b[üu]ro|abwesend|im urlaub))/i;

function header(email: Email, name: string): string | undefined {
  return email.headers.find((h) => h.key === name)?.value;
}

function mailbox(address: Address | undefined): { address: string; name: string } | undefined {
  if (!address) return undefined;
  if (address.address) return { address: address.address, name: address.name };
  const first = address.group?.[0];
  return first ? { address: first.address, name: first.name } : undefined;
}

function bareId(value: string | undefined): string | undefined {
  const id = value?.match(/<([^<>\s]+)>/)?.[1] ?? value?.trim().split(/\s+/)[0];
  return id ? id.slice(0, 400) : undefined;
}

/** Whether a charset label names an encoding the runtime decodes (as postal-mime looks it up). */
export function canDecodeCharset(label: string): boolean {
  const tryLabel = (candidate: string): boolean => {
    try {
      new TextDecoder(candidate);
      return true;
    } catch {
      return false;
    }
  };
  const lower = label.trim().toLowerCase();
  if (tryLabel(lower)) return true;
  const normalised = lower.replace(/^(?:x-ms-|x-|cs)/, '').replace(/[\s._-]+/g, '');
  const codePage = /^(?:cp|windows|ms|ibm)(\d+)$/.exec(normalised)?.[1];
  const aliases: Record<string, string> = { '932': 'shift_jis', '936': 'gbk', '949': 'euc-kr', '950': 'big5', '874': 'windows-874' };
  return tryLabel(normalised) || (codePage !== undefined && (aliases[codePage] !== undefined || tryLabel(`windows-${codePage}`)));
}

/**
 * The first charset the message declares for a part (Content-Type) or a header (encoded word)
 * that cannot be decoded: postal-mime would fall back to Windows-1252 and hand over mojibake.
 */
function unknownCharset(raw: string): string | undefined {
  const labels = [
    ...[...raw.matchAll(/^Content-Type:[^\n]*(?:\n[ \t][^\n]*)*/gim)].flatMap((m) => [...m[0].matchAll(/charset\s*=\s*["']?([A-Za-z0-9._:+-]{1,40})/gi)].map((c) => c[1]!)),
    ...[...raw.matchAll(/=\?([A-Za-z0-9._:+-]{1,40})(?:\*[A-Za-z-]{1,20})?\?[BQbq]\?/g)].map((m) => m[1]!),
  ];
  return labels.find((label) => !canDecodeCharset(label));
}

const ORDER_REFERENCE =
  /\b(?:order|ord|pedido|commande|bestellung|bestellnummer|invoice|booking|reservation|ref(?:erence)?)\s*(?:#|no\.?|nr\.?|num(?:ber|\.)?|n[°º]|number:)?\s*:?\s*#?\s*([A-Z0-9][A-Z0-9-]{1,30}\d[A-Z0-9-]*|\d[A-Z0-9-]{2,30})\b/gi;

/** Longest order id (as `POST /v1/orders` accepts it): a longer "reference" cannot name an order. */
export const MAX_ORDER_ID_LENGTH = 128;

/** Longest address RFC 5321 allows: a longer From cannot be anyone's address. */
export const MAX_ADDRESS_LENGTH = 254;

/** Order references quoted in text ("order #4411", "Order No. A-1001") plus configured patterns. */
export function orderReferences(text: string, patterns: string[] = []): string[] {
  const found = new Set<string>();
  const add = (reference: string) => {
    const clean = reference.trim();
    // Only what could be an order id: an over-long or unprintable "reference" is no order's.
    if (clean && clean.length <= MAX_ORDER_ID_LENGTH && !/[\u0000-\u001f\u007f]/.test(clean)) found.add(clean.toUpperCase());
  };
  for (const match of text.matchAll(ORDER_REFERENCE)) add(match[1]!.replace(/-+$/, ''));
  for (const source of patterns) {
    for (const match of text.matchAll(new RegExp(source, 'g'))) if (match[1] ?? match[0]) add(match[1] ?? match[0]);
  }
  return [...found].slice(0, 20);
}

/**
 * Parses an inbound message (raw RFC 5322) and decides what to do with it: accept the new text as
 * feedback, skip it (auto-replies, bulk mail, bounces, spam or virus verdicts: archived and counted,
 * never alerted), or reject it with a reason (too large, malformed, unknown charset, no sender, no
 * text).
 */
export async function readInboundEmail(raw: Uint8Array, options: { orderPatterns?: string[] } = {}): Promise<EmailVerdict> {
  if (raw.byteLength > MAX_EMAIL_BYTES) return { action: 'reject', reason: 'too-large', detail: `${raw.byteLength} bytes` };
  const rawText = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  const headerEnd = rawText.search(/\r?\n\r?\n/);
  if (headerEnd <= 0 || !/^[\x21-\x39\x3b-\x7e]+:/m.test(rawText.slice(0, headerEnd))) {
    return { action: 'reject', reason: 'malformed', detail: 'no header block' };
  }
  let email: Email;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  } catch (error) {
    return { action: 'reject', reason: 'malformed', detail: (error as Error).message.slice(0, 200) };
  }

  const from = mailbox(email.from);
  const replyTo = mailbox(email.replyTo?.[0]);
  const chosen = from && RELAY_SENDER.test(from.address) && replyTo ? replyTo : from;
  const messageId = bareId(email.messageId) ?? `sha256-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;
  const references = (email.references ?? '').match(/<[^<>\s]+>/g) ?? [];
  const threadId = bareId(references[0]) ?? bareId(email.inReplyTo) ?? messageId;
  const subject = subjectLine(email.subject ?? '');
  const body = repairWindows1252(email.text?.trim() ? email.text : email.html ? htmlToText(cutHtmlQuote(email.html)) : '');
  const text = newText(body);
  const partial = {
    ...(chosen ? { sender: chosen.address.trim().toLowerCase(), ...(chosen.name.trim() ? { name: chosen.name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 120) } : {}) } : {}),
    subject,
    messageId,
    threadId,
  };
  const parsed: InboundEmail = {
    sender: partial.sender ?? '',
    ...(partial.name ? { name: partial.name } : {}),
    subject,
    messageId,
    threadId,
    text: text.slice(0, 20_000),
    attachments: email.attachments.filter((a) => a.disposition !== 'inline' || !a.contentId).length,
    orderIds: orderReferences(`${subject}\n${text}`, options.orderPatterns),
    recipients: [...(email.to ?? []), ...(email.cc ?? [])]
      .flatMap((a) => (a.address ? [a.address] : (a.group ?? []).map((g) => g.address)))
      .filter((a): a is string => Boolean(a))
      .map((a) => a.trim().toLowerCase())
      .slice(0, 50),
  };

  const contentType = header(email, 'content-type') ?? '';
  if (/^fail$/i.test(header(email, 'x-ses-virus-verdict') ?? '')) return { action: 'skip', reason: 'virus', email: parsed };
  if (/^fail$/i.test(header(email, 'x-ses-spam-verdict') ?? '')) return { action: 'skip', reason: 'spam', email: parsed };
  if (/multipart\/report/i.test(contentType) || (from && BOUNCE_SENDER.test(from.address)) || BOUNCE_SUBJECT.test(subject)) {
    return { action: 'skip', reason: 'bounce', email: parsed };
  }
  const autoSubmitted = header(email, 'auto-submitted');
  const precedence = header(email, 'precedence') ?? '';
  if (
    (autoSubmitted && !/^no$/i.test(autoSubmitted.trim())) ||
    header(email, 'x-autoreply') ||
    header(email, 'x-autorespond') ||
    /auto_reply/i.test(precedence) ||
    /^<\s*>$/.test(header(email, 'return-path')?.trim() ?? '') ||
    OUT_OF_OFFICE.test(subject) ||
    (parsed.text.length < 600 && OUT_OF_OFFICE_BODY.test(parsed.text.trim()))
  ) {
    return { action: 'skip', reason: 'auto-reply', email: parsed };
  }
  if (/^(bulk|junk|list)$/i.test(precedence.trim()) || header(email, 'list-id') || header(email, 'list-unsubscribe')) {
    return { action: 'skip', reason: 'bulk', email: parsed };
  }
  const charset = unknownCharset(rawText.slice(0, 200_000));
  if (charset) return { action: 'reject', reason: 'unknown-charset', detail: charset, email: partial };
  if (!chosen || !/^[^@\s]+@[^@\s]+$/.test(chosen.address)) return { action: 'reject', reason: 'missing-from', email: partial };
  if (chosen.address.trim().length > MAX_ADDRESS_LENGTH) {
    return { action: 'reject', reason: 'missing-from', detail: `address of ${chosen.address.trim().length} characters (at most ${MAX_ADDRESS_LENGTH})`, email: { ...partial, sender: partial.sender!.slice(0, 100) } };
  }
  if (!parsed.text.trim()) return { action: 'reject', reason: 'empty', email: partial };
  return { action: 'accept', email: parsed };
}
