import { decideAlert, decideRecurring, type AlertDecision } from '#shared/domain/alert-rules.ts';
import { complaintStanding, EXCERPT_LENGTH, incidentOf, type ComplaintEntry, type ComplaintStanding, type CustomerProfile } from '#shared/domain/customer.ts';
import { customerLabel, isComplaint, type FeedbackMessage, type FeedbackRecord } from '#shared/domain/feedback.ts';
import { identitiesOf } from '#shared/domain/identity.ts';
import { staffNamed } from '#shared/domain/staff.ts';
import { feedbackCounters } from '#shared/domain/stats.ts';
import { localDate } from '#shared/domain/week.ts';
import { complaintAlertEmail, type ComplaintAlertContent } from '#shared/emails/complaint-alert.ts';
import type { AlertRecord } from '#shared/ports/store.ts';
import { resolveCustomer } from '#shared/use-cases/customers.ts';
import { deliverAlert, nextHour, type DeliveryResult } from '#shared/use-cases/deliver-alert.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** What processing one item did. */
export interface ProcessOutcome {
  id: string;
  recorded: 'created' | 'exists';
  complaint: boolean;
  customerId?: string;
  alerts: Array<{ incidentKey: string; result: DeliveryResult | 'folded' | 'batched' }>;
}

/** The List-Id every alert carries, so a mail filter can sort them. */
const LIST_ID = 'Earshot alerts <alerts.earshot.local>';

/**
 * Processes one feedback item: classify, resolve the customer across channels, record (once),
 * remember the complaint on the customer, decide alerts, record each in the outbox, deliver.
 * Safe to run again for the same message: every write is keyed by the item, so a redelivery
 * finishes what an interrupted run left and sends nothing twice. An alert that cannot be sent now
 * stays pending in the outbox, where the retry sweep picks it up.
 */
export async function processFeedback(message: FeedbackMessage, deps: Deps): Promise<ProcessOutcome> {
  const classification = deps.classifier.classify(message.text, { channel: message.channel });
  const identities = identitiesOf(message.customer, message.orderIds, {
    ...(message.mention ? { source: message.mention.source } : {}),
  });
  const customer = await resolveCustomer(identities, message.customer.name, deps);
  const incident = incidentOf({
    channel: message.channel,
    id: message.id,
    ...(message.email ? { threadId: message.email.threadId } : {}),
    ...(message.mention ? { source: message.mention.source } : {}),
    ...(message.survey ? { surveyId: message.survey.surveyId } : {}),
  });
  const record: FeedbackRecord = {
    id: message.id,
    channel: message.channel,
    receivedAt: message.receivedAt,
    processedAt: deps.now().toISOString(),
    rawKey: message.rawKey,
    text: message.text,
    customer: { ...message.customer, ...(customer?.name && !message.customer.name ? { name: customer.name } : {}) },
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
    ...(customer ? { customerId: customer.customerId } : {}),
    incident,
  };
  const recorded = await deps.feedback.record(record);

  let standing: ComplaintStanding | undefined;
  if (customer && (record.complaint || classification.urgent)) {
    const entry: ComplaintEntry = {
      id: record.id,
      at: record.receivedAt,
      channel: record.channel,
      incident,
      excerpt: record.text.slice(0, EXCERPT_LENGTH),
      topics: classification.topics,
      ...(record.score !== undefined ? { score: record.score } : {}),
      ...(record.rating !== undefined ? { rating: record.rating } : {}),
    };
    const complaints = await deps.customers.appendComplaint(customer.customerId, entry);
    standing = complaintStanding(complaints, entry, {
      windowDays: deps.config.alerts.secondComplaintWindowDays,
      foldMinutes: deps.config.alerts.foldWindowMinutes,
    });
  }

  const alerts: ProcessOutcome['alerts'] = [];
  const decision = decideAlert(record, standing, deps.config.alerts);
  if (decision?.action === 'fold') {
    await deps.alerts.addFeedback(decision.into, record.id);
    await deps.feedback.addAlertKey(record.id, decision.into);
    if (customer) await deps.customers.setComplaintAlert(customer.customerId, record.id, decision.into);
    alerts.push({ incidentKey: decision.into, result: 'folded' });
  } else if (decision) {
    const content = {
      subject: decision.subject,
      headline: decision.headline,
      feedback: record,
      nextSteps: decision.nextSteps,
      ...(customer ? { customer: await freshProfile(customer, deps) } : {}),
      ...(standing?.earlier.length && decision.kind === 'repeat-complaint' ? { earlier: standing.earlier } : {}),
    };
    alerts.push(await raise(decision, content, [record.id], deps));
    if (customer) await deps.customers.setComplaintAlert(customer.customerId, record.id, decision.incidentKey);
  }

  if (record.complaint) {
    for (const topic of classification.topics.slice(0, 3)) {
      const { entries, lastAlertAt } = await deps.topics.append(topic, {
        id: record.id,
        at: record.receivedAt,
        quote: record.text.slice(0, 300),
        customer: customerLabel(record.customer),
      });
      const recurring = decideRecurring(topic, entries, record.id, deps.config.alerts, lastAlertAt);
      if (!recurring) continue;
      const windowStart = Date.parse(record.receivedAt) - deps.config.alerts.recurringTopicWindowDays * 86_400_000;
      const quotes = entries.filter((e) => Date.parse(e.at) >= windowStart && e.at <= record.receivedAt);
      alerts.push(await raise(recurring, { subject: recurring.subject, headline: recurring.headline, feedback: record, nextSteps: recurring.nextSteps, quotes }, quotes.map((q) => q.id), deps));
      await deps.topics.markAlerted(topic, new Date(record.receivedAt));
    }
  }

  if (recorded === 'created') await recordStats(record, standing, decision?.action === 'send' ? decision.kind : undefined, deps);

  return { id: record.id, recorded, complaint: record.complaint, ...(customer ? { customerId: customer.customerId } : {}), alerts };
}

