import type { MentionClaim, MentionRegistry } from '#shared/ports/store.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { MENTION } from '#shared/adapters/dynamo/table.ts';

const keyOf = (source: string, externalId: string) => MENTION.key({ source: source.toLowerCase(), externalId });

/** Mentions received, one small item per source and external id, expiring with the retention. */
export class DynamoMentionRegistry extends TableRepository implements MentionRegistry {
  claim(source: string, externalId: string, feedbackId: string, at: Date, rawKey: string) {
    return this.writeNew(MENTION.item({ source: source.toLowerCase(), externalId }, { feedbackId, receivedAt: at.toISOString(), rawKey }, { context: this.context }));
  }

  async find(source: string, externalId: string): Promise<MentionClaim | undefined> {
    const item = await this.read(keyOf(source, externalId));
    return item ? MENTION.decode(item) : undefined;
  }

  async markQueued(source: string, externalId: string, at: Date) {
    await this.updateIf({
      Key: keyOf(source, externalId),
      UpdateExpression: 'SET queuedAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    });
  }

  async release(source: string, externalId: string) {
    await this.remove(keyOf(source, externalId));
  }
}
