import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FigureDay } from '#shared/domain/recovery-figures.ts';
import type { DayChange, FigureStore } from '#shared/ports/follow-through.ts';
import { templatePrefix } from '#shared/adapters/dynamo/entity.ts';
import { FIGURE_DAY, FIGURE_MARKER, TABLE } from '#shared/adapters/dynamo/table.ts';

/**
 * Keys of the follow-through figures, from their declarations (`FIGURE_DAY`, `FIGURE_MARKER` in
 * table.ts): one small counter item per local day, all in the partition `FIGURES` (so 90 days are
 * one query), and one marker item per counted event.
 */
export const figureKeys = {
  day: (day: string) => FIGURE_DAY.key({ day }),
  marker: (marker: string) => FIGURE_MARKER.key({ marker }),
};

const DAY_PREFIX = templatePrefix(FIGURE_DAY.declaration.sk);

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** Follow-through counters in DynamoDB (ADD: no read, no race). */
export class DynamoFigureStore implements FigureStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
  ) {}

  private get context() {
    return { retentionDays: this.retentionDays };
  }

  async days(first: string, last: string): Promise<FigureDay[]> {
    const days: FigureDay[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
          ExpressionAttributeValues: { ':pk': FIGURE_DAY.partition({}), ':first': figureKeys.day(first).sk, ':last': figureKeys.day(last).sk },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) days.push({ day: String(item[TABLE.sortKey]).slice(DAY_PREFIX.length), counters: FIGURE_DAY.decode(item) });
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return days;
  }

  async add(changes: DayChange[]) {
    for (const change of changes) {
      const entries = Object.entries(change.counters).filter(([, n]) => n !== 0 && Number.isFinite(n));
      if (!entries.length) continue;
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: figureKeys.day(change.day),
          UpdateExpression: `SET #ttl = :ttl ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
          ExpressionAttributeNames: { '#ttl': TABLE.ttlAttribute, ...Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])) },
          ExpressionAttributeValues: { ':ttl': FIGURE_DAY.ttl({ day: change.day }, this.context), ...Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])) },
        }),
      );
    }
  }

  async countOnce(marker: string, changes: DayChange[]) {
    const last = changes.map((c) => c.day).sort().pop();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          // It lasts as long as the last day it counts on (or the retention from now, counting nothing).
          Item: FIGURE_MARKER.item({ marker }, {}, { context: this.context, ttlValues: { countedUntil: last ? `${last}T00:00:00Z` : new Date().toISOString() } }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    try {
      await this.add(changes);
    } catch (error) {
      // Not counted: free the marker so the event counts when it comes again.
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: figureKeys.marker(marker) })).catch(() => undefined);
      throw error;
    }
    return true;
  }
}
