import type { UrgentCue } from '#shared/domain/classification.ts';
import { ordinalWord, type ComplaintStanding } from '#shared/domain/customer.ts';
import { customerLabel, type FeedbackRecord } from '#shared/domain/feedback.ts';
import { mentionPriority } from '#shared/domain/mention.ts';
import { topicName } from '#shared/domain/topics.ts';
import { viewCustomerUrl } from '#shared/domain/customer-url.ts';
import { headerSafe } from '#shared/domain/header-safe.ts';

/** The owner's alert settings (`alerts` in the configuration). */
export interface AlertSettings {
  /** How a first, non-urgent complaint reaches the owner. */
  firstComplaint: 'immediate' | 'hourly' | 'off';
  secondComplaintWindowDays: number;
  recurringTopicThreshold: number;
  recurringTopicWindowDays: number;
  foldWindowMinutes: number;
  maxNonUrgentPerHour: number;
}

/** The kinds of alert, also sent in the `X-Earshot-Alert` header for mail filters. */
export type AlertKind = 'repeat-complaint' | 'urgent-cue' | 'first-complaint' | 'recurring-topic' | 'negative-mention' | 'customer-reply';

/** An alert the rules decided to send, before it is rendered and recorded in the outbox. */
export interface AlertDecision {
  action: 'send';
  /** Deterministic: the same item always gives the same key, so it is sent once. */
  incidentKey: string;
  kind: AlertKind;
  urgent: boolean;
  /** Held back until the next hourly batch (first complaints, when so configured). */
  batched: boolean;
  subject: string;
  headline: string;
  nextSteps: string[];
  /** How pressing a negative public post is beyond urgent (a 1-star review, a large audience). */
  priority?: 'critical' | 'high';
}

/** A follow-up about an incident that already has an alert: it joins that alert, no new email. */
export interface FoldDecision {
  action: 'fold';
  into: string;
}

export type Decision = AlertDecision | FoldDecision;

const CUE_PHRASES: Record<UrgentCue, string> = {
  illness: 'Illness reported',
  injury: 'Injury reported',
  safety: 'Safety issue reported',
  legal: 'Legal action mentioned',
  discrimination: 'Discrimination reported',
  press: 'Threat to go public',
  fraud: 'Fraud reported',
  'data-leak': 'Data leak reported',
};

/** The owner-facing phrase for an urgency cue ("Illness reported"). */
export function cuePhrase(cue: UrgentCue): string {
  return CUE_PHRASES[cue];
}

function cueSteps(cues: UrgentCue[], who: string): string[] {
  return [
    `Contact ${who} personally today; listen first and do not argue the facts in writing.`,
    'Write down what happened, when and who was involved while it is fresh; keep receipts, messages and photos.',
    cues.some((c) => c === 'legal' || c === 'press' || c === 'fraud' || c === 'data-leak')
      ? 'Talk to your insurer or adviser before you admit fault or offer compensation.'
      : 'Check that nobody else is at risk now (the product, the batch, the place) and act on it.',
  ];
}

/**
 * Decides what one processed item raises. Pure: the same record, standing and settings always give
 * the same decision and incident key.
 *
 * - a complaint from a customer who complained before within the window (any channel): URGENT,
 *   "Second complaint from …" (third and later escalate the same way);
 * - a negative public post or a 1-2 star review: URGENT, "Negative mention/review on <source>",
 *   naming any urgency cue; neutral and positive posts never alert;
 * - urgency cues (illness, safety, legal, discrimination, press, fraud): URGENT naming the cue;
 * - a follow-up in the same thread or source within the fold window joins the open alert;
 * - otherwise a first complaint: "New complaint from …" (or batched hourly, or off).
 */
