import { randomBytes } from 'node:crypto';
import type { S3EventRecord } from 'aws-lambda';
import * as z from '#shared/domain/schema.ts';

/**
 * The S3 event notification that S3 sends to SQS when the SES receipt rule stores an inbound
 * message (`ObjectCreated:*`). S3 also sends a one-off `s3:TestEvent` when notifications are set
 * up; it carries no records and is ignored.
 */
export const s3EventSchema = z.union([
  z.object({
    Records: z
      .array(
        z.object({
          eventSource: z.literal('aws:s3'),
          eventName: z.string(),
          eventTime: z.string(),
          s3: z.object({
            bucket: z.object({ name: z.string().check(z.minLength(1)) }),
            object: z.object({ key: z.string().check(z.minLength(1)), size: z.optional(z.number().check(z.int(), z.minimum(0))) }),
          }),
        }),
      )
      .check(z.minLength(1)),
  }),
  z.object({ Event: z.literal('s3:TestEvent') }),
]);

export type S3Event = z.infer<typeof s3EventSchema>;

/** S3 URL-encodes keys in notifications, with `+` for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/**
 * Builds the notification S3 sends to SQS for one stored object, field for field as AWS writes it
 * (event message structure 2.1), so the local stack's messages exercise the same parsing as AWS's.
 */
export function s3ObjectCreatedEvent(bucket: string, key: string, size: number, at: Date, region = 'us-east-1'): { Records: S3EventRecord[] } {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: at.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AROAEXAMPLELOCAL:ses' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': requestId, 'x-amz-id-2': randomBytes(24).toString('base64') },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'InboundEmail',
          bucket: { name: bucket, ownerIdentity: { principalId: 'A1EXAMPLELOCAL' }, arn: `arn:aws:s3:::${bucket}` },
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
            size,
            eTag: randomBytes(16).toString('hex'),
            sequencer: at.getTime().toString(16).toUpperCase().padStart(16, '0'),
          },
        },
      },
    ],
  };
}
