import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import type { FeedbackRepository } from '#shared/ports/store.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { FEEDBACK } from '#shared/adapters/dynamo/table.ts';

/** Processed feedback: one item each, in its customer's history and, while open, the complaints list. */
export class DynamoFeedbackRepository extends TableRepository implements FeedbackRepository {
  async record(record: FeedbackRecord) {
    const sortKey = { receivedAt: record.receivedAt, id: record.id };
    const created = await this.writeNew(
      FEEDBACK.item({ id: record.id }, record, {
        context: this.context,
        indexes: {
          ...(record.customerId ? FEEDBACK.indexEntry('customerHistory', { customerId: record.customerId, ...sortKey }) : {}),
          ...(record.complaint ? FEEDBACK.indexEntry('openComplaints', sortKey) : {}),
        },
      }),
    );
    return created ? ('created' as const) : ('exists' as const);
  }

  async get(id: string): Promise<FeedbackRecord | undefined> {
    const item = await this.read(FEEDBACK.key({ id }));
    return item ? FEEDBACK.decode(item) : undefined;
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
    return items.map((item) => FEEDBACK.decode(item));
  }

  async reassignCustomer(from: string, to: string) {
    const index = FEEDBACK.physicalIndex('customerHistory');
    const items = await this.queryAll({
      IndexName: index.name,
      KeyConditionExpression: `${index.partitionKey} = :pk`,
      ExpressionAttributeValues: { ':pk': FEEDBACK.indexPartition('customerHistory', { customerId: from }) },
    });
    for (const item of items) {
      const { id } = FEEDBACK.decode(item);
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
    return items.map((item) => FEEDBACK.decode(item));
  }

  async getMany(ids: string[]): Promise<FeedbackRecord[]> {
    const items = await this.readMany(ids.map((id) => FEEDBACK.key({ id })));
    return items.map((item) => FEEDBACK.decode(item));
  }

  async delete(id: string) {
    await this.remove(FEEDBACK.key({ id }));
  }
}