export function decideAlert(
  feedback: FeedbackRecord,
  standing: ComplaintStanding | undefined,
  settings: AlertSettings,
  /** The alert of the incident this item follows up, when it has one. */
  followUpAlertKey?: string,
): Decision | undefined {
  const who = headerSafe(customerLabel(feedback.customer), 80);
  const { cues, urgent } = feedback.classification;
  const hasCue = urgent && cues.length > 0;
  if (!feedback.complaint && !hasCue) return undefined;
  const cueNote = hasCue ? ` (${cuePhrase(cues[0]!).toLowerCase()})` : '';

  if (!hasCue && standing?.followUpOf && followUpAlertKey) {
    return { action: 'fold', into: followUpAlertKey };
  }
  if (standing && standing.ordinal >= 2) {
    const nth = ordinalWord(standing.ordinal);
    return {
      action: 'send',
      // From what never changes (the rule and the item): a merge changes the customer id, and a
      // redelivery after it must find the alert it raised before.
      incidentKey: `repeat:${feedback.id}`,
      kind: 'repeat-complaint',
      urgent: true,
      batched: false,
      subject: `URGENT: ${nth} complaint from ${who}${cueNote}`,
      headline: `${nth} complaint from ${who}`,
      nextSteps: [
        `Call or write to ${who} yourself today: this is their ${nth.toLowerCase()} complaint, and a customer who has to complain again is about to leave.`,
        'Acknowledge every earlier complaint by name, so they know you read them; do not make them repeat themselves.',
        'Offer a concrete remedy (refund, redo, replacement) and say what you changed so it will not happen again.',
        'Follow up in a week to check they are satisfied.',
        ...(hasCue ? cueSteps(cues, who).slice(1) : []),
      ],
    };
  }
  if (feedback.channel === 'social' && feedback.source && (feedback.complaint || hasCue)) {
    const what = feedback.rating !== undefined ? 'review' : 'mention';
    const source = headerSafe(feedback.source, 40);
    const priority = mentionPriority(feedback.rating, feedback.followers);
    return {
      action: 'send',
      incidentKey: `mention:${feedback.id}`,
      kind: 'negative-mention',
      urgent: true,
      batched: false,
      subject: `URGENT: Negative ${what} on ${source}${cueNote}`,
      headline: `Negative ${what} on ${source} by ${who}`,
      ...(priority === 'normal' ? {} : { priority }),
      nextSteps: [
        `Answer in public within the hour, calmly and without arguing: "${suggestedResponse(feedback)}"`,
        `Then take it private: invite ${who} to write or call so you can put it right, and do what you offer.`,
        feedback.url ? `Read the whole thread and any replies (copy the link shown above into your browser): ${viewCustomerUrl(feedback.url).text}` : 'Find the post and read any replies before you answer.',
        ...(hasCue ? cueSteps(cues, who).slice(1) : []),
      ],
    };
  }
  if (hasCue) {
    const cue = cuePhrase(cues[0]!);
    return {
      action: 'send',
      incidentKey: `urgent:${feedback.id}`,
      kind: 'urgent-cue',
      urgent: true,
      batched: false,
      subject: `URGENT: ${cue} by ${who}`,
      headline: `${cue} by ${who}`,
      nextSteps: cueSteps(cues, who),
    };
  }
  if (settings.firstComplaint === 'off') return undefined;
  return {
    action: 'send',
    incidentKey: `complaint:${feedback.id}`,
    kind: 'first-complaint',
    urgent: false,
    batched: settings.firstComplaint === 'hourly',
    subject: `New complaint from ${who}`,
    headline: `New complaint from ${who}`,
    nextSteps: [
      `Reply to ${who} within a day: thank them, apologise for the specific problem and say what you will do.`,
      feedback.orderIds.length
        ? `Look up order ${feedback.orderIds.join(', ')} to see what went wrong.`
        : 'Find the order or visit this complaint is about, to see what went wrong.',
      'Fix the cause, so that this customer has no reason to complain a second time.',
    ],
  };
}

/**
 * The alert keys an item may have raised, most likely first (deterministic, see `decideAlert`).
 * Alerts recorded before repeat-complaint keys stopped carrying the customer id are found by
 * their older key too, when the customer id is given.
 */
export function alertKeysOf(feedbackId: string, customerId?: string): string[] {
  return [
    `complaint:${feedbackId}`,
    `repeat:${feedbackId}`,
    `urgent:${feedbackId}`,
    `mention:${feedbackId}`,
    `reply:${feedbackId}`,
    ...(customerId ? [`repeat:${customerId}:${feedbackId}`] : []),
  ];
}

/** A first public answer to a negative post, shaped by what it is about. */
export function suggestedResponse(feedback: Pick<FeedbackRecord, 'classification'>): string {
  const { topics, cues } = feedback.classification;
  if (cues.includes('illness') || cues.includes('injury') || cues.includes('safety')) {
    return 'We are very sorry to read this and we take it seriously. Please message us your contact details so we can look into it with you today.';
  }
  const about: Record<string, string> = {
    'wait-time': 'the wait',
    'staff-attitude': 'how you were treated',
    'product-quality': 'what you received',
    'price-billing': 'the charge',
    refunds: 'your refund',
    delivery: 'your delivery',
    cleanliness: 'the state of the place',
    booking: 'your booking',
    communication: 'not hearing back from us',
  };
  const topic = topics.map((t) => about[t]).find(Boolean);
  return `We are sorry about ${topic ?? 'your experience'}; that is not the standard we hold ourselves to. Please send us a message so we can put it right.`;
}

/** Complaints about one topic within the recurring-problem window, as the current complaint sees them. */
export interface TopicWindow {
  topic: string;
  /** Complaints about the topic within the window, the current one included. */
  complaints: number;
  /** Distinct customers who complained about it within the window before the current complaint. */
  customersBefore: string[];
  /** Who made the current complaint (the customer id, or the item's own key when nobody is known). */
  customer: string;
}

/**
 * Decides whether complaints about one topic have become a recurring problem: exactly when the
 * number of distinct customers within the window reaches the threshold, so one customer
 * complaining three times is not "three customers", and it alerts once per run, not for each
 * complaint after. The store serialises concurrent complaints (each sees the customers before it),
 * so only one of them crosses.
 */
export function decideRecurring(
  window: TopicWindow,
  feedbackId: string,
  settings: Pick<AlertSettings, 'recurringTopicThreshold' | 'recurringTopicWindowDays'>,
): AlertDecision | undefined {
  if (window.customersBefore.includes(window.customer)) return undefined;
  const customers = window.customersBefore.length + 1;
  if (customers !== settings.recurringTopicThreshold) return undefined;
  const label = topicName(window.topic);
  const days = settings.recurringTopicWindowDays;
  const complaints = window.complaints > customers ? ` (${window.complaints} complaints)` : '';
  return {
    action: 'send',
    incidentKey: `recurring:${window.topic}:${feedbackId}`,
    kind: 'recurring-topic',
    urgent: false,
    batched: false,
    subject: `Recurring problem: ${customers} customers complained about ${label} in ${days} days`,
    headline: `${customers} customers complained about ${label} in the last ${days} days${complaints}`,
    nextSteps: [
      `Treat ${label} as one problem with one cause, not ${customers} bad days.`,
      'Read what the customers said, above: what do their complaints have in common (a shift, a product, a supplier, a time of day)?',
      'Fix the cause this week and tell your team what changed.',
    ],
  };
}
