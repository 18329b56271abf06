import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseMailEvent } from '#shared/domain/mail-event.ts';
import { logger } from '#shared/logger.ts';
import { recordMailEvent, type MailEventDeps } from '#shared/use-cases/mail-events.ts';

/** A queue message that is not an SES event record: retried, then kept in the dead-letter queue. */
export class InvalidMailEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMailEventError';
  }
}

/**
 * Consumes the mail-events queue (SES's bounce and complaint events, through SNS): each record on
 * its own, a failing one reported in `batchItemFailures` so only it is retried.
 */
export function makeMailEventsHandler(deps: MailEventDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const processRecord = async (record: SQSRecord): Promise<void> => {
    const result = parseMailEvent(record.body);
    if ('invalid' in result) throw new InvalidMailEventError(result.invalid);
    if ('ignored' in result) return;
    const outcome = await recordMailEvent(result.event, deps);
    // The kind and counts only: addresses are personal data and stay out of the logs.
    logger.info('mail event', { kind: result.event.kind, reason: result.event.reason, recipients: result.event.recipients.length, counted: outcome.counted, suppressed: outcome.suppressed.length });
  };
  return (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, processRecord, processor, { context, processInParallel: false, throwOnFullBatchFailure: false });
}
