import type { DayAggregate } from '#shared/domain/day.ts';
import type { DigestStore } from '#shared/ports/store.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { DAY_PRAISE, DAY_REPEAT, DAY_SET_ASIDE, DAY_STATS, DAY_TOPIC, DIGEST_SENT, DIGEST_UNSUBSCRIBED } from '#shared/adapters/dynamo/table.ts';
import { topicDayOf } from '#shared/adapters/dynamo/stats-recorder.ts';

/** The digest's reads (one query per day) and its small bookkeeping items. */
export class DynamoDigestStore extends TableRepository implements DigestStore {
  async day(day: string): Promise<DayAggregate> {
    const aggregate: DayAggregate = { day, counters: {}, topics: [], praise: [], repeats: [], setAside: [] };
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': DAY_STATS.partition({ day }) } });
    for (const item of items) {
      if (DAY_STATS.matches(item)) Object.assign(aggregate.counters, DAY_STATS.decode(item));
      else if (DAY_TOPIC.matches(item)) aggregate.topics.push(topicDayOf(day, DAY_TOPIC.decode(item)));
      else if (DAY_PRAISE.matches(item)) aggregate.praise.push(DAY_PRAISE.decode(item));
      else if (DAY_REPEAT.matches(item)) aggregate.repeats.push(DAY_REPEAT.decode(item));
      else if (DAY_SET_ASIDE.matches(item)) aggregate.setAside.push(DAY_SET_ASIDE.decode(item));
    }
    return aggregate;
  }

  async isUnsubscribed(email: string) {
    return (await this.read(DIGEST_UNSUBSCRIBED.key({ email: email.toLowerCase() }))) !== undefined;
  }

  async unsubscribe(email: string, at: Date) {
    await this.write(DIGEST_UNSUBSCRIBED.item({ email: email.toLowerCase() }, { at: at.toISOString() }));
  }

  claimWeek(week: string, email: string, at: Date) {
    return this.writeNew(DIGEST_SENT.item({ week, email: email.toLowerCase() }, { at: at.toISOString() }, { context: this.context }));
  }

  async releaseWeek(week: string, email: string) {
    await this.remove(DIGEST_SENT.key({ week, email: email.toLowerCase() }));
  }
}
