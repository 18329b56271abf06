import type { FeedbackRecord } from '#shared/domain/feedback.ts';

/** Counter names kept per local day (the digest sums them over its 7 days). */
export type Counter =
  | 'feedback'
  | 'feedback_survey'
  | 'feedback_email'
  | 'feedback_social'
  | 'negative'
  | 'positive'
  | 'complaints'
  | 'survey_responses'
  | 'promoters'
  | 'passives'
  | 'detractors'
  | 'invitations_sent'
  | 'orders'
  | 'orders_returning'
  | 'order_value'
  | 'alert_emails'
  | 'alert_emails_urgent'
  | 'mentions'
  | 'reviews'
  | 'rejected'
  | 'skipped'
  /** Archived inputs the reconciler found unrecorded and drove through again. */
  | 'reconciled';

/** The counters one processed item adds to its day. Pure. */
export function feedbackCounters(record: FeedbackRecord): Partial<Record<Counter, number>> {
  const counters: Partial<Record<Counter, number>> = { feedback: 1, [`feedback_${record.channel}`]: 1 };
  if (record.classification.sentiment === 'negative') counters.negative = 1;
  if (record.classification.sentiment === 'positive') counters.positive = 1;
  if (record.complaint) counters.complaints = 1;
  if (record.score !== undefined) {
    counters.survey_responses = 1;
    if (record.score >= 9) counters.promoters = 1;
    else if (record.score >= 7) counters.passives = 1;
    else counters.detractors = 1;
  }
  if (record.channel === 'social') {
    if (record.rating !== undefined) counters.reviews = 1;
    else counters.mentions = 1;
  }
  return counters;
}

/**
 * The counters one order adds to its day. Its value is kept under its own currency
 * (`order_value_EUR`, with `orders_valued_EUR` counting the orders), so orders in different
 * currencies are never added up; an order without a currency goes under `order_value`.
 */
export function orderCounters(order: { total?: number; currency?: string }, returning: boolean): Record<string, number> {
  const counters: Record<string, number> = { orders: 1, orders_returning: returning ? 1 : 0 };
  if (order.total !== undefined) {
    const suffix = order.currency ? `_${order.currency.toUpperCase()}` : '';
    counters[`order_value${suffix}`] = order.total;
    counters[`orders_valued${suffix}`] = 1;
  }
  return counters;
}

/** Net Promoter Score from counts: % promoters minus % detractors, or undefined without answers. */
export function netPromoterScore(promoters: number, passives: number, detractors: number): number | undefined {
  const total = promoters + passives + detractors;
  return total === 0 ? undefined : Math.round(((promoters - detractors) / total) * 100);
}
