import { alertKeysOf, decideAlert, decideRecurring, type AlertDecision, type Decision, type TopicWindow } from '#shared/domain/alert-rules.ts';
import type { Classification, Classifier } from '#shared/domain/classification.ts';
import {
  complaintStanding,
  EXCERPT_LENGTH,
  type ComplaintEntry,
  type ComplaintStanding,
  type CustomerProfile,
  type EarlierComplaint,
} from '#shared/domain/customer.ts';
import { customerLabel, type FeedbackMessage, type FeedbackRecord } from '#shared/domain/feedback.ts';
import { feedbackRecordOf } from '#shared/domain/feedback-record.ts';
import { identitiesOf, identityKey, splitOrderReferences, type OrderReferences } from '#shared/domain/identity.ts';
import { excerptNaming, staffNamed } from '#shared/domain/staff.ts';
import { feedbackCounters } from '#shared/domain/stats.ts';
import { addDays, localDate } from '#shared/domain/week.ts';
import { alertCustomer, alertFeedback, type ComplaintAlertContent } from '#shared/emails/complaint-alert.ts';
import type { AlertBody, AlertRecord } from '#shared/ports/store.ts';
import { resolveCustomer } from '#shared/use-cases/customers.ts';
import { recorded, type LeaseFields } from '#shared/domain/alert-delivery.ts';
import { deliverAlert, type DeliveryResult } from '#shared/use-cases/deliver-alert.ts';
import type { Deps, ProcessingDeps } from '#shared/use-cases/deps.ts';
import { caseForReplyTag, openCaseOf, placeItem, recordCustomerReply, recordOnCase } from '#shared/use-cases/cases.ts';
import { cuePhrase } from '#shared/domain/alert-rules.ts';
import { headerSafe } from '#shared/web/html.ts';

/** What processing one item did. */
export interface ProcessOutcome {
  id: string;
  recorded: 'created' | 'exists';
  complaint: boolean;
  customerId?: string;
  alerts: Array<{ incidentKey: string; result: DeliveryResult | 'folded' | 'batched' }>;
  /** The case the item opened or joined. */
  caseId?: string;
}

/** The List-Id every alert carries, so a mail filter can sort them. */
const LIST_ID = 'Earshot alerts <alerts.earshot.local>';

/** How many topics of one item count toward recurring problems: its main one (the most mentioned). */
const MAX_TOPICS = 1;

/** Praise kept per day for the digest when it names no staff (praise naming staff is always kept). */
const PRAISE_SAMPLE_PER_DAY = 5;

/**
 * How an item is classified: its text, and an email's subject with it (`earshot classify` judges a
 * pasted email the same way, so the command line and the pipeline never disagree).
 */
export function classifyMessage(message: FeedbackMessage, classifier: Classifier): Classification {
  return classifier.classify(message.text, { channel: message.channel, ...(message.email?.subject ? { subject: message.email.subject } : {}) });
}

/**
 * Processes one feedback item: classify, resolve the customer across channels, record (once),
 * remember the complaint on the customer, decide alerts, record each in the outbox, deliver.
 * Safe to run again for the same message: every write is keyed by the item, so a redelivery
 * finishes what an interrupted run left and sends nothing twice. An alert that cannot be sent now
 * stays pending in the outbox, where the retry sweep picks it up.
 */
export async function processFeedback(message: FeedbackMessage, deps: ProcessingDeps): Promise<ProcessOutcome> {
  const classification = classifyMessage(message, deps.classifier);
  const references = await orderReferencesOf(message, deps);
  const identities = identitiesOf(message.customer, references.verified, {
    ...(message.mention ? { source: message.mention.source } : {}),
  });
  const customer = await resolveCustomer(identities, message.customer.name, deps);
  const record = feedbackRecordOf(message, classification, customer, deps.now(), references.claimed);
  // An answer to the owner's reply (sent to the case's signed reply address) joins that case.
  const answered = await caseForReplyTag(message.email?.caseTag, deps.caseLinks, deps);
  if (answered) return processCustomerReply({ ...record, caseId: answered.caseId }, answered.caseId, deps);

  const { standing, followUpAlertKey } = await placeComplaint(record, customer, deps);
  // The case is decided before the item is recorded, so the item carries its case id.
  const placement = await placeItem(record, standing?.followUpOf?.id, deps);
  if (placement) record.caseId = placement.caseId;
  const recorded = await deps.feedback.record(record);
  // The case exists before any alert about it goes out, so its links work at once.
  if (placement) await openCaseOf(record, placement, classification.urgent, deps);

  const { decision, alerts } = await alertOnItem(record, customer, standing, followUpAlertKey, placement?.caseId, deps);
  if (placement) {
    const raised = decision?.action === 'send' ? [{ incidentKey: decision.incidentKey, subject: decision.subject, urgent: decision.urgent }] : [];
    await recordOnCase(record, placement, raised, deps);
  }
  // Counted once: right after the item is first recorded, or on a redelivery when the run that
  // recorded it stopped before its counting was done.
  if (recorded !== 'exists') {
    alerts.push(...(await countAndAlertOnTopics(record, standing, decision?.action === 'send' ? decision.kind : undefined, deps)));
    await deps.feedback.markCounted(record.id);
  }

  return {
    id: record.id,
    recorded: recorded === 'created' ? 'created' : 'exists',
    complaint: record.complaint,
    ...(customer ? { customerId: customer.customerId } : {}),
    alerts,
    ...(placement ? { caseId: placement.caseId } : {}),
  };
}

