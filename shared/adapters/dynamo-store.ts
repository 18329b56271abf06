import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { DayAggregate } from '#shared/digest/build.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import type { Order } from '#shared/domain/order.ts';
import type {
  AlertOutbox,
  AlertBody,
  AlertRecord,
  AlertState,
  DigestStore,
  FeedbackRepository,
  MentionRegistry,
  OrderRepository,
  PollState,
  PollStateRepository,
  SurveyRecord,
  SurveyRepository,
  PraiseEntry,
  RateLimiter,
  RepeatEntry,
  SetAsideEntry,
  StatsRecorder,
  TopicDay,
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
  rate: (bucket: string) => ({ pk: `RATE#${bucket}`, sk: '#RATE' }),
  unsubscribed: (email: string) => ({ pk: `DIGEST#UNSUB#${email.toLowerCase()}`, sk: '#UNSUB' }),
  digestSent: (week: string, email: string) => ({ pk: `DIGEST#${week}#${email.toLowerCase()}`, sk: '#SENT' }),
  pollState: (sourceId: string) => ({ pk: 'POLL#SOURCES', sk: sourceId }),
  mention: (source: string, externalId: string) => ({ pk: `MENTION#${source.toLowerCase()}#${externalId}`, sk: '#MENTION' }),
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

  async reopen(item: Pick<FeedbackRecord, 'id' | 'receivedAt'>) {
    await this.updateIf({
      Key: keys.feedback(item.id),
      UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk REMOVE handledAt',
      ConditionExpression: 'attribute_exists(pk) AND complaint = :true',
      ExpressionAttributeValues: { ':pk': keys.openComplaints, ':sk': `${item.receivedAt}#${item.id}`, ':true': true },
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

  async getMany(ids: string[]) {
    const records: FeedbackRecord[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const result = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: ids.slice(i, i + 100).map((id) => keys.feedback(id)) } } }),
      );
      for (const item of result.Responses?.[this.tableName] ?? []) records.push(entity<FeedbackRecord>(item)!);
    }
    return records;
  }

  async delete(id: string) {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.feedback(id) }));
  }
}

/**
 * The alert outbox in DynamoDB: conditional writes give exactly one sender per alert. One small
 * item per alert; its email is stored gzip-compressed (usually as content to render), so every
 * state change costs a single write unit.
 */
export class DynamoAlertOutbox extends TableRepository implements AlertOutbox {
  async record(alert: AlertRecord) {
    const { body, ...state } = alert;
    // Alerts sent at once never enter the pending index; batched ones wait in it for the sweep.
    const created = await this.putNew({
      ...keys.alert(alert.incidentKey),
      entity: 'alert',
      ...(alert.batched ? { gsi1pk: keys.pendingAlerts, gsi1sk: alert.nextAttemptAt } : {}),
      ...state,
      body: gzipSync(Buffer.from(JSON.stringify(body))),
    });
    if (created) return { ...state, created: true };
    const existing = await this.get(alert.incidentKey);
    if (!existing) throw new Error(`alert ${alert.incidentKey} vanished while being recorded`);
    return { ...existing, created: false };
  }

  async get(incidentKey: string) {
    const item = await this.getItem<AlertState & { body?: unknown }>(keys.alert(incidentKey));
    if (!item) return undefined;
    const { body: _body, ...state } = item;
    return state;
  }

  async body(incidentKey: string) {
    const item = await this.getItem<{ body?: Uint8Array }>(keys.alert(incidentKey));
    if (!item?.body) return undefined;
    return JSON.parse(gunzipSync(Buffer.from(item.body)).toString('utf8')) as AlertBody;
  }

  async findFirst(incidentKeys: string[]) {
    if (!incidentKeys.length) return undefined;
    const result = await this.client.send(
      new BatchGetCommand({
        RequestItems: { [this.tableName]: { Keys: incidentKeys.map((key) => keys.alert(key)), ProjectionExpression: 'incidentKey' } },
      }),
    );
    const found = new Set((result.Responses?.[this.tableName] ?? []).map((item) => String(item.incidentKey)));
    return incidentKeys.find((key) => found.has(key));
  }

