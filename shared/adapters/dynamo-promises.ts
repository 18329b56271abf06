import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PromiseRecord } from '#shared/domain/promise.ts';
import type { PromiseRepository } from '#shared/ports/follow-through.ts';
import { PROMISE } from '#shared/adapters/dynamo/table.ts';

/**
 * Keys of the promise aggregate, from its declaration (`PROMISE` in table.ts): a case's promises
 * share the partition `PROMISE#<case>`; open promises are also in gsi1 under `PROMISES#OPEN`, sorted
 * by due date, and leave it when kept, so "due today" and "overdue" are key-range queries over open
 * promises only.
 */
export const promiseKeys = {
  promise: (caseId: string, promiseId: string) => PROMISE.key({ caseId, promiseId }),
  open: PROMISE.indexPartition('open', {}),
  openSort: (p: Pick<PromiseRecord, 'dueDate' | 'caseId' | 'promiseId'>) => PROMISE.indexEntry('open', p)[PROMISE.physicalIndex('open').sortKey]!,
};

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** A stored promise, checked against its declaration. */
function toRecord(item: Record<string, unknown>): PromiseRecord {
  return PROMISE.decode(item);
}

/** Promises in the single DynamoDB table. */
export class DynamoPromiseRepository implements PromiseRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
  ) {}

  private item(promise: PromiseRecord): Record<string, unknown> {
    return PROMISE.item({ caseId: promise.caseId, promiseId: promise.promiseId }, promise, {
      context: { retentionDays: this.retentionDays },
      ...(promise.status === 'open' ? { indexes: PROMISE.indexEntry('open', promise) } : {}),
    });
  }

  private async put(item: Record<string, unknown>, condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> }): Promise<boolean> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ...condition }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  create(promise: PromiseRecord) {
    return this.put(this.item(promise), { ConditionExpression: 'attribute_not_exists(pk)' });
  }

  async get(caseId: string, promiseId: string) {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: promiseKeys.promise(caseId, promiseId), ConsistentRead: true }));
    return result.Item ? toRecord(result.Item) : undefined;
  }

  async listForCase(caseId: string) {
    const items: PromiseRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': PROMISE.partition({ caseId }) },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) items.push(toRecord(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.promiseId.localeCompare(b.promiseId));
  }

  save(next: PromiseRecord) {
    return this.put(this.item(next), { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': next.version - 1 } });
  }

  private async queryOpen(condition: string, values: Record<string, string>, limit: number): Promise<PromiseRecord[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: `gsi1pk = :pk AND ${condition}`,
        ExpressionAttributeValues: { ':pk': promiseKeys.open, ...values },
        Limit: limit,
      }),
    );
    // The index is eventually consistent: an item kept a moment ago may still show; the caller
    // reads it again before acting on it.
    return (result.Items ?? []).map(toRecord).filter((p) => p.status === 'open');
  }

  dueOn(day: string, limit: number) {
    return this.queryOpen('begins_with(gsi1sk, :day)', { ':day': `${day}#` }, limit);
  }

  openBefore(day: string, limit: number) {
    return this.queryOpen('gsi1sk < :day', { ':day': `${day}#` }, limit);
  }

  async countOpen(first: string, last: string) {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: first ? 'gsi1pk = :pk AND gsi1sk BETWEEN :first AND :last' : 'gsi1pk = :pk AND gsi1sk < :last',
          ExpressionAttributeValues: { ':pk': promiseKeys.open, ...(first ? { ':first': `${first}#`, ':last': `${last}#\uffff` } : { ':last': `${last}#` }) },
          Select: 'COUNT',
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  async erase(caseIds: string[]) {
    const keys: Array<{ pk: string; sk: string }> = [];
    for (const caseId of caseIds) for (const p of await this.listForCase(caseId)) keys.push(promiseKeys.promise(caseId, p.promiseId));
    for (let i = 0; i < keys.length; i += 25) {
      let pending: unknown[] | undefined = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
      for (let attempt = 0; pending?.length && attempt < 8; attempt += 1) {
        const result: { UnprocessedItems?: Record<string, unknown[]> } = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never } }));
        pending = result.UnprocessedItems?.[this.tableName];
      }
      if (pending?.length) throw new Error('promises could not all be erased');
    }
    return keys.length;
  }
}