/**
 * The order numbers an item quotes, split into the sender's own and claims. A survey answer's
 * order comes from its signed link; numbers found in an email's or a post's text link the item
 * only when that order already belongs to the customer the sender is (one batched identity read).
 */
async function orderReferencesOf(message: FeedbackMessage, deps: Pick<ProcessingDeps, 'customers'>): Promise<OrderReferences> {
  if (message.channel === 'survey' || message.orderIds.length === 0) return { verified: message.orderIds, claimed: [] };
  const sender = identitiesOf(message.customer, [], message.mention ? { source: message.mention.source } : {});
  const orders = identitiesOf({}, message.orderIds);
  const owners = await deps.customers.findByIdentities([...sender, ...orders]);
  // Profiles merged into another are followed, so both sides name the surviving profile.
  const resolved = new Map<string, string>();
  for (const id of new Set(owners.values())) resolved.set(id, (await deps.customers.get(id))?.customerId ?? id);
  const senderCustomers = new Set(sender.map((i) => owners.get(identityKey(i))).filter((id): id is string => Boolean(id)).map((id) => resolved.get(id)!));
  const orderOwner = new Map(message.orderIds.map((orderId) => {
    const owner = owners.get(identityKey({ kind: 'order', value: orderId.trim() }));
    return [orderId, owner ? resolved.get(owner) : undefined] as const;
  }));
  return splitOrderReferences(message.orderIds, orderOwner, senderCustomers);
}

/**
 * A complaint (or an urgent item) of a known customer joins their complaint list; where it stands
 * there (first, second… and whether it follows up an earlier one) and the alert a follow-up joins.
 */
async function placeComplaint(
  record: FeedbackRecord,
  customer: CustomerProfile | undefined,
  deps: Pick<ProcessingDeps, 'customers' | 'alerts' | 'config'>,
): Promise<{ standing?: ComplaintStanding; followUpAlertKey?: string }> {
  if (!customer || !(record.complaint || record.classification.urgent)) return {};
  const entry: ComplaintEntry = { id: record.id, at: record.receivedAt, channel: record.channel, incident: record.incident ?? `${record.channel}:${record.id}` };
  const complaints = await deps.customers.appendComplaint(customer.customerId, entry);
  const standing = complaintStanding(complaints, entry, {
    windowDays: deps.config.alerts.secondComplaintWindowDays,
    foldMinutes: deps.config.alerts.foldWindowMinutes,
  });
  const followUpAlertKey = standing.followUpOf ? await deps.alerts.findFirst(alertKeysOf(standing.followUpOf.id, customer.customerId)) : undefined;
  return { standing, ...(followUpAlertKey ? { followUpAlertKey } : {}) };
}

/** Decides what the item raises: a follow-up folds into its open alert; otherwise an alert is raised, or nothing. */
async function alertOnItem(
  record: FeedbackRecord,
  customer: CustomerProfile | undefined,
  standing: ComplaintStanding | undefined,
  followUpAlertKey: string | undefined,
  caseId: string | undefined,
  deps: ProcessingDeps,
): Promise<{ decision: Decision | undefined; alerts: ProcessOutcome['alerts'] }> {
  const decision = decideAlert(record, standing, deps.config.alerts, followUpAlertKey);
  if (!decision) return { decision, alerts: [] };
  if (decision.action === 'fold') {
    await deps.alerts.addFeedback(decision.into, record.id);
    return { decision, alerts: [{ incidentKey: decision.into, result: 'folded' }] };
  }
  const content = {
    subject: decision.subject,
    headline: decision.headline,
    urgent: decision.urgent,
    ...(decision.priority ? { priority: decision.priority } : {}),
    feedback: alertFeedback(record),
    nextSteps: decision.nextSteps,
    ...(customer ? { customer: alertCustomer(customer) } : {}),
    ...(standing?.earlier.length && decision.kind === 'repeat-complaint' ? { earlier: await earlierComplaints(standing, deps) } : {}),
    ...(caseId ? caseLinksOf(caseId, deps) : {}),
  };
  return { decision, alerts: [await raise(decision, content, [record.id], deps)] };
}

