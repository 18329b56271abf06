import type { Classification } from '#shared/domain/classification.ts';
import { incidentOf, type CustomerProfile } from '#shared/domain/customer.ts';
import { isComplaint, type FeedbackMessage, type FeedbackRecord } from '#shared/domain/feedback.ts';

/**
 * The record of one processed item: what the message said, how it was classified, who the
 * customer is, and the incident its follow-ups share. Pure: the same message, classification,
 * customer and time always give the same record.
 */
export function feedbackRecordOf(
  message: FeedbackMessage,
  classification: Classification,
  customer: Pick<CustomerProfile, 'customerId' | 'name'> | undefined,
  processedAt: Date,
  /** The order numbers quoted in free text that are not the sender's own (see splitOrderReferences). */
  claimedOrderIds: string[] = [],
): FeedbackRecord {
  const incident = incidentOf({
    channel: message.channel,
    id: message.id,
    ...(message.email ? { threadId: message.email.threadId } : {}),
    ...(message.mention ? { source: message.mention.source } : {}),
    ...(message.survey ? { surveyId: message.survey.surveyId } : {}),
  });
  return {
    id: message.id,
    channel: message.channel,
    receivedAt: message.receivedAt,
    processedAt: processedAt.toISOString(),
    rawKey: message.rawKey,
    text: message.text,
    // A name known from the customer's profile fills in for a message without one.
    customer: { ...message.customer, ...(customer?.name && !message.customer.name ? { name: customer.name } : {}) },
    orderIds: message.orderIds.filter((id) => !claimedOrderIds.includes(id)),
    ...(claimedOrderIds.length ? { claimedOrderIds } : {}),
    ...(message.survey ? { score: message.survey.score } : {}),
    ...(message.email ? { subject: message.email.subject, emailMessageId: message.email.messageId, emailThreadId: message.email.threadId } : {}),
    ...(message.mention
      ? {
          source: message.mention.source,
          ...(message.mention.url ? { url: message.mention.url } : {}),
          ...(message.mention.rating !== undefined ? { rating: message.mention.rating } : {}),
          ...(message.mention.followers !== undefined ? { followers: message.mention.followers } : {}),
        }
      : {}),
    classification,
    complaint: isComplaint(message, classification),
    ...(customer ? { customerId: customer.customerId } : {}),
    incident,
  };
}
