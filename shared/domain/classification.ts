/** Channels an item can arrive on. */
export type Channel = 'survey' | 'email' | 'social';

/** Urgency cues the classifier recognises. */
export type UrgentCue =
  | 'illness'
  | 'injury'
  | 'safety'
  | 'legal'
  | 'discrimination'
  | 'press'
  | 'fraud'
  | 'data-leak';

/** What the classifier says about one text. */
export interface Classification {
  sentiment: 'negative' | 'neutral' | 'positive';
  /** -1 (very negative) to 1 (very positive). */
  score: number;
  /** The author reports a problem with the business's product or service. */
  complaint: boolean;
  urgent: boolean;
  /** Which urgency cues were found (empty when not urgent). */
  cues: UrgentCue[];
  /** Topics from the taxonomy, most relevant first. */
  topics: string[];
  /** ISO 639-1 code (`en`, `es`, `fr`, `de`) or `und` when unknown. */
  language: string;
}

export interface ClassifyOptions {
  /** Where the text came from; the classifier reads every channel by the same rules. */
  channel?: Channel;
  /**
   * An email's subject, judged together with the text: a subject the customer wrote ("Overcharged
   * £80") counts like a first line; a reply's subject (`Re: …`, often the business's own words)
   * counts for less.
   */
  subject?: string;
}

/** The classifier port: pure and deterministic, no network. */
export interface Classifier {
  classify(text: string, options?: ClassifyOptions): Classification;
}