/** Adds the item to its day's aggregates, and raises a recurring-problem alert for each topic that crossed the threshold. */
async function countAndAlertOnTopics(record: FeedbackRecord, standing: ComplaintStanding | undefined, alertKind: string | undefined, deps: ProcessingDeps): Promise<ProcessOutcome['alerts']> {
  const alerts: ProcessOutcome['alerts'] = [];
  for (const window of await recordStats(record, standing, alertKind, deps)) {
    const recurring = decideRecurring(window.counts, record.id, deps.config.alerts);
    if (!recurring) continue;
    const quoted = (await deps.feedback.getMany(window.ids)).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const quotes = quoted.map((f) => ({ at: f.receivedAt, quote: f.text.slice(0, 300), customer: customerLabel(f.customer) }));
    const content = { subject: recurring.subject, headline: recurring.headline, urgent: false, feedback: alertFeedback(record), nextSteps: recurring.nextSteps, quotes };
    alerts.push(await raise(recurring, content, quoted.map((f) => f.id), deps));
  }
  return alerts;
}

/** The texts of the earlier complaints, read from their feedback items (one batch read). */
async function earlierComplaints(standing: ComplaintStanding, deps: Pick<Deps, 'feedback'>): Promise<EarlierComplaint[]> {
  const records = await deps.feedback.getMany(standing.earlier.map((c) => c.id));
  const byId = new Map(records.map((r) => [r.id, r]));
  return standing.earlier.map((entry) => {
    const item = byId.get(entry.id);
    return {
      at: entry.at,
      channel: entry.channel,
      excerpt: item?.text.slice(0, EXCERPT_LENGTH) ?? '',
      ...(item?.score !== undefined ? { score: item.score } : {}),
      ...(item?.rating !== undefined ? { rating: item.rating } : {}),
    };
  });
}

/** Renders an alert, records it in the outbox (once per incident key), and delivers it unless batched. */
async function raise(
  decision: AlertDecision,
  content: Omit<ComplaintAlertContent, 'businessName' | 'timeZone'>,
  feedbackIds: string[],
  deps: ProcessingDeps,
): Promise<ProcessOutcome['alerts'][number]> {
  const now = deps.now();
  const body: AlertBody = {
    template: 'complaint',
    data: { ...content, businessName: deps.config.business.name, timeZone: deps.config.business.timeZone },
  };
  const alert: AlertRecord = {
    incidentKey: decision.incidentKey,
    kind: decision.kind,
    urgent: decision.urgent,
    to: deps.config.owner.emails,
    subject: decision.subject,
    body,
    headers: {
      'X-Earshot-Alert': decision.kind,
      'List-Id': LIST_ID,
      ...(decision.urgent ? { Importance: 'high', 'X-Priority': '1' } : {}),
    },
    createdAt: now.toISOString(),
    feedbackIds,
    // The delivery lease's first transition: sent at once, the record takes the sending lease in
    // the same write; batched, it waits for the next hour.
    ...leaseFieldsOf(recorded(now, { batched: decision.batched })),
    ...(decision.batched ? { batched: true } : {}),
  };
  const stored = await deps.alerts.record(alert);
  if (stored.batched) return { incidentKey: stored.incidentKey, result: 'batched' };
  const result = stored.created
    ? await deliverAlert(stored.incidentKey, deps, { ...stored, body }, { claimed: true })
    : await deliverAlert(stored.incidentKey, deps, stored);
  return { incidentKey: stored.incidentKey, result };
}

/** The outbox fields of a lease state (its index entry follows from `batched`). */
function leaseFieldsOf(lease: LeaseFields): Pick<AlertRecord, 'status' | 'attempts' | 'nextAttemptAt' | 'leaseUntil'> {
  return { status: lease.status, attempts: lease.attempts, nextAttemptAt: lease.nextAttemptAt, ...(lease.leaseUntil ? { leaseUntil: lease.leaseUntil } : {}) };
}

/**
 * Adds the item to its day's aggregates (once: only when it was recorded now) and returns, for each
 * complaint topic, the counts over the recurring-problem window and the latest ids to quote.
 */
