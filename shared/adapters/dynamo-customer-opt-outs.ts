import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerOptOuts } from '#shared/ports/follow-through.ts';

/** Key of a customer's opt-out: one item per address, lower case. */
export const optOutKey = (email: string) => ({ pk: `OPTOUT#${email.trim().toLowerCase()}`, sk: '#OPTOUT' });

/** Customers who asked for no more survey or follow-up mail, one item per address. */
export class DynamoCustomerOptOuts implements CustomerOptOuts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isOptedOut(email: string) {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: optOutKey(email), ConsistentRead: true }));
    return result.Item !== undefined;
  }

  async optOut(email: string, at: Date) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...optOutKey(email), entity: 'customer-opt-out', at: at.toISOString() } }));
  }
}
