import type { Order } from '#shared/domain/order.ts';
import type { OrderRepository, SurveyRecord } from '#shared/ports/store.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { ORDER, SURVEY_LINK } from '#shared/adapters/dynamo/table.ts';

/** Orders and the invitation schedule; an order is created with its survey link. */
export class DynamoOrderRepository extends TableRepository implements OrderRepository {
  async create(order: Order, survey: SurveyRecord) {
    // The survey item first: if the order turns out to exist, the fresh survey item is never linked
    // anywhere and is removed; the order item is the one conditional write that decides.
    await this.write(SURVEY_LINK.item({ surveyId: survey.surveyId }, survey, { context: this.context }));
    const created = await this.writeNew(
      ORDER.item({ orderId: order.orderId }, order, { indexes: ORDER.indexEntry('dueInvitations', { inviteAt: order.inviteAt, orderId: order.orderId }) }),
    );
    if (created) return { created: true as const };
    await this.remove(SURVEY_LINK.key({ surveyId: survey.surveyId }));
    const existing = await this.get(order.orderId);
    if (!existing) throw new Error(`order ${order.orderId} vanished while being created`);
    return { created: false as const, existing };
  }

  async get(orderId: string): Promise<Order | undefined> {
    const item = await this.read(ORDER.key({ orderId }));
    return item ? ORDER.decode(item) : undefined;
  }

  async listDueInvitations(now: Date, limit: number): Promise<Order[]> {
    const index = ORDER.physicalIndex('dueInvitations');
    const { items } = await this.query({
      IndexName: index.name,
      KeyConditionExpression: `${index.partitionKey} = :pk AND ${index.sortKey} <= :sk`,
      ExpressionAttributeValues: { ':pk': ORDER.indexPartition('dueInvitations', {}), ':sk': `${now.toISOString()}#\uffff` },
      Limit: limit,
    });
    return items.map((item) => ORDER.decode(item));
  }

  claimInvitation(orderId: string, now: Date, leaseMs: number) {
    return this.updateIf({
      Key: ORDER.key({ orderId }),
      UpdateExpression: 'SET inviteLeaseUntil = :until',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(invitedAt) AND (attribute_not_exists(inviteLeaseUntil) OR inviteLeaseUntil < :now)',
      ExpressionAttributeValues: { ':until': new Date(now.getTime() + leaseMs).toISOString(), ':now': now.toISOString() },
    });
  }

  async markInvited(orderId: string, at: Date, skipped?: 'unsubscribed') {
    const index = ORDER.physicalIndex('dueInvitations');
    await this.update({
      Key: ORDER.key({ orderId }),
      UpdateExpression: `SET invitedAt = :at${skipped ? ', inviteSkipped = :skipped' : ''} REMOVE ${index.partitionKey}, ${index.sortKey}, inviteLeaseUntil`,
      ExpressionAttributeValues: { ':at': at.toISOString(), ...(skipped ? { ':skipped': skipped } : {}) },
    });
  }

  async delete(order: Order) {
    await this.remove(ORDER.key({ orderId: order.orderId }));
    await this.remove(SURVEY_LINK.key({ surveyId: order.surveyId }));
  }

  async releaseInvitation(orderId: string) {
    await this.update({ Key: ORDER.key({ orderId }), UpdateExpression: 'REMOVE inviteLeaseUntil' });
  }
}