async function recordStats(
  record: FeedbackRecord,
  standing: ComplaintStanding | undefined,
  alertKind: string | undefined,
  deps: Pick<Deps, 'stats' | 'config'>,
): Promise<Array<{ counts: TopicWindow; ids: string[] }>> {
  const day = localDate(new Date(record.receivedAt), deps.config.business.timeZone);
  // Alert emails are counted when they are sent (see deliverAlert), not when they are decided.
  const counted = await deps.stats.count(day, feedbackCounters(record));
  const windows: Array<{ counts: TopicWindow; ids: string[] }> = [];
  if (record.complaint) {
    const earlierDays = Array.from({ length: deps.config.alerts.recurringTopicWindowDays - 1 }, (_, i) => addDays(day, -(i + 1)));
    // Who complained: one customer complaining three times is one customer, not three.
    const customer = record.customerId ?? `item:${record.id}`;
    for (const topic of record.classification.topics.slice(0, MAX_TOPICS)) {
      const today = await deps.stats.topic(day, topic, record.text.slice(0, 300), record.id, customer);
      // Past the threshold today alone: no crossing possible, no need to read the other days.
      const earlier = today.customersBefore.length < deps.config.alerts.recurringTopicThreshold ? await deps.stats.topicDays(topic, earlierDays) : [];
      const ids = [...earlier.sort((a, b) => a.day.localeCompare(b.day)).flatMap((d) => d.ids), ...today.ids].slice(-10);
      const customersBefore = [...new Set([...earlier.flatMap((d) => d.customers), ...today.customersBefore])];
      const complaints = today.complaints + earlier.reduce((sum, d) => sum + d.complaints, 0);
      windows.push({ counts: { topic, complaints, customersBefore, customer }, ids });
    }
  }
  // Praise that names staff is always kept; otherwise a sample of the day's first few.
  const staff = staffNamed(record.text);
  const praise = !record.complaint && record.classification.sentiment === 'positive' && record.text.trim();
  if (praise && (staff.length > 0 || (counted.positive ?? 0) <= PRAISE_SAMPLE_PER_DAY)) {
    await deps.stats.praise(day, {
      id: record.id,
      at: record.receivedAt,
      channel: record.channel,
      // The quote names the staff it is kept for, wherever in a long text they were named.
      quote: (staff.length ? excerptNaming(record.text, staff, 300) : undefined) ?? record.text.slice(0, 300),
      customer: customerLabel(record.customer),
      staff,
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
  return windows;
}

/** The one-click links of an alert about a case, for the first owner address. */
function caseLinksOf(caseId: string, deps: ProcessingDeps): Pick<ComplaintAlertContent, 'caseId' | 'links'> {
  const owner = deps.config.owner.emails[0]!;
  if (!deps.caseLinks) return { caseId };
  return { caseId, links: { open: deps.caseLinks.actionUrl(caseId, 'open', owner), handled: deps.caseLinks.actionUrl(caseId, 'handled', owner) } };
}

/**
 * A customer's answer to the owner's reply: it joins the case (which reopens and waits for the
 * owner) and the owner hears of it at once, urgently when the answer is itself a complaint or
 * carries an urgent cue. It is never counted as a second complaint.
 */
async function processCustomerReply(record: FeedbackRecord, caseId: string, deps: ProcessingDeps): Promise<ProcessOutcome> {
  const recorded = await deps.feedback.record(record);
  const { cues } = record.classification;
  const urgent = record.complaint || (record.classification.urgent && cues.length > 0);
  await recordCustomerReply(caseId, record, urgent, deps);
  const who = headerSafe(customerLabel(record.customer), 80);
  const cueNote = record.classification.urgent && cues.length ? ` (${cuePhrase(cues[0]!).toLowerCase()})` : '';
  const decision: AlertDecision = {
    action: 'send',
    incidentKey: `reply:${record.id}`,
    kind: 'customer-reply',
    urgent,
    batched: false,
    subject: `${urgent ? 'URGENT: ' : ''}Reply from ${who}${cueNote}`,
    headline: `${who} answered your reply`,
    nextSteps: urgent
      ? [`${who} is still not happy: call or write to them today.`, 'Read the whole case before you answer, so they do not have to repeat themselves.']
      : [`Read what ${who} wrote and answer if they asked something.`, 'Mark the case handled again once it is settled.'],
  };
  const content = { subject: decision.subject, headline: decision.headline, feedback: alertFeedback(record), nextSteps: decision.nextSteps, ...caseLinksOf(caseId, deps) };
  const alert = await raise(decision, content, [record.id], deps);
  const current = await deps.cases.get(caseId);
  if (current && !current.alertKeys.includes(decision.incidentKey)) {
    await recordOnCase(record, { caseId, opens: false }, [{ incidentKey: decision.incidentKey, subject: decision.subject, urgent }], deps);
  }
  if (recorded !== 'exists') {
    const day = localDate(new Date(record.receivedAt), deps.config.business.timeZone);
    await deps.stats.count(day, { ...feedbackCounters(record), alerts: 1, ...(urgent ? { alerts_urgent: 1 } : {}) });
    await deps.feedback.markCounted(record.id);
  }
  return { id: record.id, recorded: recorded === 'created' ? 'created' : 'exists', complaint: record.complaint, ...(record.customerId ? { customerId: record.customerId } : {}), alerts: [alert], caseId };
}