  claim(incidentKey: string, now: Date, leaseMs: number, options: { rateCounted?: boolean } = {}) {
    return this.updateIf({
      Key: keys.alert(incidentKey),
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
      UpdateExpression: 'SET lastError = :err, nextAttemptAt = :next, gsi1pk = :index, gsi1sk = :next REMOVE leaseUntil',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':err': error.slice(0, 500), ':next': nextAttemptAt.toISOString(), ':pending': 'pending', ':index': keys.pendingAlerts },
    });
  }

  async defer(incidentKey: string, until: Date, options: { releaseLease: boolean }) {
    await this.updateIf({
      Key: keys.alert(incidentKey),
      UpdateExpression: `SET nextAttemptAt = :next, gsi1pk = :index, gsi1sk = :next${options.releaseLease ? ' REMOVE leaseUntil' : ''}`,
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':next': until.toISOString(), ':pending': 'pending', ':index': keys.pendingAlerts },
    });
  }

  async listDue(now: Date, limit: number) {
    const items = await this.queryIndex<AlertState & { body?: unknown }>('gsi1', keys.pendingAlerts, now.toISOString(), limit);
    return items.map(({ body: _body, ...state }) => state);
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

/** How many feedback ids a topic's day item keeps (the recurring-problem alert quotes them). */
const MAX_TOPIC_IDS = 10;

function toTopicDay(day: string, item: Record<string, unknown>): TopicDay {
  return {
    day,
    topic: String(item.topic ?? ''),
    complaints: Number(item.complaints ?? 0),
    ...(item.quote ? { quote: String(item.quote) } : {}),
    ...(item.quoteId ? { quoteId: String(item.quoteId) } : {}),
    ids: ((item.ids as unknown[] | undefined) ?? []).map(String),
    customers: [...((item.customers as Iterable<unknown> | undefined) ?? [])].map(String).sort(),
  };
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
    if (!entries.length) return {};
    const result = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: keys.day(day), sk: '#STATS' },
        UpdateExpression: `SET expiresAt = :ttl ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
        ExpressionAttributeValues: { ':ttl': this.ttl(day), ...Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Object.fromEntries(
      Object.entries(result.Attributes ?? {})
        .filter(([name]) => name !== 'expiresAt')
        .map(([name, value]) => [name, Number(value)]),
    );
  }

  async setAside(day: string, entry: SetAsideEntry) {
    return this.putNew({ pk: keys.day(day), sk: `SETASIDE#${entry.id}`, ...entry, expiresAt: this.ttl(day) });
  }

  async topic(day: string, topic: string, quote: string, feedbackId: string, customer: string) {
    // The item as it was before this complaint (one atomic write): what it is now follows from it.
    const result = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: keys.day(day), sk: `TOPIC#${topic}` },
        UpdateExpression:
          'SET topic = :topic, quote = if_not_exists(quote, :quote), quoteId = if_not_exists(quoteId, :id), ids = list_append(if_not_exists(ids, :empty), :ids), expiresAt = :ttl ADD complaints :one, customers :customer',
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
      }),
    );
    const before = toTopicDay(day, result.Attributes ?? {});
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
      await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: { pk: keys.day(day), sk: `TOPIC#${topic}` }, UpdateExpression: `REMOVE ${paths}` }));
    }
    return { ...item, customersBefore: before.customers };
  }

  async topicDays(topic: string, days: string[]) {
    if (!days.length) return [];
    const result = await this.client.send(
      new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: days.map((day) => ({ pk: keys.day(day), sk: `TOPIC#${topic}` })) } } }),
    );
    return (result.Responses?.[this.tableName] ?? []).map((item) => toTopicDay(String(item.pk).slice('DAY#'.length), item));
  }

  async forgetTopic(topic: string, days: string[], feedbackIds: string[]) {
    let forgotten = 0;
    for (const item of await this.topicDays(topic, days)) {
      const kept = item.ids.filter((id) => !feedbackIds.includes(id));
      const quoteGone = item.quoteId !== undefined && feedbackIds.includes(item.quoteId);
      if (kept.length === item.ids.length && !quoteGone) continue;
      forgotten += item.ids.length - kept.length;
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.day(item.day), sk: `TOPIC#${topic}` },
          UpdateExpression: `SET ids = :kept${quoteGone ? ' REMOVE quote, quoteId' : ''}`,
          ExpressionAttributeValues: { ':kept': kept },
        }),
      );
    }
    return forgotten;
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

