import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FigureDay } from '#shared/domain/recovery-figures.ts';
import type { DayChange, FigureStore } from '#shared/ports/follow-through.ts';

/**
 * Keys of the follow-through figures: one small counter item per local day, all in the partition
 * `FIGURES` (so 90 days are one query), and one marker item per counted event.
 */
export const figureKeys = {
  day: (day: string) => ({ pk: 'FIGURES', sk: `DAY#${day}` }),
  marker: (marker: string) => ({ pk: `FIGMARK#${marker}`, sk: '#MARK' }),
};

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

  private ttl(day: string): number {
    return Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + this.retentionDays * 86_400;
  }

  async days(first: string, last: string): Promise<FigureDay[]> {
    const days: FigureDay[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
          ExpressionAttributeValues: { ':pk': 'FIGURES', ':first': `DAY#${first}`, ':last': `DAY#${last}` },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const counters: Record<string, number> = {};
        for (const [name, value] of Object.entries(item)) if (typeof value === 'number' && name !== 'expiresAt') counters[name] = value;
        days.push({ day: String(item.sk).slice('DAY#'.length), counters });
      }
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
          UpdateExpression: `SET expiresAt = :ttl ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
          ExpressionAttributeValues: { ':ttl': this.ttl(change.day), ...Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])) },
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
          Item: { ...figureKeys.marker(marker), expiresAt: last ? this.ttl(last) : Math.floor(Date.now() / 1000) + this.retentionDays * 86_400 },
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
