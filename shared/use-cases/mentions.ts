import { rawKey } from '#shared/domain/raw-key.ts';
import { MAX_TEXT_LENGTH, type FeedbackMessage } from '#shared/domain/feedback.ts';
import { mentionId, type Mention } from '#shared/domain/mention.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { queueFeedback } from '#shared/use-cases/queue-feedback.ts';

/** What receiving a mention did: queued as new, or recognised as one already received. */
export type MentionReceipt = { id: string; duplicate: false } | { id: string; duplicate: true };

/** The normalised feedback message of a mention or review. */
export function mentionMessage(mention: Mention, id: string, key: string, receivedAt: Date): FeedbackMessage {
  return {
    version: 1,
    id,
    channel: 'social',
    receivedAt: receivedAt.toISOString(),
    rawKey: key,
    text: mention.text.slice(0, MAX_TEXT_LENGTH),
    customer: {
      ...(mention.author.handle ? { handle: mention.author.handle } : {}),
      ...(mention.author.name ? { name: mention.author.name } : {}),
    },
    orderIds: [],
    mention: {
      source: mention.source,
      externalId: mention.externalId,
      ...(mention.url ? { url: mention.url } : {}),
      ...(mention.author.followers !== undefined ? { followers: mention.author.followers } : {}),
      ...(mention.rating !== undefined ? { rating: mention.rating } : {}),
      publishedAt: mention.publishedAt,
    },
  };
}

/**
 * Accepts one mention (webhook or poller): deduplicates by source and external id, archives the
 * raw input, and queues it for processing. A mention seen before is answered as a duplicate and
 * nothing new is stored or sent. If queueing fails the claim is released, so a retry goes through.
 * A claim that was never queued (the process died between claiming and queueing) is finished by
 * the next delivery of the same mention before it is called a duplicate: a duplicate answer always
 * means the mention is stored.
 */
export async function receiveMention(
  mention: Mention,
  raw: { body: string | Uint8Array; contentType: string },
  deps: Pick<Deps, 'mentions' | 'archive' | 'queue' | 'customers' | 'config' | 'now'>,
): Promise<MentionReceipt> {
  const now = deps.now();
  const id = mentionId(mention.source, mention.externalId);
  const key = rawKey('social', now, id, 'json');
  if (!(await deps.mentions.claim(mention.source, mention.externalId, id, now, key))) {
    const claim = await deps.mentions.find(mention.source, mention.externalId);
    if (claim && !claim.queuedAt) {
      const receivedAt = new Date(claim.receivedAt);
      await archiveAndQueue(mention, raw, claim.feedbackId, claim.rawKey ?? rawKey('social', receivedAt, claim.feedbackId, 'json'), receivedAt, deps);
    }
    return { id: claim?.feedbackId ?? id, duplicate: true };
  }
  try {
    await archiveAndQueue(mention, raw, id, key, now, deps);
  } catch (error) {
    await deps.mentions.release(mention.source, mention.externalId);
    throw error;
  }
  return { id, duplicate: false };
}

async function archiveAndQueue(
  mention: Mention,
  raw: { body: string | Uint8Array; contentType: string },
  id: string,
  key: string,
  receivedAt: Date,
  deps: Pick<Deps, 'mentions' | 'archive' | 'queue' | 'customers' | 'config' | 'now'>,
): Promise<void> {
  await deps.archive.put(key, raw.body, raw.contentType);
  await queueFeedback(mentionMessage(mention, id, key, receivedAt), deps);
  await deps.mentions.markQueued(mention.source, mention.externalId, deps.now());
}
