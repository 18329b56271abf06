import type { MentionRegistry } from '#shared/ports/store.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { MENTION } from '#shared/adapters/dynamo/table.ts';

const keyOf = (source: string, externalId: string) => MENTION.key({ source: source.toLowerCase(), externalId });

/** Mentions received, one small item per source and external id, expiring with the retention. */
export class DynamoMentionRegistry extends TableRepository implements MentionRegistry {
  claim(source: string, externalId: string, feedbackId: string, at: Date) {
    return this.writeNew(MENTION.item({ source: source.toLowerCase(), externalId }, { feedbackId, receivedAt: at.toISOString() }, { context: this.context }));
  }

  async find(source: string, externalId: string) {
    const item = await this.read(keyOf(source, externalId));
    return item ? MENTION.decode(item).feedbackId : undefined;
  }

  async release(source: string, externalId: string) {
    await this.remove(keyOf(source, externalId));
  }
}
