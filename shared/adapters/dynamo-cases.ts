import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { inboxSortKey, OPEN_SORT_GROUPS, type CaseEvent, type CaseRecord } from '#shared/domain/case.ts';
import type { CaseFinder, CasePage, CaseRepository } from '#shared/ports/cases.ts';

/**
 * Keys of the case aggregate in the single table. A case's state (`#CASE`) and its timeline
 * (`EVENT#...`) share one partition, so the case page is one query. The inbox reads a sparse index:
 * gsi1 lists open or handled cases, gsi2 the same per channel, each already in inbox order. Search
 * entries (`CASEFIND#<kind>:<value>`) lead from an email, phone, order number, a word of the name
 * or a customer id to their cases. Nothing scans.
 */
export const caseKeys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: '#CASE' }),
  event: (caseId: string, eventId: string) => ({ pk: `CASE#${caseId}`, sk: `EVENT#${eventId}` }),
  list: (handled: boolean) => `CASES#${handled ? 'HANDLED' : 'OPEN'}`,
  listByChannel: (handled: boolean, channel: string) => `CASES#${handled ? 'HANDLED' : 'OPEN'}#${channel}`,
  finder: (finder: CaseFinder) => `CASEFIND#${finder.kind}:${finder.value.toLowerCase()}`,
};

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, expiresAt: _ttl, entity: _e, ...rest } = item;
  return rest as T;
}

function indexKeys(record: CaseRecord): Record<string, string> {
  const handled = record.status === 'handled';
  const sort = inboxSortKey(record);
  return { gsi1pk: caseKeys.list(handled), gsi1sk: sort, gsi2pk: caseKeys.listByChannel(handled, record.channel), gsi2sk: sort };
}

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && Object.values(value).every((v) => typeof v === 'string')) return value as Record<string, unknown>;
  } catch {
    // A cursor that is not ours reads from the start.
  }
  return undefined;
}

/** Cases in DynamoDB. */
export class DynamoCaseRepository implements CaseRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
  ) {}

  private ttl(iso: string): number {
    return Math.floor(Date.parse(iso) / 1000) + this.retentionDays * 86_400;
  }

  async create(record: CaseRecord) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...caseKeys.case(record.caseId), entity: 'case', ...indexKeys(record), ...record, expiresAt: this.ttl(record.openedAt) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    return true;
  }

  async index(record: CaseRecord, event: CaseEvent, finders: CaseFinder[]) {
    const items = [
      { ...caseKeys.event(record.caseId, event.eventId), entity: 'case-event', ...event, expiresAt: this.ttl(record.openedAt) },
      ...finders.map((finder) => ({ pk: caseKeys.finder(finder), sk: `${record.openedAt}#${record.caseId}`, entity: 'case-finder', caseId: record.caseId, expiresAt: this.ttl(record.openedAt) })),
    ];
    await this.writeAll(items.map((Item) => ({ PutRequest: { Item } })));
  }

  private async writeAll(requests: Array<Record<string, unknown>>): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let pending: Record<string, unknown>[] | undefined = requests.slice(i, i + 25);
      for (let attempt = 0; pending?.length && attempt < 8; attempt += 1) {
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never } }));
        pending = result.UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
      }
      if (pending?.length) throw new Error('case items could not all be written');
    }
  }

  async get(caseId: string) {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: caseKeys.case(caseId), ConsistentRead: true }));
    return result.Item ? stripKeys<CaseRecord>(result.Item) : undefined;
  }

  async withTimeline(caseId: string) {
    let record: CaseRecord | undefined;
    const events: CaseEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': caseKeys.case(caseId).pk },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.sk === '#CASE') record = stripKeys<CaseRecord>(item);
        else events.push(stripKeys<CaseEvent>(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return record ? { record, events } : undefined;
  }

  async save(next: CaseRecord, event: CaseEvent) {
    // The event first: written under its own id, so a retry after a lost version race writes it once.
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...caseKeys.event(next.caseId, event.eventId), entity: 'case-event', ...event, expiresAt: this.ttl(next.openedAt) },
      }),
    );
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...caseKeys.case(next.caseId), entity: 'case', ...indexKeys(next), ...next, expiresAt: this.ttl(next.openedAt) },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': next.version - 1 },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: [{ DeleteRequest: { Key: caseKeys.event(next.caseId, event.eventId) } }] } }));
      return false;
    }
  }

  async oldestOpen() {
    const firsts = await Promise.all(
      OPEN_SORT_GROUPS.map(async (group) => {
        const result = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :group)',
            ExpressionAttributeValues: { ':pk': caseKeys.list(false), ':group': `${group}#` },
            Limit: 1,
          }),
        );
        return result.Items?.[0] ? stripKeys<CaseRecord>(result.Items[0]) : undefined;
      }),
    );
    return firsts.filter((r): r is CaseRecord => r !== undefined).sort((a, b) => a.openedAt.localeCompare(b.openedAt))[0];
  }

  async list(options: { handled: boolean; channel?: string; limit: number; after?: string }): Promise<CasePage> {
    const index = options.channel ? 'gsi2' : 'gsi1';
    const pk = options.channel ? caseKeys.listByChannel(options.handled, options.channel) : caseKeys.list(options.handled);
    const startKey = decodeCursor(options.after);
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
        // Open: urgent first, then oldest. Handled: the latest handled first.
        ScanIndexForward: !options.handled,
        Limit: options.limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const next = encodeCursor(result.LastEvaluatedKey);
    return { cases: (result.Items ?? []).map((item) => stripKeys<CaseRecord>(item)), ...(next ? { next } : {}) };
  }

  async find(finder: CaseFinder, limit: number) {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': caseKeys.finder(finder) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    const ids = [...new Set((result.Items ?? []).map((item) => String(item.caseId)))];
    return this.getMany(ids);
  }

  private async getMany(caseIds: string[]): Promise<CaseRecord[]> {
    if (!caseIds.length) return [];
    const found = new Map<string, CaseRecord>();
    for (let i = 0; i < caseIds.length; i += 100) {
      const result = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: caseIds.slice(i, i + 100).map((id) => caseKeys.case(id)) } } }));
      for (const item of result.Responses?.[this.tableName] ?? []) {
        const record = stripKeys<CaseRecord>(item);
        found.set(record.caseId, record);
      }
    }
    return caseIds.map((id) => found.get(id)).filter((r): r is CaseRecord => Boolean(r));
  }

  async erase(caseIds: string[], finders: CaseFinder[]) {
    const deletes: Array<Record<string, unknown>> = [];
    let erased = 0;
    for (const caseId of caseIds) {
      const found = await this.withTimeline(caseId);
      if (!found) continue;
      erased += 1;
      deletes.push({ DeleteRequest: { Key: caseKeys.case(caseId) } });
      for (const event of found.events) deletes.push({ DeleteRequest: { Key: caseKeys.event(caseId, event.eventId) } });
    }
    for (const finder of finders) {
      const result = await this.client.send(
        new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': caseKeys.finder(finder) } }),
      );
      for (const item of result.Items ?? []) if (caseIds.includes(String(item.caseId))) deletes.push({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } });
    }
    await this.writeAll(deletes);
    return erased;
  }
}
