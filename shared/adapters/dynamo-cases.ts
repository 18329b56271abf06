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
import { CASE, CASE_EVENT, CASE_FINDER } from '#shared/adapters/dynamo/table.ts';

/**
 * Keys of the case aggregate, from its declarations (`CASE`, `CASE_EVENT`, `CASE_FINDER` in
 * table.ts). A case's state (`#CASE`) and its timeline (`EVENT#...`) share one partition, so the
 * case page is one query. The inbox reads a sparse index: gsi1 lists open or handled cases, gsi2
 * the same per channel, each already in inbox order. Search entries (`CASEFIND#<kind>:<value>`)
 * lead from an email, phone, order number, a word of the name or a customer id to their cases.
 * Nothing scans.
 */
export const caseKeys = {
  case: (caseId: string) => CASE.key({ caseId }),
  event: (caseId: string, eventId: string) => CASE_EVENT.key({ caseId, eventId }),
  list: (handled: boolean) => CASE.indexPartition('inbox', { list: listOf(handled) }),
  listByChannel: (handled: boolean, channel: string) => CASE.indexPartition('inboxByChannel', { list: listOf(handled), channel }),
  finder: (finder: CaseFinder) => CASE_FINDER.partition({ finder: `${finder.kind}:${finder.value.toLowerCase()}` }),
};

function listOf(handled: boolean): string {
  return handled ? 'HANDLED' : 'OPEN';
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** A stored case, checked against its declaration. */
function toRecord(item: Record<string, unknown>): CaseRecord {
  return CASE.decode(item);
}

/** A stored timeline entry, checked against its declaration. */
function toEvent(item: Record<string, unknown>): CaseEvent {
  return CASE_EVENT.decode(item);
}

/** The entries that put a case in the inbox lists (open or handled, all channels and its own), in inbox order. */
function indexKeys(record: CaseRecord): Record<string, string> {
  const values = { list: listOf(record.status === 'handled'), channel: record.channel, order: inboxSortKey(record) };
  return { ...CASE.indexEntry('inbox', values), ...CASE.indexEntry('inboxByChannel', values) };
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

  private get context() {
    return { retentionDays: this.retentionDays };
  }

  private caseItem(record: CaseRecord): Record<string, unknown> {
    return CASE.item({ caseId: record.caseId }, record, { context: this.context, indexes: indexKeys(record) });
  }

  private eventItem(record: Pick<CaseRecord, 'openedAt'>, event: CaseEvent): Record<string, unknown> {
    return CASE_EVENT.item({ caseId: event.caseId, eventId: event.eventId }, event, { context: this.context, ttlValues: { openedAt: record.openedAt } });
  }

  async create(record: CaseRecord) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.caseItem(record),
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
      this.eventItem(record, event),
      ...finders.map((finder) =>
        CASE_FINDER.item({ finder: `${finder.kind}:${finder.value.toLowerCase()}`, openedAt: record.openedAt, caseId: record.caseId }, { caseId: record.caseId }, { context: this.context }),
      ),
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
    return result.Item ? toRecord(result.Item) : undefined;
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
        if (CASE.matches(item)) record = toRecord(item);
        else if (CASE_EVENT.matches(item)) events.push(toEvent(item));
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
        Item: this.eventItem(next, event),
      }),
    );
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.caseItem(next),
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
        const index = CASE.physicalIndex('inbox');
        const result = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: index.name,
            KeyConditionExpression: `${index.partitionKey} = :pk AND begins_with(${index.sortKey}, :group)`,
            ExpressionAttributeValues: { ':pk': caseKeys.list(false), ':group': `${group}#` },
            Limit: 1,
          }),
        );
        return result.Items?.[0] ? toRecord(result.Items[0]) : undefined;
      }),
    );
    return firsts.filter((r): r is CaseRecord => r !== undefined).sort((a, b) => a.openedAt.localeCompare(b.openedAt))[0];
  }

  async list(options: { handled: boolean; channel?: string; limit: number; after?: string }): Promise<CasePage> {
    const index = CASE.physicalIndex(options.channel ? 'inboxByChannel' : 'inbox');
    const pk = options.channel ? caseKeys.listByChannel(options.handled, options.channel) : caseKeys.list(options.handled);
    const startKey = decodeCursor(options.after);
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: `${index.partitionKey} = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
        // Open: urgent first, then oldest. Handled: the latest handled first.
        ScanIndexForward: !options.handled,
        Limit: options.limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const next = encodeCursor(result.LastEvaluatedKey);
    return { cases: (result.Items ?? []).map((item) => toRecord(item)), ...(next ? { next } : {}) };
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
        const record = toRecord(item);
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
