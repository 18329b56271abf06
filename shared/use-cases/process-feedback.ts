import { decideAlerts } from '#shared/domain/alert-rules.ts';
import { isComplaint, type FeedbackMessage, type FeedbackRecord } from '#shared/domain/feedback.ts';
import { complaintAlertEmail } from '#shared/emails/complaint-alert.ts';
import type { AlertRecord } from '#shared/ports/store.ts';
import { deliverAlert } from '#shared/use-cases/deliver-alert.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** What processing one item did. */
export interface ProcessOutcome {
  id: string;
  recorded: 'created' | 'exists';
  complaint: boolean;
  alerts: Array<{ incidentKey: string; delivered: boolean }>;
}

/**
 * Processes one feedback item: classify, record (once), decide alerts, record each alert in the
 * outbox, then deliver it. Safe to run again for the same message: the record and the outbox are
 * keyed deterministically, so a redelivery finishes an unfinished delivery and sends nothing twice.
 * Throws when an alert could not be delivered, so the queue retries the message.
 */
export async function processFeedback(message: FeedbackMessage, deps: Deps): Promise<ProcessOutcome> {
  const classification = deps.classifier.classify(message.text, { channel: message.channel });
  const record: FeedbackRecord = {
    id: message.id,
    channel: message.channel,
    receivedAt: message.receivedAt,
    processedAt: deps.now().toISOString(),
    rawKey: message.rawKey,
    text: message.text,
    customer: message.customer,
    orderIds: message.orderIds,
    ...(message.survey ? { score: message.survey.score } : {}),
    ...(message.email ? { subject: message.email.subject } : {}),
    ...(message.mention
      ? {
          source: message.mention.source,
          ...(message.mention.url ? { url: message.mention.url } : {}),
          ...(message.mention.rating !== undefined ? { rating: message.mention.rating } : {}),
        }
      : {}),
    classification,
    complaint: isComplaint(message, classification),
  };
  const recorded = await deps.feedback.record(record);
  const decisions = decideAlerts(record, deps.config.alerts);
  const alerts: ProcessOutcome['alerts'] = [];
  for (const decision of decisions) {
    const now = deps.now().toISOString();
    const rendered = complaintAlertEmail({
      subject: decision.subject,
      headline: decision.headline,
      feedback: record,
      nextSteps: decision.nextSteps,
      businessName: deps.config.business.name,
      timeZone: deps.config.business.timeZone,
    });
    const alert: AlertRecord = {
      incidentKey: decision.incidentKey,
      kind: decision.kind,
      urgent: decision.urgent,
      to: deps.config.owner.emails,
      subject: decision.subject,
      html: rendered.html,
      text: rendered.text,
      headers: {
        'X-Earshot-Alert': decision.kind,
        'List-Id': `Earshot alerts <alerts.earshot.local>`,
        ...(decision.urgent ? { Importance: 'high', 'X-Priority': '1' } : {}),
      },
      status: 'pending',
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      feedbackIds: [record.id],
    };
    const stored = await deps.alerts.record(alert);
    const delivered = await deliverAlert(stored.incidentKey, deps);
    alerts.push({ incidentKey: stored.incidentKey, delivered });
  }
  const undelivered = alerts.filter((a) => !a.delivered);
  if (undelivered.length > 0) {
    throw new AlertDeliveryError(undelivered.map((a) => a.incidentKey));
  }
  return { id: record.id, recorded, complaint: record.complaint, alerts };
}

/** One or more alerts are recorded but not yet sent; they stay pending and are retried. */
export class AlertDeliveryError extends Error {
  constructor(readonly incidentKeys: string[]) {
    super(`alert not delivered yet: ${incidentKeys.join(', ')}`);
    this.name = 'AlertDeliveryError';
  }
}
