import type { CustomerProfile, EarlierComplaint } from '#shared/domain/customer.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';

/**
 * What a complaint alert says, stored in the outbox as content and rendered when it is sent.
 */

/** What an alert shows of the item it is about (kept small: alerts store their content). */
export type AlertFeedback = Pick<FeedbackRecord, 'id' | 'channel' | 'receivedAt' | 'text' | 'customer' | 'orderIds' | 'claimedOrderIds' | 'score' | 'rating' | 'source' | 'url' | 'followers'> & {
  classification: Pick<FeedbackRecord['classification'], 'topics' | 'cues'>;
};

/** What an alert shows of the customer. */
export type AlertCustomer = Pick<CustomerProfile, 'orderCount' | 'orderIds' | 'orderValue' | 'currency'>;

/** The part of an item an alert shows. */
export function alertFeedback(item: FeedbackRecord): AlertFeedback {
  return {
    id: item.id,
    channel: item.channel,
    receivedAt: item.receivedAt,
    text: item.text,
    customer: item.customer,
    orderIds: item.orderIds,
    ...(item.claimedOrderIds?.length ? { claimedOrderIds: item.claimedOrderIds } : {}),
    ...(item.score !== undefined ? { score: item.score } : {}),
    ...(item.rating !== undefined ? { rating: item.rating } : {}),
    ...(item.source ? { source: item.source } : {}),
    ...(item.url ? { url: item.url } : {}),
    ...(item.followers !== undefined ? { followers: item.followers } : {}),
    classification: { topics: item.classification.topics, cues: item.classification.cues },
  };
}

/** The part of a customer an alert shows. */
export function alertCustomer(profile: CustomerProfile): AlertCustomer {
  return {
    orderCount: profile.orderCount,
    orderIds: profile.orderIds.slice(0, 10),
    orderValue: profile.orderValue,
    ...(profile.currency ? { currency: profile.currency } : {}),
  };
}

/** The content of an alert about a complaint; `subject` is decided by the alert rules. */
export interface ComplaintAlertContent {
  subject: string;
  headline: string;
  /** Urgent alerts carry a visible marker; alerts recorded before it existed go by their subject. */
  urgent?: boolean;
  /** A negative public post's priority beyond urgent. */
  priority?: 'critical' | 'high';
  feedback: AlertFeedback;
  /** What to do now, one step per entry. */
  nextSteps: string[];
  businessName: string;
  timeZone: string;
  /** Earlier complaints of the same customer (second and later complaints). */
  earlier?: EarlierComplaint[];
  /** The customer's orders and their value. */
  customer?: AlertCustomer;
  /** Quotes of the other complaints (recurring problems). */
  quotes?: Quote[];
  /** The case the alert is about. */
  caseId?: string;
  /** Signed one-click links for the case: open it in the console, mark it handled. */
  links?: { open: string; handled: string };
}

/** A quote of one complaint, for recurring-problem alerts. */
export interface Quote {
  at: string;
  quote: string;
  customer: string;
}
