import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import type { FeedbackRepository } from '#shared/ports/store.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { FEEDBACK } from '#shared/adapters/dynamo/table.ts';

/** A feedback item as the application sees it (without the counting bookkeeping). */
function decode(item: Record<string, unknown>): FeedbackRecord {
  const { countPending: _pending, ...record } = FEEDBACK.decode(item);
  return record;
}

/** Processed feedback: one item each, in its customer's history and, while open, the complaints list. */
export class DynamoFeedbackRepository extends TableRepository implements FeedbackRepository {
  async record(record: FeedbackRecord) {
    const sortKey = { receivedAt: record.receivedAt, id: record.id };
    const created = await this.writeNew(
      // countPending is removed once the day's counters include the item (markCounted).
      FEEDBACK.item({ id: record.id }, { ...record, countPending: true }, {
        context: this.context,
        indexes: {
          ...(record.customerId ? FEEDBACK.indexEntry('customerHistory', { customerId: record.customerId, ...sortKey }) : {}),
          ...(record.complaint ? FEEDBACK.indexEntry('openComplaints', sortKey) : {}),
        },
      }),
    );
    if (created) return 'created' as const;
    const existing = await this.read(FEEDBACK.key({ id: record.id }), 'countPending');
    return existing?.countPending ? ('uncounted' as const) : ('exists' as const);
  }

  async markCounted(id: string) {
    await this.update({ Key: FEEDBACK.key({ id }), UpdateExpression: 'REMOVE countPending' });
  }

  async existing(ids: string[]) {
    const unique = [...new Set(ids)];
    const items = await this.readMany(unique.map((id) => FEEDBACK.key({ id })), 'id');
    return new Set(items.map((item) => String(item.id)));
  }

  async get(id: string): Promise<FeedbackRecord | undefined> {
    const item = await this.read(FEEDBACK.key({ id }));
    return item ? decode(item) : undefined;
  }

  async listByCustomer(customerId: string, limit: number): Promise<FeedbackRecord[]> {
    const index = FEEDBACK.physicalIndex('customerHistory');
    const { items } = await this.query({
      IndexName: index.name,
      KeyConditionExpression: `${index.partitionKey} = :pk`,
      ExpressionAttributeValues: { ':pk': FEEDBACK.indexPartition('customerHistory', { customerId }) },
      ScanIndexForward: false,
      Limit: limit,
    });
    return items.map((item) => decode(item));
  }

  async linkClaimedOrder(id: string, orderId: string) {
    const item = await this.get(id);
    const claimed = item?.claimedOrderIds ?? [];
    if (!item || !claimed.includes(orderId)) return false;
    const rest = claimed.filter((claim) => claim !== orderId);
    return this.updateIf({
      Key: FEEDBACK.key({ id }),
      UpdateExpression: rest.length ? 'SET orderIds = :orders, claimedOrderIds = :rest' : 'SET orderIds = :orders REMOVE claimedOrderIds',
      // Only from the state just read (a concurrent link of another quoted order reads again).
      ConditionExpression: 'contains(claimedOrderIds, :order) AND size(claimedOrderIds) = :claimed AND size(orderIds) = :linked',
      ExpressionAttributeValues: {
        ':order': orderId,
        ':claimed': claimed.length,
        ':linked': item.orderIds.length,
        ':orders': [...new Set([...item.orderIds, orderId])],
        ...(rest.length ? { ':rest': rest } : {}),
      },
    });
  }

  async reassignCustomer(from: string, to: string) {
    const index = FEEDBACK.physicalIndex('customerHistory');
    const items = await this.queryAll({
      IndexName: index.name,
      KeyConditionExpression: `${index.partitionKey} = :pk`,
      ExpressionAttributeValues: { ':pk': FEEDBACK.indexPartition('customerHistory', { customerId: from }) },
    });
    for (const item of items) {
      const { id } = decode(item);
      await this.update({
        Key: FEEDBACK.key({ id }),
        UpdateExpression: `SET ${index.partitionKey} = :pk, customerId = :id`,
        ExpressionAttributeValues: { ':pk': FEEDBACK.indexPartition('customerHistory', { customerId: to }), ':id': to },
      });
    }
    return items.length;
  }

  async markHandled(id: string, at: Date) {
    const index = FEEDBACK.physicalIndex('openComplaints');
    return this.updateIf({
      Key: FEEDBACK.key({ id }),
      UpdateExpression: `SET handledAt = :at REMOVE ${index.partitionKey}, ${index.sortKey}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    });
  }

  async reopen(item: Pick<FeedbackRecord, 'id' | 'receivedAt'>) {
    const entry = FEEDBACK.indexEntry('openComplaints', { receivedAt: item.receivedAt, id: item.id });
    const [[pkName, pk], [skName, sk]] = Object.entries(entry) as [[string, string], [string, string]];
    await this.updateIf({
      Key: FEEDBACK.key({ id: item.id }),
      UpdateExpression: `SET ${pkName} = :pk, ${skName} = :sk REMOVE handledAt`,
      ConditionExpression: 'attribute_exists(pk) AND complaint = :true',
      ExpressionAttributeValues: { ':pk': pk, ':sk': sk, ':true': true },
    });
  }

  async listOpenComplaints(limit: number): Promise<FeedbackRecord[]> {
    const index = FEEDBACK.physicalIndex('openComplaints');
    const { items } = await this.query({
      IndexName: index.name,
      KeyConditionExpression: `${index.partitionKey} = :pk`,
      ExpressionAttributeValues: { ':pk': FEEDBACK.indexPartition('openComplaints', {}) },
      ScanIndexForward: true,
      Limit: limit,
    });
    return items.map((item) => decode(item));
  }

  async getMany(ids: string[]): Promise<FeedbackRecord[]> {
    const items = await this.readMany(ids.map((id) => FEEDBACK.key({ id })));
    return items.map((item) => decode(item));
  }

  async delete(id: string) {
    await this.remove(FEEDBACK.key({ id }));
  }
}
