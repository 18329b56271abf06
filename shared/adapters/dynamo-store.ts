import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import type { Order } from '#shared/domain/order.ts';
import type { TopicEntry } from '#shared/domain/alert-rules.ts';
import type {
  AlertOutbox,
  AlertRecord,
  FeedbackRepository,
  OrderRepository,
  SurveyRecord,
  SurveyRepository,
  PraiseEntry,
  RateLimiter,
  RepeatEntry,
  StatsRecorder,
  TopicRepository,
} from '#shared/ports/store.ts';

/**
 * Keys of the single table (see README, "Data model"). Every access pattern is a key lookup or a
 * query on a key; nothing scans.
 */
export const keys = {
  order: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: '#ORDER' }),
  survey: (surveyId: string) => ({ pk: `SURVEY#${surveyId}`, sk: '#SURVEY' }),
  feedback: (id: string) => ({ pk: `FEEDBACK#${id}`, sk: '#FEEDBACK' }),
  alert: (incidentKey: string) => ({ pk: `ALERT#${incidentKey}`, sk: '#ALERT' }),
  topic: (topic: string) => ({ pk: `TOPIC#${topic}`, sk: '#RECENT' }),
  rate: (bucket: string) => ({ pk: `RATE#${bucket}`, sk: '#RATE' }),
  /** gsi1: invitations not yet sent, by due time. */
  dueInvitations: 'INVITE#DUE',
  /** gsi1: alerts not yet sent, by next attempt time. */
  pendingAlerts: 'ALERT#PENDING',
  /** gsi1: a customer's feedback history, by time. */
  customerHistory: (customerKey: string) => `CUSTOMER#${customerKey}`,
  /** gsi2: complaints not yet marked handled, oldest first. */
  openComplaints: 'OPEN#COMPLAINTS',
  /** gsi2: customers by order value, for the digest's most valuable customers. */
  customersByValue: 'CUSTOMERS#BY-VALUE',
  /** A local day's aggregates: counters (`#STATS`), topics, praise, repeat complainers. */
  day: (date: string) => `DAY#${date}`,
};

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException'
  );
}

/** Strips the key attributes from an item read from the table. */
function entity<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, expiresAt: _ttl, entity: _e, ...rest } = item;
  return rest as T;
}

abstract class TableRepository {
  constructor(
    protected readonly client: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  protected async getItem<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return entity<T>(result.Item);
  }

  /** Puts an item only if its key is new; false when it existed. */
  protected async putNew(item: Record<string, unknown>): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Runs a conditional update; false when the condition did not hold. */
  protected async updateIf(input: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand({ ...input, TableName: this.tableName }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  protected async queryIndex<T>(index: 'gsi1' | 'gsi2', pk: string, skBelow: string, limit: number): Promise<T[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk AND ${index}sk <= :sk`,
        ExpressionAttributeValues: { ':pk': pk, ':sk': skBelow },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => entity<T>(item)!);
  }
}

/** Orders and the invitation schedule in DynamoDB. */
export class DynamoOrderRepository extends TableRepository implements OrderRepository {
  async create(order: Order, survey: SurveyRecord) {
    // The survey item first: if the order turns out to exist, the fresh survey item is never linked
    // anywhere and is removed; the order item is the one conditional write that decides.
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.survey(survey.surveyId), entity: 'survey', ...survey },
      }),
    );
    const created = await this.putNew({
      ...keys.order(order.orderId),
      entity: 'order',
      gsi1pk: keys.dueInvitations,
      gsi1sk: `${order.inviteAt}#${order.orderId}`,
      ...order,
    });
    if (created) return { created: true as const };
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.survey(survey.surveyId) }));
    const existing = await this.get(order.orderId);
    if (!existing) throw new Error(`order ${order.orderId} vanished while being created`);
    return { created: false as const, existing };
  }

  get(orderId: string) {
    return this.getItem<Order>(keys.order(orderId));
  }

  listDueInvitations(now: Date, limit: number) {
    return this.queryIndex<Order>('gsi1', keys.dueInvitations, `${now.toISOString()}#\uffff`, limit);
  }

  claimInvitation(orderId: string, now: Date, leaseMs: number) {
    return this.updateIf({
      Key: keys.order(orderId),
      UpdateExpression: 'SET inviteLeaseUntil = :until',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(invitedAt) AND (attribute_not_exists(inviteLeaseUntil) OR inviteLeaseUntil < :now)',
      ExpressionAttributeValues: { ':until': new Date(now.getTime() + leaseMs).toISOString(), ':now': now.toISOString() },
    });
  }

  async markInvited(orderId: string, at: Date) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.order(orderId),
        UpdateExpression: 'SET invitedAt = :at REMOVE gsi1pk, gsi1sk, inviteLeaseUntil',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    );
  }

  async delete(order: Order) {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.order(order.orderId) }));
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.survey(order.surveyId) }));
  }

  async releaseInvitation(orderId: string) {
    await this.client.send(
      new UpdateCommand({ TableName: this.tableName, Key: keys.order(orderId), UpdateExpression: 'REMOVE inviteLeaseUntil' }),
    );
  }
}

