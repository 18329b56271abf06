import { BatchGetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SuppressionList } from '#shared/ports/suppression.ts';

const keys = {
  suppressed: (address: string) => ({ pk: `SUPPRESSED#${address.toLowerCase()}`, sk: '#SUPPRESSED' }),
  mailEvent: (id: string) => ({ pk: `MAILEVENT#${id}`, sk: '#MAILEVENT' }),
};

/** How long a handled event id is remembered against redelivery (SQS keeps a message at most 14 days). */
const EVENT_MEMORY_SECONDS = 30 * 86_400;

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** The suppression list in the table: one item per address (kept until removed by hand), one per handled event. */
export class DynamoSuppressionList implements SuppressionList {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async suppress(address: string, reason: string, at: Date): Promise<boolean> {
    return this.putNew({ ...keys.suppressed(address), entity: 'suppressed', address: address.toLowerCase(), reason, at: at.toISOString() });
  }

  async suppressed(addresses: string[]): Promise<Set<string>> {
    const unique = [...new Set(addresses.map((a) => a.toLowerCase()))];
    const found = new Set<string>();
    for (let i = 0; i < unique.length; i += 100) {
      const result = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: unique.slice(i, i + 100).map(keys.suppressed), ProjectionExpression: 'address' } } }),
      );
      for (const item of result.Responses?.[this.tableName] ?? []) found.add(String(item.address));
    }
    return found;
  }

  async firstTime(eventId: string, at: Date): Promise<boolean> {
    return this.putNew({ ...keys.mailEvent(eventId), entity: 'mailEvent', at: at.toISOString(), expiresAt: Math.floor(at.getTime() / 1000) + EVENT_MEMORY_SECONDS });
  }

  private async putNew(item: Record<string, unknown>): Promise<boolean> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
