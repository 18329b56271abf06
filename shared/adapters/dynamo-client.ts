import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '#shared/config.ts';
import { clientOptions } from '#shared/adapters/client-options.ts';

/** The DynamoDB document client, pointed at AWS or at the local emulator by `aws.endpoints.dynamodb`. */
export function createDynamoClient(cfg: Pick<Config, 'aws'>): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(clientOptions(cfg, cfg.aws.endpoints.dynamodb)), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
