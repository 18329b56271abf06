import { createHash } from 'node:crypto';
import { MAX_EMAIL_BYTES, readInboundEmail, type InboundEmail } from '#shared/email/inbound-email.ts';
import { feedbackMessageSchema, issuesOf, MAX_TEXT_LENGTH, type FeedbackMessage } from '#shared/domain/feedback.ts';
import { localDate } from '#shared/domain/week.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { caseTagIn } from '#shared/domain/console-tokens.ts';

/** The first case tag among the recipients (verified later, by the processing function). */
function caseTagOf(recipients: string[]): string | undefined {
  for (const address of recipients) {
    const tag = caseTagIn(address);
    if (tag) return tag;
  }
  return undefined;
}
import { queueFeedback } from '#shared/use-cases/queue-feedback.ts';

/** The feedback id of an email: the same Message-ID always gives the same id. */
export function emailFeedbackId(messageId: string): string {
  return `email-${createHash('sha256').update(messageId).digest('base64url').slice(0, 22)}`;
}

/**
 * The id an inbound message is known by from the start (the local helper answers with it): from
 * its Message-ID, so the same message stored twice is one item downstream; from the object key
 * when there is none to read (too large, not a message at all).
 */
export function inboundEmailId(key: string, messageId?: string): string {
  return messageId ? emailFeedbackId(messageId) : `email-key-${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
}

export type IngestOutcome =
  | { action: 'queued'; id: string }
  | { action: 'skipped' | 'rejected'; id: string; reason: string; counted: boolean }
  | { action: 'gone'; key: string };

/** The feedback message of an accepted email. */
export function emailMessage(email: InboundEmail, id: string, key: string, receivedAt: Date): FeedbackMessage {
  return {
    version: 1,
    id,
    channel: 'email',
    receivedAt: receivedAt.toISOString(),
    rawKey: key,
    text: email.text.slice(0, MAX_TEXT_LENGTH),
    customer: { email: email.sender, ...(email.name ? { name: email.name } : {}) },
    orderIds: email.orderIds,
    email: {
      subject: email.subject,
      messageId: email.messageId,
      threadId: email.threadId,
      ...(caseTagOf(email.recipients ?? []) ? { caseTag: caseTagOf(email.recipients ?? [])! } : {}),
    },
  };
}

/**
 * Takes one inbound email stored in the raw-input bucket (by the SES receipt rule, or locally by
 * `POST /_local/inbound-email`) through parsing: accepted mail is queued as feedback; auto-replies,
 * bulk mail, bounces and spam are skipped, and broken or oversized mail is rejected, each counted
 * and set aside for the digest, never alerted. Safe to run twice for the same message: the id
 * comes from the Message-ID, the feedback consumer records each id once, and a set-aside item is
 * counted only when it is first written. An S3 failure throws (the queue retries the message); a
 * message that cannot be parsed is a rejection, not a retry.
 */
export async function ingestEmail(
  key: string,
  size: number | undefined,
  deps: Pick<Deps, 'archive' | 'queue' | 'customers' | 'stats' | 'ledger' | 'config' | 'now'>,
): Promise<IngestOutcome> {
  const now = deps.now();
  const day = localDate(now, deps.config.business.timeZone);
  const setAside = async (outcome: 'skipped' | 'rejected', id: string, reason: string, email?: Partial<InboundEmail>, detail?: string): Promise<IngestOutcome> => {
    const counted = await deps.stats.setAside(day, {
      id,
      channel: 'email',
      outcome,
      reason,
      ...(detail ? { detail: detail.slice(0, 300) } : {}),
      ...(email?.sender ? { sender: email.sender.slice(0, 254) } : {}),
      ...(email?.subject ? { subject: email.subject.slice(0, 200) } : {}),
      rawKey: key,
      at: now.toISOString(),
    });
    if (counted) await deps.stats.count(day, { [outcome]: 1, [`${outcome}_email`]: 1 });
    await deps.ledger.noteInbound(key, { id, outcome }, now);
    return { action: outcome, id, reason, counted };
  };
  const keyId = inboundEmailId(key);
  // The notification carries the size; without it, a HEAD request: an oversized message is never downloaded.
  const stored = size ?? (await deps.archive.size(key));
  if (stored === undefined) return { action: 'gone', key };
  if (stored > MAX_EMAIL_BYTES) return setAside('rejected', keyId, 'too-large', undefined, `${stored} bytes`);
  const raw = await deps.archive.get(key);
  if (!raw) return { action: 'gone', key };
  const verdict = await readInboundEmail(raw, { orderPatterns: deps.config.orderPatterns });
  const id = inboundEmailId(key, verdict.email?.messageId);
  if (verdict.action === 'accept') {
    // What the parser accepts must pass the queue's schema; if it ever does not, the mail is set
    // aside with the reason rather than retried into the dead-letter queue.
    const message = feedbackMessageSchema.safeParse(emailMessage(verdict.email, id, key, now));
    if (!message.success) return setAside('rejected', id, 'invalid', verdict.email, issuesOf(message.error));
    await queueFeedback(message.data, deps);
    // The reconciler reads this note to know which record the stored message became.
    await deps.ledger.noteInbound(key, { id, outcome: 'queued' }, now);
    return { action: 'queued', id };
  }
  if (verdict.action === 'skip') return setAside('skipped', id, verdict.reason, verdict.email);
  return setAside('rejected', id, verdict.reason, verdict.email, verdict.detail);
}
