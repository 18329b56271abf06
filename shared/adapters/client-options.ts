import type { Config } from '#shared/config.ts';

/**
 * Options every AWS client shares: the region, and for the local emulators their endpoint with
 * throw-away credentials (they accept any); in AWS the function's role signs the requests.
 */
export function clientOptions(cfg: Pick<Config, 'aws'>, endpoint: string | undefined) {
  return {
    region: cfg.aws.region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 3,
  };
}

/**
 * AWS clients a caller may hand to a function's composition (the local stack shares one set
 * between its functions; a benchmark passes a metered one). Types only: a bundle loads the SDK
 * packages its own adapters import, no others.
 */
export interface AwsClients {
  dynamo: import('@aws-sdk/lib-dynamodb').DynamoDBDocumentClient;
  sqs: import('@aws-sdk/client-sqs').SQSClient;
  s3: import('@aws-sdk/client-s3').S3Client;
  ses: import('@aws-sdk/client-sesv2').SESv2Client;
}