/** Survey links in DynamoDB. */
export class DynamoSurveyRepository extends TableRepository implements SurveyRepository {
  get(surveyId: string) {
    return this.getItem<SurveyRecord>(keys.survey(surveyId));
  }

  markAnswered(surveyId: string, responseId: string, at: Date) {
    return this.updateIf({
      Key: keys.survey(surveyId),
      UpdateExpression: 'SET answeredAt = :at, responseId = :rid',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answeredAt)',
      ExpressionAttributeValues: { ':at': at.toISOString(), ':rid': responseId },
    });
  }

  async unmarkAnswered(surveyId: string, responseId: string) {
    await this.updateIf({
      Key: keys.survey(surveyId),
      UpdateExpression: 'REMOVE answeredAt, responseId',
      ConditionExpression: 'responseId = :rid',
      ExpressionAttributeValues: { ':rid': responseId },
    });
  }
}

/** Processed feedback in DynamoDB. */
export class DynamoFeedbackRepository extends TableRepository implements FeedbackRepository {
  constructor(
    client: DynamoDBDocumentClient,
    tableName: string,
    private readonly retentionDays: number,
  ) {
    super(client, tableName);
  }

  async record(record: FeedbackRecord) {
    const created = await this.putNew({
      ...keys.feedback(record.id),
      entity: 'feedback',
      ...(record.customerId ? { gsi1pk: keys.customerHistory(record.customerId), gsi1sk: `${record.receivedAt}#${record.id}` } : {}),
      ...(record.complaint ? { gsi2pk: keys.openComplaints, gsi2sk: `${record.receivedAt}#${record.id}` } : {}),
      expiresAt: Math.floor(Date.parse(record.receivedAt) / 1000) + this.retentionDays * 86_400,
      ...record,
    });
    return created ? ('created' as const) : ('exists' as const);
  }

  get(id: string) {
    return this.getItem<FeedbackRecord>(keys.feedback(id));
  }

  async listByCustomer(customerId: string, limit: number) {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.customerHistory(customerId) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => entity<FeedbackRecord>(item)!);
  }

  async reassignCustomer(from: string, to: string) {
    let moved = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.customerHistory(from) },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET gsi1pk = :pk, customerId = :id',
            ExpressionAttributeValues: { ':pk': keys.customerHistory(to), ':id': to },
          }),
        );
        moved += 1;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return moved;
  }

  async markHandled(id: string, at: Date) {
    return this.updateIf({
      Key: keys.feedback(id),
      UpdateExpression: 'SET handledAt = :at REMOVE gsi2pk, gsi2sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    });
  }

  async listOpenComplaints(limit: number) {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.openComplaints },
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => entity<FeedbackRecord>(item)!);
  }

  async addAlertKey(id: string, alertKey: string) {
    await this.updateIf({
      Key: keys.feedback(id),
      UpdateExpression: 'ADD alertKeys :key',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':key': new Set([alertKey]) },
    });
  }

  async delete(id: string) {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.feedback(id) }));
  }
}