/** Mentions received, one small item per source and external id, expiring with the retention. */
export class DynamoMentionRegistry extends TableRepository implements MentionRegistry {
  constructor(
    client: DynamoDBDocumentClient,
    tableName: string,
    private readonly retentionDays: number,
  ) {
    super(client, tableName);
  }

  async claim(source: string, externalId: string, feedbackId: string, at: Date) {
    return this.putNew({
      ...keys.mention(source, externalId),
      feedbackId,
      receivedAt: at.toISOString(),
      expiresAt: Math.floor(at.getTime() / 1000) + this.retentionDays * 86_400,
    });
  }

  async find(source: string, externalId: string) {
    return (await this.getItem<{ feedbackId: string }>(keys.mention(source, externalId)))?.feedbackId;
  }

  async release(source: string, externalId: string) {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.mention(source, externalId) }));
  }
}

/** The digest's reads (one query per day) and its small bookkeeping items. */
export class DynamoDigestStore extends TableRepository implements DigestStore {
  async day(day: string): Promise<DayAggregate> {
    const aggregate: DayAggregate = { day, counters: {}, topics: [], praise: [], repeats: [], setAside: [] };
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.day(day) }, ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) {
        const sk = String(item.sk);
        if (sk === '#STATS') {
          for (const [name, value] of Object.entries(item)) if (typeof value === 'number' && name !== 'expiresAt') aggregate.counters[name] = value;
        } else if (sk.startsWith('TOPIC#')) aggregate.topics.push(toTopicDay(day, item));
        else if (sk.startsWith('PRAISE#')) aggregate.praise.push(entity<PraiseEntry>(item)!);
        else if (sk.startsWith('REPEAT#')) aggregate.repeats.push(entity<RepeatEntry>(item)!);
        else if (sk.startsWith('SETASIDE#')) aggregate.setAside.push(entity<SetAsideEntry>(item)!);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return aggregate;
  }

  async isUnsubscribed(email: string) {
    return (await this.getItem(keys.unsubscribed(email))) !== undefined;
  }

  async unsubscribe(email: string, at: Date) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.unsubscribed(email), at: at.toISOString() } }));
  }

  async claimWeek(week: string, email: string, at: Date) {
    return this.putNew({ ...keys.digestSent(week, email), at: at.toISOString(), expiresAt: Math.floor(at.getTime() / 1000) + 60 * 86_400 });
  }

  async releaseWeek(week: string, email: string) {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.digestSent(week, email) }));
  }
}

/** Pollers' state, one item per source in one partition (so listing them is one query). */
export class DynamoPollStateRepository extends TableRepository implements PollStateRepository {
  async get(sourceId: string) {
    return this.getItem<PollState>(keys.pollState(sourceId));
  }

  async save(state: PollState) {
    const { version, ...rest } = state;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.pollState(state.sourceId), ...rest, version: (version ?? 0) + 1 },
          ...(version === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(version)' }
            : { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': version } }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async list() {
    const result = await this.client.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.pollState('').pk } }),
    );
    return (result.Items ?? []).map((item) => entity<PollState>(item)!);
  }
}
