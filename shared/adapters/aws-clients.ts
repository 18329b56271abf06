import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { config, type Config } from '#shared/config.ts';

/**
 * One client per AWS service for the whole process, created on first use with the endpoint from
 * config, so the same code talks to AWS or to the local emulators.
 */
interface Clients {
  dynamo: DynamoDBDocumentClient;
  sqs: SQSClient;
  s3: S3Client;
  ses: SESv2Client;
}

let clients: Clients | undefined;

/** Local emulators accept any credentials; AWS uses the function's role. */
function clientOptions(cfg: Config, endpoint: string | undefined) {
  return {
    region: cfg.aws.region,
    ...(endpoint
      ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  };
}

/** Builds the clients for a configuration (used by tests that point at their own emulators). */
export function createClients(cfg: Config): Clients {
  const { endpoints } = cfg.aws;
  return {
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient(clientOptions(cfg, endpoints.dynamodb)), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    sqs: new SQSClient(clientOptions(cfg, endpoints.sqs)),
    s3: new S3Client({ ...clientOptions(cfg, endpoints.s3), forcePathStyle: Boolean(endpoints.s3) }),
    // Alerts have their own retries (the outbox sweep), so a throttled send gives up quickly.
    ses: new SESv2Client({ ...clientOptions(cfg, endpoints.ses), maxAttempts: 2 }),
  };
}

/** The process-wide clients. */
export function awsClients(): Clients {
  clients ??= createClients(config());
  return clients;
}

/** Forgets the clients (after the configuration changed, in tests and the local stack). */
export function resetAwsClients(): void {
  clients = undefined;
}
