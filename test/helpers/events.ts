import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FeedbackMessage } from '#shared/domain/feedback.ts';
import { localContext } from '#infra/local/lambda-context.ts';

/** An API Gateway HTTP API (payload 2.0) event, as the real service sends it. */
export function httpEvent(input: {
  method: string;
  routePath: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
}): APIGatewayProxyEventV2 {
  const path = input.path ?? input.routePath;
  return {
    version: '2.0',
    routeKey: `${input.method} ${input.routePath}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(input.query ?? {}).toString(),
    headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', ...Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])) },
    ...(input.query ? { queryStringParameters: input.query } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method: input.method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: `${input.method} ${input.routePath}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(input.body !== undefined ? { body: input.body } : {}),
    isBase64Encoded: false,
  };
}

/** An SQS record carrying `body`. */
export function sqsRecord(body: string, messageId: string = randomUUID()): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:earshot-feedback',
    awsRegion: 'us-east-1',
  };
}

/** An SQS event batch. */
export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** A feedback message with sensible defaults. */
export function feedbackMessage(overrides: Partial<FeedbackMessage> = {}): FeedbackMessage {
  const unique = randomUUID().slice(0, 12);
  return {
    version: 1,
    id: `survey-${unique}`,
    channel: 'survey',
    receivedAt: new Date().toISOString(),
    rawKey: 'raw/survey/2026-11-23/x.json',
    text: 'The bread was stale and the staff were rude.',
    customer: { email: `jane-${unique}@example.com`, name: 'Jane Doe' },
    orderIds: [`A-${unique}`],
    survey: { surveyId: unique, score: 2 },
    ...overrides,
  };
}

/** A Lambda context. */
export const context = (name = 'test') => localContext(name, 30);

/** An SNS notification as SNS delivers it to an SQS queue when raw message delivery is off. */
export function snsNotification(message: string, topicArn = 'arn:aws:sns:eu-west-1:123456789012:EarshotData-MailEvents'): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: topicArn,
    Message: message,
    Timestamp: new Date().toISOString(),
    SignatureVersion: '1',
    Signature: 'EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=',
    SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
    UnsubscribeURL: `https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}:${randomUUID()}`,
  });
}
