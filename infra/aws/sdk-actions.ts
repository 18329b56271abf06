/**
 * The IAM action each AWS SDK command needs, for the commands Earshot's code may send. A test reads
 * every function's bundle for the commands it imports and checks its role against this map: nothing
 * missing, nothing more. A command not listed here fails that test until it is added, with its action.
 */
export const SDK_COMMAND_ACTIONS: Record<string, Record<string, string[]>> = {
  '@aws-sdk/lib-dynamodb': {
    GetCommand: ['dynamodb:GetItem'],
    PutCommand: ['dynamodb:PutItem'],
    UpdateCommand: ['dynamodb:UpdateItem'],
    DeleteCommand: ['dynamodb:DeleteItem'],
    QueryCommand: ['dynamodb:Query'],
    ScanCommand: ['dynamodb:Scan'],
    BatchGetCommand: ['dynamodb:BatchGetItem'],
    BatchWriteCommand: ['dynamodb:BatchWriteItem'],
    TransactGetCommand: ['dynamodb:GetItem'],
    // A transaction needs the action of each item it holds; Earshot's hold puts, updates and deletes.
    TransactWriteCommand: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  },
  '@aws-sdk/client-dynamodb': {
    GetItemCommand: ['dynamodb:GetItem'],
    PutItemCommand: ['dynamodb:PutItem'],
    UpdateItemCommand: ['dynamodb:UpdateItem'],
    DeleteItemCommand: ['dynamodb:DeleteItem'],
    QueryCommand: ['dynamodb:Query'],
    ScanCommand: ['dynamodb:Scan'],
    BatchGetItemCommand: ['dynamodb:BatchGetItem'],
    BatchWriteItemCommand: ['dynamodb:BatchWriteItem'],
    DescribeTableCommand: ['dynamodb:DescribeTable'],
  },
  '@aws-sdk/client-s3': {
    GetObjectCommand: ['s3:GetObject'],
    // HEAD needs s3:GetObject; without s3:ListBucket a missing key answers 403, not 404.
    HeadObjectCommand: ['s3:GetObject'],
    PutObjectCommand: ['s3:PutObject'],
    DeleteObjectCommand: ['s3:DeleteObject'],
    DeleteObjectsCommand: ['s3:DeleteObject'],
    ListObjectsV2Command: ['s3:ListBucket'],
  },
  '@aws-sdk/client-sqs': {
    SendMessageCommand: ['sqs:SendMessage'],
    SendMessageBatchCommand: ['sqs:SendMessage'],
    ReceiveMessageCommand: ['sqs:ReceiveMessage'],
    DeleteMessageCommand: ['sqs:DeleteMessage'],
    DeleteMessageBatchCommand: ['sqs:DeleteMessage'],
    ChangeMessageVisibilityCommand: ['sqs:ChangeMessageVisibility'],
    GetQueueAttributesCommand: ['sqs:GetQueueAttributes'],
  },
  '@aws-sdk/client-sesv2': {
    SendEmailCommand: ['ses:SendEmail'],
  },
  '@aws-sdk/client-secrets-manager': {
    GetSecretValueCommand: ['secretsmanager:GetSecretValue'],
  },
};

/** What Lambda itself does with the role, not the function's code. */
export const RUNTIME_ACTIONS = {
  /** Active tracing: the runtime sends the trace segments. */
  tracing: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  /** An SQS event source: Lambda receives the batch, deletes what succeeded, reads the queue's attributes. */
  sqsEventSource: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
} as const;

/** An SDK command a bundle imports. */
export interface BundleCommand {
  module: string;
  command: string;
}

/**
 * The AWS SDK commands a bundle imports. The SDK is left out of the bundles (the runtime provides
 * it), so esbuild keeps each import of it as written, and drops the names nothing calls.
 */
export function sdkCommandsOf(code: string): { commands: BundleCommand[]; namespaceImports: string[] } {
  const commands: BundleCommand[] = [];
  for (const match of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*["'](@aws-sdk\/[^"']+)["']/g)) {
    for (const specifier of match[1]!.split(',')) {
      const name = specifier.trim().split(/\s+as\s+/)[0]!.trim();
      if (name.endsWith('Command')) commands.push({ module: match[2]!, command: name });
    }
  }
  const namespaceImports = [...code.matchAll(/import\s*\*\s*as\s+\S+\s+from\s*["'](@aws-sdk\/[^"']+)["']/g)].map((m) => m[1]!);
  return { commands, namespaceImports };
}
