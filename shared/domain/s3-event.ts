import * as z from 'zod';

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
            bucket: z.object({ name: z.string().min(1) }),
            object: z.object({ key: z.string().min(1), size: z.number().int().min(0).optional() }),
          }),
        }),
      )
      .min(1),
  }),
  z.object({ Event: z.literal('s3:TestEvent') }),
]);

export type S3Event = z.infer<typeof s3EventSchema>;

/** S3 URL-encodes keys in notifications, with `+` for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** Builds the notification S3 would send for one stored object (the local stack sends it itself). */
export function s3ObjectCreatedEvent(bucket: string, key: string, size: number, at: Date, region = 'us-east-1'): S3Event {
  return {
    Records: [
      {
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        eventTime: at.toISOString(),
        s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'), size } },
        ...({ eventVersion: '2.1', awsRegion: region } as object),
      },
    ],
  };
}
