import { rawKey } from '#shared/domain/raw-key.ts';
import { MAX_TEXT_LENGTH, type FeedbackMessage } from '#shared/domain/feedback.ts';
import { mentionId, type Mention } from '#shared/domain/mention.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

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
 */
export async function receiveMention(
  mention: Mention,
  raw: { body: string | Uint8Array; contentType: string },
  deps: Pick<Deps, 'mentions' | 'archive' | 'queue' | 'now'>,
): Promise<MentionReceipt> {
  const now = deps.now();
  const id = mentionId(mention.source, mention.externalId);
  if (!(await deps.mentions.claim(mention.source, mention.externalId, id, now))) {
    return { id: (await deps.mentions.find(mention.source, mention.externalId)) ?? id, duplicate: true };
  }
  try {
    const key = rawKey('social', now, id, 'json');
    await deps.archive.put(key, raw.body, raw.contentType);
    await deps.queue.send(mentionMessage(mention, id, key, now));
  } catch (error) {
    await deps.mentions.release(mention.source, mention.externalId);
    throw error;
  }
  return { id, duplicate: false };
}
