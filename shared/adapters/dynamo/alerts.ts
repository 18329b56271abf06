import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from '#shared/domain/schema.ts';
import type { ComplaintAlertContent } from '#shared/domain/alert-content.ts';
import type { AlertBody, AlertOutbox, AlertRecord, AlertState } from '#shared/ports/store.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { ALERT } from '#shared/adapters/dynamo/table.ts';
import type { Item } from '#shared/adapters/dynamo/entity.ts';

/** What the stored (compressed) body holds: rendered parts, or the content of a complaint alert. */
const alertBodySchema = z.union([
  z.object({ html: z.string(), text: z.string() }),
  z.object({
    template: z.literal('complaint'),
    data: z.looseObject({ subject: z.string(), headline: z.string(), feedback: z.looseObject({ id: z.string() }), nextSteps: z.array(z.string()) }),
  }),
]);

function stateOf(item: Item): AlertState {
  const { body: _body, followUps: _followUps, ...state } = ALERT.decode(item);
  return state;
}

/**
 * The alert outbox: conditional writes give exactly one sender per alert. One small item per
 * alert; its email is stored gzip-compressed (usually as content to render), so every state change
 * costs a single write unit.
 */
export class DynamoAlertOutbox extends TableRepository implements AlertOutbox {
  /** The `record` transition (shared/domain/alert-delivery.ts): once per incident key. */
  async record(alert: AlertRecord) {
    const { body, ...state } = alert;
    // Alerts sent at once never enter the pending index; batched ones wait in it for the sweep.
    const created = await this.writeNew(
      ALERT.item(
        { incidentKey: alert.incidentKey },
        { ...state, body: gzipSync(Buffer.from(JSON.stringify(body))) },
        { indexes: alert.batched ? ALERT.indexEntry('pending', { nextAttemptAt: alert.nextAttemptAt }) : {} },
      ),
    );
    if (created) return { ...state, created: true };
    const existing = await this.get(alert.incidentKey);
    if (!existing) throw new Error(`alert ${alert.incidentKey} vanished while being recorded`);
    return { ...existing, created: false };
  }

  async get(incidentKey: string): Promise<AlertState | undefined> {
    const item = await this.read(ALERT.key({ incidentKey }));
    return item ? stateOf(item) : undefined;
  }

  async body(incidentKey: string): Promise<AlertBody | undefined> {
    const item = await this.read(ALERT.key({ incidentKey }));
    const stored = item ? ALERT.decode(item).body : undefined;
    if (!stored) return undefined;
    const parsed = alertBodySchema.parse(JSON.parse(gunzipSync(Buffer.from(stored)).toString('utf8')));
    return 'template' in parsed ? { template: 'complaint', data: parsed.data as unknown as ComplaintAlertContent } : parsed;
  }

  async findFirst(incidentKeys: string[]) {
    if (!incidentKeys.length) return undefined;
    const items = await this.readMany(
      incidentKeys.map((incidentKey) => ALERT.key({ incidentKey })),
      'incidentKey',
    );
    const found = new Set(items.map((item) => String(item.incidentKey)));
    return incidentKeys.find((key) => found.has(key));
  }

  /** The `claim` transition: only a pending alert whose lease is absent or ran out. */
  claim(incidentKey: string, now: Date, leaseMs: number, options: { rateCounted?: boolean } = {}) {
    return this.updateIf({
      Key: ALERT.key({ incidentKey }),
      UpdateExpression: `SET leaseUntil = :until${options.rateCounted ? ', rateCounted = :true' : ''} ADD attempts :one`,
      ConditionExpression: '#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':until': new Date(now.getTime() + leaseMs).toISOString(),
        ':now': now.toISOString(),
        ':pending': 'pending',
        ':one': 1,
        ...(options.rateCounted ? { ':true': true } : {}),
      },
    });
  }

  /** The `markSent` transition, and `batch` (a member closed by the hourly email, with the batch's key). */
  async markSent(incidentKey: string, messageId: string, at: Date) {
    const index = ALERT.physicalIndex('pending');
    await this.update({
      Key: ALERT.key({ incidentKey }),
      UpdateExpression: `SET #status = :sent, sentAt = :at, messageId = :mid REMOVE ${index.partitionKey}, ${index.sortKey}, leaseUntil`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':at': at.toISOString(), ':mid': messageId },
    });
  }

  /** The `markFailed` transition: back in the retry index, lease released (a sent alert stays sent). */
  async markFailed(incidentKey: string, error: string, nextAttemptAt: Date) {
    const index = ALERT.physicalIndex('pending');
    await this.updateIf({
      Key: ALERT.key({ incidentKey }),
      UpdateExpression: `SET lastError = :err, nextAttemptAt = :next, ${index.partitionKey} = :index, ${index.sortKey} = :next REMOVE leaseUntil`,
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':err': error.slice(0, 500), ':next': nextAttemptAt.toISOString(), ':pending': 'pending', ':index': ALERT.indexPartition('pending', {}) },
    });
  }

  /** The `defer` transition: in the retry index until `until`, the lease released or kept. */
  async defer(incidentKey: string, until: Date, options: { releaseLease: boolean }) {
    const index = ALERT.physicalIndex('pending');
    await this.updateIf({
      Key: ALERT.key({ incidentKey }),
      UpdateExpression: `SET nextAttemptAt = :next, ${index.partitionKey} = :index, ${index.sortKey} = :next${options.releaseLease ? ' REMOVE leaseUntil' : ''}`,
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':next': until.toISOString(), ':pending': 'pending', ':index': ALERT.indexPartition('pending', {}) },
    });
  }

  async listDue(now: Date, limit: number): Promise<AlertState[]> {
    const index = ALERT.physicalIndex('pending');
    const { items } = await this.query({
      IndexName: index.name,
      KeyConditionExpression: `${index.partitionKey} = :pk AND ${index.sortKey} <= :sk`,
      ExpressionAttributeValues: { ':pk': ALERT.indexPartition('pending', {}), ':sk': now.toISOString() },
      Limit: limit,
    });
    return items.map(stateOf);
  }

  async addFeedback(incidentKey: string, feedbackId: string) {
    await this.updateIf({
      Key: ALERT.key({ incidentKey }),
      UpdateExpression: 'SET feedbackIds = list_append(feedbackIds, :id), followUps = if_not_exists(followUps, :zero) + :one',
      ConditionExpression: 'attribute_exists(pk) AND NOT contains(feedbackIds, :idValue)',
      ExpressionAttributeValues: { ':id': [feedbackId], ':idValue': feedbackId, ':zero': 0, ':one': 1 },
    });
  }

  async delete(incidentKey: string) {
    await this.remove(ALERT.key({ incidentKey }));
  }
}
