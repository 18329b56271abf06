import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerOptOuts } from '#shared/ports/follow-through.ts';
import { CUSTOMER_OPT_OUT } from '#shared/adapters/dynamo/table.ts';

/** Key of a customer's opt-out, from its declaration (`CUSTOMER_OPT_OUT` in table.ts): one item per address, lower case. */
export const optOutKey = (email: string) => CUSTOMER_OPT_OUT.key({ email: normalised(email) });

function normalised(email: string): string {
  return email.trim().toLowerCase();
}

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
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: CUSTOMER_OPT_OUT.item({ email: normalised(email) }, { at: at.toISOString() }) }));
  }
}
