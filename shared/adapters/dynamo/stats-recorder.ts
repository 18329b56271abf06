import type { PraiseEntry, RepeatEntry, SetAsideEntry, TopicDay } from '#shared/domain/day.ts';
import type { StatsRecorder } from '#shared/ports/store.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { DAY_PRAISE, DAY_REPEAT, DAY_SET_ASIDE, DAY_STATS, DAY_TOPIC, TABLE } from '#shared/adapters/dynamo/table.ts';
import type * as z from '#shared/domain/schema.ts';

/** How many feedback ids a topic's day item keeps (the recurring-problem alert quotes them). */
const MAX_TOPIC_IDS = 10;

/** A topic's day item as the application sees it. */
export function topicDayOf(day: string, stored: z.output<typeof DAY_TOPIC.declaration.attributes>): TopicDay {
  return {
    day,
    topic: stored.topic,
    complaints: stored.complaints,
    ...(stored.quote ? { quote: stored.quote } : {}),
    ...(stored.quoteId ? { quoteId: stored.quoteId } : {}),
    ids: stored.ids,
    customers: stored.customers,
  };
}

/** The day's aggregates, kept as items are processed: one counter item and a few list items per local day. */
export class DynamoStatsRecorder extends TableRepository implements StatsRecorder {
  private ttl(day: string): number {
    return DAY_STATS.ttl({ day }, this.context)!;
  }

  async count(day: string, counters: Record<string, number>) {
    const entries = Object.entries(counters).filter(([, n]) => n !== 0);
    if (!entries.length) return {};
    const updated = await this.update({
      Key: DAY_STATS.key({ day }),
      UpdateExpression: `SET ${TABLE.ttlAttribute} = :ttl ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
      ExpressionAttributeValues: { ':ttl': this.ttl(day), ...Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])) },
      ReturnValues: 'UPDATED_NEW',
    });
    return DAY_STATS.decode(updated ?? {});
  }

  setAside(day: string, entry: SetAsideEntry) {
    return this.writeNew(DAY_SET_ASIDE.item({ day, id: entry.id }, entry, { context: this.context }));
  }

  async topic(day: string, topic: string, quote: string, feedbackId: string, customer: string) {
    const key = DAY_TOPIC.key({ day, topic });
    // The item as it was before this complaint (one atomic write): what it is now follows from it.
    const old = await this.update({
      Key: key,
      UpdateExpression: `SET topic = :topic, quote = if_not_exists(quote, :quote), quoteId = if_not_exists(quoteId, :id), ids = list_append(if_not_exists(ids, :empty), :ids), ${TABLE.ttlAttribute} = :ttl ADD complaints :one, customers :customer`,
      ExpressionAttributeValues: {
        ':topic': topic,
        ':quote': quote,
        ':id': feedbackId,
        ':ids': [feedbackId],
        ':empty': [],
        ':one': 1,
        ':customer': new Set([customer]),
        ':ttl': this.ttl(day),
      },
      ReturnValues: 'ALL_OLD',
    });
    const before = topicDayOf(day, DAY_TOPIC.decode(old ?? { topic }));
    const item: TopicDay = {
      day,
      topic,
      complaints: before.complaints + 1,
      quote: before.quote ?? quote,
      quoteId: before.quoteId ?? feedbackId,
      ids: [...before.ids, feedbackId],
      customers: [...new Set([...before.customers, customer])].sort(),
    };
    if (item.ids.length > MAX_TOPIC_IDS) {
      const paths = Array.from({ length: item.ids.length - MAX_TOPIC_IDS }, (_, i) => `ids[${i}]`).join(', ');
      await this.update({ Key: key, UpdateExpression: `REMOVE ${paths}` });
    }
    return { ...item, customersBefore: before.customers };
  }

  async topicDays(topic: string, days: string[]): Promise<TopicDay[]> {
    if (!days.length) return [];
    const items = await this.readMany(days.map((day) => DAY_TOPIC.key({ day, topic })));
    return items.map((item) => topicDayOf(String(item.pk).slice(DAY_TOPIC.partition({ day: '' }).length), DAY_TOPIC.decode(item)));
  }

  async forgetTopic(topic: string, days: string[], feedbackIds: string[]) {
    let forgotten = 0;
    for (const item of await this.topicDays(topic, days)) {
      const kept = item.ids.filter((id) => !feedbackIds.includes(id));
      const quoteGone = item.quoteId !== undefined && feedbackIds.includes(item.quoteId);
      if (kept.length === item.ids.length && !quoteGone) continue;
      forgotten += item.ids.length - kept.length;
      await this.update({
        Key: DAY_TOPIC.key({ day: item.day, topic }),
        UpdateExpression: `SET ids = :kept${quoteGone ? ' REMOVE quote, quoteId' : ''}`,
        ExpressionAttributeValues: { ':kept': kept },
      });
    }
    return forgotten;
  }

  async praise(day: string, entry: PraiseEntry) {
    await this.write(DAY_PRAISE.item({ day, at: entry.at, id: entry.id }, entry, { context: this.context }));
  }

  async repeatComplainer(day: string, entry: RepeatEntry) {
    await this.write(DAY_REPEAT.item({ day, customerId: entry.customerId, feedbackId: entry.feedbackId }, entry, { context: this.context }));
  }
}
