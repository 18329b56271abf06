import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Config } from '#shared/config.ts';
import type { Item } from '#shared/adapters/dynamo/entity.ts';

/** Where the table is and how long personal data is kept (for TTLs). */
export interface TableSettings {
  tableName: string;
  retentionDays: number;
}

/** The table settings of a configuration. */
export function tableOf(config: Pick<Config, 'aws' | 'retentionDays'>): TableSettings {
  return { tableName: config.aws.tableName, retentionDays: config.retentionDays };
}

/** Whether DynamoDB refused a write because its condition did not hold. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** The key of an item. */
export type Key = { pk: string; sk: string };

/**
 * The DynamoDB requests every repository makes, over one table. Repositories build keys and items
 * from the entity declarations (table.ts) and decode what they read through them.
 */
export abstract class TableRepository {
  protected readonly tableName: string;
  protected readonly context: { retentionDays: number };

  constructor(
    protected readonly client: DynamoDBDocumentClient,
    table: TableSettings,
  ) {
    this.tableName = table.tableName;
    this.context = { retentionDays: table.retentionDays };
  }

  /** One item by key, read consistently. */
  protected async read(key: Key, projection?: string): Promise<Item | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true, ...(projection ? { ProjectionExpression: projection } : {}) }),
    );
    return result.Item;
  }

  /** Puts an item, replacing any item with its key. */
  protected async write(item: Item): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  /** Puts an item only if its key is new; false when it existed. */
  protected async writeNew(item: Item): Promise<boolean> {
    return this.writeIf(item, 'attribute_not_exists(pk)');
  }

  /** Puts an item if `condition` holds; false when it did not. */
  protected async writeIf(item: Item, condition: string, values?: Record<string, unknown>): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: condition, ...(values ? { ExpressionAttributeValues: values } : {}) }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Runs an update; returns the attributes it asked for. */
  protected async update(input: Omit<UpdateCommandInput, 'TableName'>): Promise<Item | undefined> {
    const result = await this.client.send(new UpdateCommand({ ...input, TableName: this.tableName }));
    return result.Attributes;
  }

  /** Runs a conditional update; false when the condition did not hold. */
  protected async updateIf(input: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> {
    try {
      await this.update(input);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Deletes an item (nothing happens when it is gone already). */
  protected async remove(key: Key, condition?: { expression: string; values: Record<string, unknown> }): Promise<boolean> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ...(condition ? { ConditionExpression: condition.expression, ExpressionAttributeValues: condition.values } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (condition && isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** One page of a query. */
  protected async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<{ items: Item[]; next?: Record<string, unknown> }> {
    const result = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName }));
    return { items: result.Items ?? [], ...(result.LastEvaluatedKey ? { next: result.LastEvaluatedKey } : {}) };
  }

  /** Every page of a query. */
  protected async queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
    const items: Item[] = [];
    let next: Record<string, unknown> | undefined;
    do {
      const page = await this.query({ ...input, ...(next ? { ExclusiveStartKey: next } : {}) });
      items.push(...page.items);
      next = page.next;
    } while (next);
    return items;
  }

  /** Several items by key, 100 per request, unprocessed keys retried (missing items are left out). */
  protected async readMany(keys: Key[], projection?: string): Promise<Item[]> {
    const items: Item[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      let request: Record<string, { Keys: Key[]; ProjectionExpression?: string }> | undefined = {
        [this.tableName]: { Keys: keys.slice(i, i + 100), ...(projection ? { ProjectionExpression: projection } : {}) },
      };
      for (let attempt = 0; request && Object.keys(request).length > 0 && attempt < 5; attempt += 1) {
        const result = await this.client.send(new BatchGetCommand({ RequestItems: request }));
        items.push(...(result.Responses?.[this.tableName] ?? []));
        request = result.UnprocessedKeys as typeof request;
      }
    }
    return items;
  }
}
