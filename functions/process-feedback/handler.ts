import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { feedbackMessageSchema } from '#shared/domain/feedback.ts';
import { describeIssues } from '#shared/http/api.ts';
import { logger } from '#shared/logger.ts';
import { processFeedback } from '#shared/use-cases/process-feedback.ts';
import { processingDeps } from '#shared/processing-wiring.ts';
import { secretSource } from '#shared/adapters/secrets.ts';
import { createCaseLinks } from '#shared/use-cases/cases.ts';

const processor = new BatchProcessor(EventType.SQS);

/** A queue message that can never be processed; it is retried and then lands in the DLQ. */
export class InvalidMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessageError';
  }
}

async function processRecord(record: SQSRecord): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new InvalidMessageError('message body is not JSON');
  }
  const parsed = feedbackMessageSchema.safeParse(body);
  if (!parsed.success) throw new InvalidMessageError(describeIssues(parsed.error).message);
  const base = processingDeps();
  const caseLinks = createCaseLinks(await secretSource().linkKeys(), base.config, base.now);
  const outcome = await processFeedback(parsed.data, { ...base, caseLinks });
  logger.info('feedback processed', {
    id: outcome.id,
    recorded: outcome.recorded,
    complaint: outcome.complaint,
    alerts: outcome.alerts.length,
  });
}

/**
 * Consumes the feedback queue. Each record is processed on its own; a failing record is reported
 * in `batchItemFailures` so only it is retried (and, after the redrive limit, moved to the DLQ).
 */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, processRecord, processor, {
    context,
    processInParallel: false,
    throwOnFullBatchFailure: false,
  });