/** The alert outbox in DynamoDB: conditional writes give exactly one sender per alert. */
export class DynamoAlertOutbox extends TableRepository implements AlertOutbox {
  async record(alert: AlertRecord) {
    const created = await this.putNew({
      ...keys.alert(alert.incidentKey),
      entity: 'alert',
      gsi1pk: keys.pendingAlerts,
      gsi1sk: alert.nextAttemptAt,
      ...alert,
    });
    if (created) return alert;
    const existing = await this.get(alert.incidentKey);
    if (!existing) throw new Error(`alert ${alert.incidentKey} vanished while being recorded`);
    return existing;
  }

  get(incidentKey: string) {
    return this.getItem<AlertRecord>(keys.alert(incidentKey));
  }

  claim(incidentKey: string, now: Date, leaseMs: number) {
    return this.updateIf({
      Key: keys.alert(incidentKey),
      UpdateExpression: 'SET leaseUntil = :until ADD attempts :one',
      ConditionExpression: '#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':until': new Date(now.getTime() + leaseMs).toISOString(),
        ':now': now.toISOString(),
        ':pending': 'pending',
        ':one': 1,
      },
    });
  }

  async markSent(incidentKey: string, messageId: string, at: Date) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.alert(incidentKey),
        UpdateExpression: 'SET #status = :sent, sentAt = :at, messageId = :mid REMOVE gsi1pk, gsi1sk, leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': at.toISOString(), ':mid': messageId },
      }),
    );
  }

  async markFailed(incidentKey: string, error: string, nextAttemptAt: Date) {
    await this.updateIf({
      Key: keys.alert(incidentKey),
      UpdateExpression: 'SET lastError = :err, nextAttemptAt = :next, gsi1sk = :next REMOVE leaseUntil',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':err': error.slice(0, 500), ':next': nextAttemptAt.toISOString(), ':pending': 'pending' },
    });
  }

  listDue(now: Date, limit: number) {
    return this.queryIndex<AlertRecord>('gsi1', keys.pendingAlerts, now.toISOString(), limit);
  }

  async defer(incidentKey: string, until: Date) {
    await this.updateIf({
      Key: keys.alert(incidentKey),
      UpdateExpression: 'SET nextAttemptAt = :next, gsi1sk = :next REMOVE leaseUntil ADD attempts :minusOne',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':next': until.toISOString(), ':pending': 'pending', ':minusOne': -1 },
    });
  }

  async markRateCounted(incidentKey: string) {
    await this.updateIf({
      Key: keys.alert(incidentKey),
      UpdateExpression: 'SET rateCounted = :true',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':true': true },
    });
  }

  async addFeedback(incidentKey: string, feedbackId: string) {
    await this.updateIf({
      Key: keys.alert(incidentKey),
      UpdateExpression: 'SET feedbackIds = list_append(feedbackIds, :id), followUps = if_not_exists(followUps, :zero) + :one',
      ConditionExpression: 'attribute_exists(pk) AND NOT contains(feedbackIds, :idValue)',
      ExpressionAttributeValues: { ':id': [feedbackId], ':idValue': feedbackId, ':zero': 0, ':one': 1 },
    });
  }

  async delete(incidentKey: string) {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.alert(incidentKey) }));
  }
}

/** How many complaints a topic remembers (the window is days; the threshold is a handful). */
const MAX_TOPIC_ENTRIES = 50;