/** Adds the item to its day's aggregates (once: only when it was recorded now). */
async function recordStats(record: FeedbackRecord, standing: ComplaintStanding | undefined, alertKind: string | undefined, deps: Deps): Promise<void> {
  const day = localDate(new Date(record.receivedAt), deps.config.business.timeZone);
  await deps.stats.count(day, feedbackCounters(record));
  if (record.complaint) {
    for (const topic of record.classification.topics.slice(0, 3)) await deps.stats.topic(day, topic, record.text.slice(0, 300), record.id);
  }
  if (!record.complaint && record.classification.sentiment === 'positive' && record.text.trim()) {
    await deps.stats.praise(day, {
      id: record.id,
      at: record.receivedAt,
      channel: record.channel,
      quote: record.text.slice(0, 300),
      customer: customerLabel(record.customer),
      staff: staffNamed(record.text),
    });
  }
  if (alertKind === 'repeat-complaint' && standing && record.customerId) {
    await deps.stats.repeatComplainer(day, {
      customerId: record.customerId,
      customer: customerLabel(record.customer),
      ordinal: standing.ordinal,
      at: record.receivedAt,
      feedbackId: record.id,
    });
  }
}

/** The profile as it is after this item (orders linked by this item count). */
async function freshProfile(customer: CustomerProfile, deps: Pick<Deps, 'customers'>): Promise<CustomerProfile> {
  return (await deps.customers.get(customer.customerId)) ?? customer;
}

/** Renders an alert, records it in the outbox (once per incident key), and delivers it unless batched. */
async function raise(
  decision: AlertDecision,
  content: Omit<ComplaintAlertContent, 'businessName' | 'timeZone'>,
  feedbackIds: string[],
  deps: Deps,
): Promise<ProcessOutcome['alerts'][number]> {
  const now = deps.now();
  const rendered = complaintAlertEmail({ ...content, businessName: deps.config.business.name, timeZone: deps.config.business.timeZone });
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
      'List-Id': LIST_ID,
      ...(decision.urgent ? { Importance: 'high', 'X-Priority': '1' } : {}),
    },
    status: 'pending',
    createdAt: now.toISOString(),
    attempts: 0,
    nextAttemptAt: (decision.batched ? nextHour(now) : now).toISOString(),
    feedbackIds,
    ...(decision.batched ? { batched: true } : {}),
  };
  const stored = await deps.alerts.record(alert);
  for (const id of feedbackIds) await deps.feedback.addAlertKey(id, stored.incidentKey);
  if (stored.batched) return { incidentKey: stored.incidentKey, result: 'batched' };
  return { incidentKey: stored.incidentKey, result: await deliverAlert(stored.incidentKey, deps) };
}
