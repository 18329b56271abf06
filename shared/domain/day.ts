/**
 * What the digest reads of one local day, kept as items are processed (the `DAY#<date>` partition):
 * the day's counters and its lists.
 */

/** An input that was archived but not processed as feedback: junk skipped, or rejected with a reason. */
export interface SetAsideEntry {
  id: string;
  /** `unknown` for a queue message too broken to say. */
  channel: 'survey' | 'email' | 'social' | 'unknown';
  outcome: 'skipped' | 'rejected';
  reason: string;
  detail?: string;
  sender?: string;
  subject?: string;
  rawKey: string;
  at: string;
}

/** One topic on one day: how many complaints, a representative quote, the latest ids. */
export interface TopicDay {
  day: string;
  topic: string;
  complaints: number;
  quote?: string;
  quoteId?: string;
  ids: string[];
  /** The distinct customers (ids, or an item's own key when nobody is known) who complained. */
  customers: string[];
}

/** Praise as the digest lists it. */
export interface PraiseEntry {
  id: string;
  at: string;
  channel: string;
  quote: string;
  customer: string;
  staff: string[];
}

/** A repeat complainer as the digest lists them. */
export interface RepeatEntry {
  customerId: string;
  customer: string;
  ordinal: number;
  at: string;
  feedbackId: string;
}

/** Everything kept for one local day: counters and the day's lists. */
export interface DayAggregate {
  day: string;
  counters: Record<string, number>;
  topics: TopicDay[];
  praise: PraiseEntry[];
  repeats: RepeatEntry[];
  setAside: SetAsideEntry[];
}