/** Recent complaints per topic in DynamoDB: one item per topic, appended with one conditional update. */
export class DynamoTopicRepository extends TableRepository implements TopicRepository {
  async append(topic: string, entry: TopicEntry) {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.topic(topic),
          UpdateExpression: 'SET entries = list_append(if_not_exists(entries, :empty), :entry), expiresAt = :ttl ADD ids :id',
          ConditionExpression: 'attribute_not_exists(ids) OR NOT contains(ids, :idValue)',
          ExpressionAttributeValues: {
            ':entry': [entry],
            ':empty': [],
            ':id': new Set([entry.id]),
            ':idValue': entry.id,
            ':ttl': Math.floor(Date.parse(entry.at) / 1000) + 90 * 86_400,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const entries = (result.Attributes?.entries as TopicEntry[] | undefined) ?? [];
      if (entries.length > MAX_TOPIC_ENTRIES) {
        const paths = Array.from({ length: entries.length - MAX_TOPIC_ENTRIES }, (_, i) => `entries[${i}]`).join(', ');
        await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: keys.topic(topic), UpdateExpression: `REMOVE ${paths}` }));
      }
      const lastAlertAt = result.Attributes?.lastAlertAt as string | undefined;
      return { entries, ...(lastAlertAt ? { lastAlertAt } : {}) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const item = await this.getItem<{ entries?: TopicEntry[]; lastAlertAt?: string }>(keys.topic(topic));
      return { entries: item?.entries ?? [], ...(item?.lastAlertAt ? { lastAlertAt: item.lastAlertAt } : {}) };
    }
  }

  async remove(topic: string, feedbackIds: string[]) {
    const item = await this.getItem<{ entries?: TopicEntry[] }>(keys.topic(topic));
    const entries = item?.entries ?? [];
    const kept = entries.filter((e) => !feedbackIds.includes(e.id));
    if (kept.length === entries.length) return 0;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.topic(topic),
        UpdateExpression: 'SET entries = :kept',
        ExpressionAttributeValues: { ':kept': kept },
      }),
    );
    return entries.length - kept.length;
  }

  async markAlerted(topic: string, at: Date) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.topic(topic),
        UpdateExpression: 'SET lastAlertAt = :at',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    );
  }
}

/** Counters per time bucket in DynamoDB (ADD with a condition: no read, no race). */
export class DynamoRateLimiter extends TableRepository implements RateLimiter {
  take(bucket: string, max: number, expiresAt: Date) {
    return this.updateIf({
      Key: keys.rate(bucket),
      UpdateExpression: 'ADD taken :one SET expiresAt = :ttl',
      ConditionExpression: 'attribute_not_exists(taken) OR taken < :max',
      ExpressionAttributeValues: { ':one': 1, ':max': max, ':ttl': Math.floor(expiresAt.getTime() / 1000) },
    });
  }
}

/** Daily aggregates in DynamoDB: one counter item and a few list items per local day. */
export class DynamoStatsRecorder extends TableRepository implements StatsRecorder {
  constructor(
    client: DynamoDBDocumentClient,
    tableName: string,
    private readonly retentionDays: number,
  ) {
    super(client, tableName);
  }

  private ttl(day: string): number {
    return Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + this.retentionDays * 86_400;
  }

  async count(day: string, counters: Record<string, number>) {
    const entries = Object.entries(counters).filter(([, n]) => n !== 0);
    if (!entries.length) return;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: keys.day(day), sk: '#STATS' },
        UpdateExpression: `SET expiresAt = :ttl ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
        ExpressionAttributeValues: { ':ttl': this.ttl(day), ...Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])) },
      }),
    );
  }

  async topic(day: string, topic: string, quote: string, feedbackId: string) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: keys.day(day), sk: `TOPIC#${topic}` },
        UpdateExpression: 'SET topic = :topic, quote = if_not_exists(quote, :quote), quoteId = if_not_exists(quoteId, :id), expiresAt = :ttl ADD complaints :one',
        ExpressionAttributeValues: { ':topic': topic, ':quote': quote, ':id': feedbackId, ':one': 1, ':ttl': this.ttl(day) },
      }),
    );
  }

  async praise(day: string, entry: PraiseEntry) {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: keys.day(day), sk: `PRAISE#${entry.at}#${entry.id}`, ...entry, expiresAt: this.ttl(day) },
      }),
    );
  }

  async repeatComplainer(day: string, entry: RepeatEntry) {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: keys.day(day), sk: `REPEAT#${entry.customerId}#${entry.feedbackId}`, ...entry, expiresAt: this.ttl(day) },
      }),
    );
  }
}
