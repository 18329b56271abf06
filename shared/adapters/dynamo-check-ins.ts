import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CheckInRecord } from '#shared/domain/check-in.ts';
import type { CheckInRepository } from '#shared/ports/follow-through.ts';
import { CHECK_IN } from '#shared/adapters/dynamo/table.ts';

/**
 * Keys of the check-in aggregate, from its declaration (`CHECK_IN` in table.ts): a case's check-ins
 * share the partition `CHECKIN#<case>`, one item per handling. gsi1 holds scheduled check-ins under
 * `CHECKINS#DUE` by due time and sent ones under `CHECKINS#SENT` by link expiry, and "Not yet"
 * answers under `CHECKINS#NOT-YET` until the case is handled again; other answers, expired and
 * cancelled ones leave the index.
 */
export const checkInKeys = {
  checkIn: (caseId: string, handling: number) => CHECK_IN.key({ caseId, handling: String(handling).padStart(10, '0') }),
  due: CHECK_IN.indexPartition('due', {}),
  sent: CHECK_IN.indexPartition('sent', {}),
  notPutRight: CHECK_IN.indexPartition('notPutRight', {}),
};

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** A stored check-in, checked against its declaration; the links' expiry is `expiresAt` again. */
function toRecord(item: Record<string, unknown>): CheckInRecord {
  const { linkExpiresAt, ...rest } = CHECK_IN.decode(item);
  return { ...rest, ...(linkExpiresAt ? { expiresAt: linkExpiresAt } : {}) };
}

/** Check-ins in the single DynamoDB table. */
export class DynamoCheckInRepository implements CheckInRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
  ) {}

  private item(record: CheckInRecord): Record<string, unknown> {
    const values = { caseId: record.caseId, handling: String(record.handling) };
    const indexes =
      record.status === 'scheduled'
        ? CHECK_IN.indexEntry('due', { ...values, dueAt: record.dueAt })
        : record.status === 'sent' && record.expiresAt
          ? CHECK_IN.indexEntry('sent', { ...values, linkExpiresAt: record.expiresAt })
          : record.status === 'answered' && record.answer === 'not-yet' && !record.resolvedAt && record.answeredAt
            ? CHECK_IN.indexEntry('notPutRight', { ...values, answeredAt: record.answeredAt })
            : undefined;
    // The links' expiry is kept apart from the table's TTL attribute (`expiresAt`, epoch seconds).
    const { expiresAt: linkExpiresAt, ...rest } = record;
    return CHECK_IN.item({ caseId: record.caseId, handling: String(record.handling).padStart(10, '0') }, { ...rest, ...(linkExpiresAt ? { linkExpiresAt } : {}) }, {
      context: { retentionDays: this.retentionDays },
      ...(indexes ? { indexes } : {}),
    });
  }

  private async put(item: Record<string, unknown>, ConditionExpression: string, ExpressionAttributeValues?: Record<string, unknown>): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression,
          ...(ExpressionAttributeValues ? { ExpressionAttributeValues, ExpressionAttributeNames: { '#status': 'status' } } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  schedule(record: CheckInRecord) {
    return this.put(this.item(record), 'attribute_not_exists(pk)');
  }

  async get(caseId: string, handling: number) {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: checkInKeys.checkIn(caseId, handling), ConsistentRead: true }));
    return result.Item ? toRecord(result.Item) : undefined;
  }

  async listForCase(caseId: string) {
    const items: CheckInRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': CHECK_IN.partition({ caseId }) },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) items.push(toRecord(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  private async indexed(pk: string, below: Date, limit: number): Promise<CheckInRecord[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :below',
        ExpressionAttributeValues: { ':pk': pk, ':below': `${below.toISOString()}#\uffff` },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(toRecord);
  }

  listDue(now: Date, limit: number) {
    return this.indexed(checkInKeys.due, now, limit);
  }

  listExpired(now: Date, limit: number) {
    return this.indexed(checkInKeys.sent, now, limit);
  }

  transition(next: CheckInRecord, from: CheckInRecord['status']) {
    return this.put(this.item(next), 'attribute_exists(pk) AND #status = :from', { ':from': from });
  }

  async listNotPutRight(limit: number) {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': checkInKeys.notPutRight },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(toRecord);
  }

  async resolveNotPutRight(caseId: string, at: Date) {
    for (const record of await this.listForCase(caseId)) {
      if (record.status !== 'answered' || record.answer !== 'not-yet' || record.resolvedAt) continue;
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: checkInKeys.checkIn(caseId, record.handling),
          UpdateExpression: 'SET resolvedAt = :at REMOVE gsi1pk, gsi1sk',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      );
    }
  }

  async uncount(caseId: string, handling: number) {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: checkInKeys.checkIn(caseId, handling),
          UpdateExpression: 'SET counted = :false',
          ConditionExpression: 'counted = :true',
          ExpressionAttributeValues: { ':true': true, ':false': false },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async erase(caseIds: string[]) {
    const keys: Array<{ pk: string; sk: string }> = [];
    for (const caseId of caseIds) for (const c of await this.listForCase(caseId)) keys.push(checkInKeys.checkIn(caseId, c.handling));
    for (let i = 0; i < keys.length; i += 25) {
      let pending: unknown[] | undefined = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
      for (let attempt = 0; pending?.length && attempt < 8; attempt += 1) {
        const result: { UnprocessedItems?: Record<string, unknown[]> } = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never } }));
        pending = result.UnprocessedItems?.[this.tableName];
      }
      if (pending?.length) throw new Error('check-ins could not all be erased');
    }
    return keys.length;
  }
}
