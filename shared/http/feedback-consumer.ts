import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { feedbackMessageSchema, issuesOf } from '#shared/domain/feedback.ts';
import { logger } from '#shared/logger.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';
import { createCaseLinks } from '#shared/use-cases/cases.ts';
import type { ProcessingDeps } from '#shared/use-cases/deps.ts';
import { processFeedback } from '#shared/use-cases/process-feedback.ts';
import { setAsideUnprocessable } from '#shared/use-cases/set-aside.ts';

/** A queue message body that is not JSON (nothing Earshot sends): retried, then kept in the DLQ for inspection. */
export class InvalidMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessageError';
  }
}

/** What processing uses: the processing ports, and the link key that signs case links. */
export type ProcessFeedbackDeps = Omit<ProcessingDeps, 'caseLinks'> & { secrets: Pick<SecretSource, 'linkKeys'> };

/**
 * The consumer of a processing queue (the feedback queue, and the priority queue of likely-urgent
 * items: the same code, so both give the same records and exactly-once alerts). Each record is
 * processed on its own; a failing record is reported in `batchItemFailures` so only it is retried
 * (and, after the redrive limit, moved to the DLQ).
 */
export function makeFeedbackConsumer(deps: ProcessFeedbackDeps) {
  const processor = new BatchProcessor(EventType.SQS);

  async function processRecord(record: SQSRecord): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      throw new InvalidMessageError('message body is not JSON');
    }
    const parsed = feedbackMessageSchema.safeParse(body);
    if (!parsed.success) {
      // It can never be processed: set aside with its reason (digest), not retried into the DLQ.
      const problem = issuesOf(parsed.error);
      const aside = await setAsideUnprocessable(body, problem, `message-${record.messageId}`, deps);
      logger.warn('feedback message set aside: it does not match the message schema', { id: aside.id, problem });
      return;
    }
    // Case links are signed with the current link key (read at most every few minutes, so a rotation applies).
    const caseLinks = createCaseLinks(await deps.secrets.linkKeys(), deps.config, deps.now);
    const outcome = await processFeedback(parsed.data, { ...deps, caseLinks });
    logger.info('feedback processed', {
      id: outcome.id,
      recorded: outcome.recorded,
      complaint: outcome.complaint,
      alerts: outcome.alerts.length,
    });
  }

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, processRecord, processor, {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });
}
