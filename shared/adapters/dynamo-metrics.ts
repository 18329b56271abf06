import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB usage as counted by `meterDynamo`. */
export interface DynamoUsage {
  requests: number;
  byOperation: Record<string, number>;
  /** Read capacity units reported by the service. */
  readUnits: number;
  /** Write capacity units reported by the service, plus one per index entry a write touches. */
  writeUnits: number;
}

const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);

/** Counts index entries a write touches (each costs a write unit on every GSI it changes). */
function indexWrites(input: Record<string, unknown>): number {
  const text = JSON.stringify([input.Item ?? null, input.UpdateExpression ?? null, input.RequestItems ? 'batch' : null]);
  return (text.match(/gsi\dpk/g) ?? []).length;
}

/**
 * Meters a DynamoDB client: asks for consumed capacity on every request and adds it up, so the
 * benchmark can report requests and capacity units per processed item. For measurement only.
 */
export function meterDynamo(client: DynamoDBClient | DynamoDBDocumentClient): { usage: DynamoUsage; reset(): void } {
  const usage: DynamoUsage = { requests: 0, byOperation: {}, readUnits: 0, writeUnits: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'unknown');
      const input = args.input as Record<string, unknown>;
      if (READS.has(operation) || WRITES.has(operation)) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      usage.requests += 1;
      usage.byOperation[operation] = (usage.byOperation[operation] ?? 0) + 1;
      const output = result.output as { ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> };
      const consumed = ([] as Array<{ CapacityUnits?: number }>).concat(output.ConsumedCapacity ?? []);
      const units = consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      if (READS.has(operation)) usage.readUnits += units;
      if (WRITES.has(operation)) usage.writeUnits += units + indexWrites(input);
      return result;
    },
    { step: 'initialize', name: 'earshotMeter' },
  );
  return {
    usage,
    reset: () => {
      usage.requests = 0;
      usage.byOperation = {};
      usage.readUnits = 0;
      usage.writeUnits = 0;
    },
  };
}
