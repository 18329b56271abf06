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
  | 'alerts'
  | 'alerts_urgent'
  | 'mentions'
  | 'reviews'
  | 'rejected'
  | 'skipped';

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

/** Net Promoter Score from counts: % promoters minus % detractors, or undefined without answers. */
export function netPromoterScore(promoters: number, passives: number, detractors: number): number | undefined {
  const total = promoters + passives + detractors;
  return total === 0 ? undefined : Math.round(((promoters - detractors) / total) * 100);
}
