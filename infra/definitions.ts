/**
 * The resources of Earshot, defined once. The CDK stack (infra/aws) and the local stack
 * (infra/local) both build from these definitions, so table keys, indexes, queue settings, routes
 * and each function's access are written in one place.
 */

/** The single DynamoDB table: generic keys, two sparse global secondary indexes, TTL. */
export const TABLE = {
  /** Logical id in CDK; the local table name comes from config (`aws.tableName`). */
  id: 'Table',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export interface QueueDefinition {
  /** Logical id in CDK and local queue name. */
  id: string;
  name: string;
  /** Deliveries before a message moves to the dead-letter queue. */
  maxReceiveCount: number;
  /** Retention of the dead-letter queue, so a failure can be inspected and redriven. */
  deadLetterRetentionDays: number;
  /** Environment variable that carries the queue URL to functions. */
  urlEnv: string;
}

export const QUEUES = {
  feedback: {
    id: 'FeedbackQueue',
    name: 'earshot-feedback',
    maxReceiveCount: 5,
    deadLetterRetentionDays: 14,
    urlEnv: 'EARSHOT_FEEDBACK_QUEUE_URL',
  },
  inboundEmail: {
    id: 'InboundEmailQueue',
    name: 'earshot-inbound-email',
    maxReceiveCount: 5,
    deadLetterRetentionDays: 14,
    urlEnv: 'EARSHOT_INBOUND_EMAIL_QUEUE_URL',
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueKey = keyof typeof QUEUES;

/** The bucket that keeps every accepted input, raw, before it is processed. */
export const RAW_BUCKET = {
  id: 'RawInputBucket',
  /** Local bucket name; in AWS the name is generated. */
  localName: 'earshot-raw',
  env: 'EARSHOT_RAW_BUCKET',
  /** Where inbound mail is stored (by the SES receipt rule in AWS, by the local stack locally). */
  inboundPrefix: 'inbound/',
} as const;

/** What a function may touch; the CDK stack turns each entry into a least-privilege grant. */
export interface FunctionAccess {
  table?: 'read' | 'readWrite';
  /** Queues the function sends to. */
  sendTo?: QueueKey[];
  /** The queue that triggers the function (SQS event source with partial batch responses, see CONSUMER_BATCH). */
  consumes?: QueueKey;
  rawBucket?: 'read' | 'write' | 'readWrite';
  /** Sends email through SES. */
  sendsEmail?: boolean;
  /** Reads the secrets (API key, webhook secret, survey link key). */
  secrets?: boolean;
}

export interface FunctionDefinition {
  /** Folder under functions/ holding handler.ts; also the CDK logical id stem. */
  name: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  access: FunctionAccess;
  /** A schedule in AWS (EventBridge rate, minutes) and in the local scheduler (seconds). */
  schedule?: { awsRateMinutes: number; localEverySeconds: number };
  /**
   * A weekly run at a local time in the business's time zone: EventBridge Scheduler with that time
   * zone in AWS, the local scheduler locally.
   */
  weekly?: { day: 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN'; hour: number; minute: number };
}

export const FUNCTIONS = {
  orders: {
    name: 'orders',
    description: 'Order intake: records the order and schedules the survey invitation',
    memoryMb: 512,
    timeoutSeconds: 10,
    access: { table: 'readWrite', secrets: true },
  },
  survey: {
    name: 'survey',
    description: 'Survey page and survey answers: validates the link, archives and queues the answer',
    memoryMb: 512,
    timeoutSeconds: 10,
    access: { table: 'readWrite', sendTo: ['feedback'], rawBucket: 'write', secrets: true },
  },
  processFeedback: {
    name: 'process-feedback',
    description: 'Classifies feedback, records it and alerts the owner exactly once',
    memoryMb: 1024,
    timeoutSeconds: 30,
    access: { table: 'readWrite', consumes: 'feedback', sendsEmail: true },
  },
  sendInvitations: {
    name: 'send-invitations',
    description: 'Sends the survey invitations that are due',
    memoryMb: 512,
    timeoutSeconds: 60,
    access: { table: 'readWrite', sendsEmail: true, secrets: true },
    schedule: { awsRateMinutes: 5, localEverySeconds: 5 },
  },
  deliverAlerts: {
    name: 'deliver-alerts',
    description: 'Retries pending alerts (mail service down, crash before sending) and sends hourly batches',
    memoryMb: 512,
    timeoutSeconds: 60,
    access: { table: 'readWrite', sendsEmail: true },
    schedule: { awsRateMinutes: 1, localEverySeconds: 2 },
  },
  customers: {
    name: 'customers',
    description: 'Customer profiles: look up, link identities by hand, erase personal data; mark complaints handled',
    memoryMb: 512,
    timeoutSeconds: 30,
    access: { table: 'readWrite', rawBucket: 'readWrite', secrets: true },
  },
  ingestEmail: {
    name: 'ingest-email',
    description: 'Reads inbound email from the raw-input bucket, parses it and queues the new text as feedback',
    memoryMb: 1024,
    timeoutSeconds: 60,
    access: { table: 'readWrite', consumes: 'inboundEmail', rawBucket: 'read', sendTo: ['feedback'] },
  },
  pollMentions: {
    name: 'poll-mentions',
    description: 'Reads the configured feeds (RSS/Atom, Bluesky, Mastodon, Reddit) for new mentions',
    memoryMb: 512,
    timeoutSeconds: 120,
    access: { table: 'readWrite', rawBucket: 'write', sendTo: ['feedback'] },
    schedule: { awsRateMinutes: 10, localEverySeconds: 60 },
  },
  digest: {
    name: 'digest',
    description: 'Builds the weekly digest from the daily counters and lists and sends it to the owner',
    memoryMb: 1024,
    timeoutSeconds: 120,
    access: { table: 'readWrite', sendsEmail: true, secrets: true },
    weekly: { day: 'MON', hour: 8, minute: 0 },
  },
  unsubscribe: {
    name: 'unsubscribe',
    description: 'Digest unsubscribe page and one-click unsubscribe (RFC 8058)',
    memoryMb: 256,
    timeoutSeconds: 10,
    access: { table: 'readWrite', secrets: true },
  },
  mentions: {
    name: 'mentions',
    description: 'Signed webhook for social mentions and reviews: verifies, deduplicates, archives and queues',
    memoryMb: 512,
    timeoutSeconds: 10,
    access: { table: 'readWrite', rawBucket: 'write', sendTo: ['feedback'], secrets: true },
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionKey = keyof typeof FUNCTIONS;

/** How a consumer's SQS event source reads its queue: records per batch, and the longest wait to fill one. */
export const CONSUMER_BATCH = { batchSize: 10, maxBatchingWindowSeconds: 1 } as const;

/** The functions an SQS event source triggers from a queue. */
export function consumersOf(queue: QueueKey): FunctionDefinition[] {
  return (Object.values(FUNCTIONS) as FunctionDefinition[]).filter((definition) => definition.access.consumes === queue);
}

/**
 * A queue's visibility timeout, derived from its consumers: AWS asks for at least six times the
 * function's timeout plus the batch window for an SQS event source, so a message is not handed to a
 * second invocation while the first (with its retries by Lambda) may still be working on it. A queue
 * nothing consumes is a mistake in these definitions.
 */
export function visibilityTimeoutSeconds(queue: QueueKey): number {
  const consumers = consumersOf(queue);
  if (!consumers.length) throw new Error(`queue ${queue}: no function consumes it (set access.consumes on its consumer)`);
  return Math.max(...consumers.map((fn) => 6 * fn.timeoutSeconds + CONSUMER_BATCH.maxBatchingWindowSeconds));
}

/** HTTP routes, identical behind API Gateway (HTTP API, payload 2.0) and on the local server. */
export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path template, e.g. `/s/{token}`. */
  path: string;
  fn: FunctionKey;
}

export const ROUTES: RouteDefinition[] = [
  { method: 'POST', path: '/v1/orders', fn: 'orders' },
  { method: 'GET', path: '/s/{token}', fn: 'survey' },
  { method: 'POST', path: '/s/{token}', fn: 'survey' },
  { method: 'POST', path: '/v1/survey-responses', fn: 'survey' },
  { method: 'GET', path: '/v1/customers', fn: 'customers' },
  { method: 'GET', path: '/v1/customers/{id}', fn: 'customers' },
  { method: 'POST', path: '/v1/customers/{id}/identities', fn: 'customers' },
  { method: 'DELETE', path: '/v1/customers/{id}', fn: 'customers' },
  { method: 'POST', path: '/v1/feedback/{id}/handled', fn: 'customers' },
  { method: 'POST', path: '/v1/mentions', fn: 'mentions' },
  { method: 'GET', path: '/u/{token}', fn: 'unsubscribe' },
  { method: 'POST', path: '/u/{token}', fn: 'unsubscribe' },
];

/** Largest request body any route accepts (contract: 413 above it). */
export const MAX_BODY_BYTES = 256 * 1024;
