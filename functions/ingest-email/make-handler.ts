import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { decodeS3Key, s3EventSchema } from '#shared/domain/s3-event.ts';
import { describeIssues } from '#shared/http/api.ts';
import { logger } from '#shared/logger.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { ingestEmail } from '#shared/use-cases/ingest-email.ts';

/** What inbound-email ingestion uses. */
export type IngestEmailDeps = Pick<Deps, 'archive' | 'queue' | 'customers' | 'stats' | 'ledger' | 'config' | 'now'>;

/**
 * Consumes the inbound-email queue: S3 notifications of messages the SES receipt rule stored. A
 * read failure is retried on its own (partial batch response); junk and broken mail is set aside,
 * not retried.
 */
export function makeIngestEmailHandler(deps: IngestEmailDeps) {
  const processor = new BatchProcessor(EventType.SQS);

  async function processRecord(record: SQSRecord): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      throw new Error('message body is not JSON');
    }
    const parsed = s3EventSchema.safeParse(body);
    if (!parsed.success) throw new Error(`not an S3 event notification: ${describeIssues(parsed.error).message}`);
    if (!('Records' in parsed.data)) return; // s3:TestEvent when notifications are set up
    for (const s3Record of parsed.data.Records) {
      // Only new objects are inbound mail (a lifecycle expiry or erasure may notify too, if configured).
      if (!s3Record.eventName.startsWith('ObjectCreated:')) continue;
      const key = decodeS3Key(s3Record.s3.object.key);
      const outcome = await ingestEmail(key, s3Record.s3.object.size, deps);
      logger.info('inbound email', { key, ...outcome });
    }
  }

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, processRecord, processor, { context, processInParallel: false, throwOnFullBatchFailure: false });
}
