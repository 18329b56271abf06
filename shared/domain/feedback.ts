import * as z from '#shared/domain/schema.ts';
import type { Classification } from '#shared/domain/classification.ts';

/** Longest feedback text kept; longer text is cut (the raw input stays archived whole). */
export const MAX_TEXT_LENGTH = 20_000;

const isoDate = z.iso.datetime({ offset: true });

/**
 * A feedback message on the processing queue: one item from any channel, normalised. The id is
 * deterministic (derived from the input), so a redelivered or re-sent message is recognised.
 */
export const feedbackMessageSchema = z.object({
  version: z.literal(1),
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  channel: z.enum(['survey', 'email', 'social']),
  receivedAt: isoDate,
  /** Key of the archived raw input in the raw-input bucket. */
  rawKey: z.string().check(z.minLength(1), z.maxLength(1024)),
  text: z.string().check(z.maxLength(MAX_TEXT_LENGTH)),
  customer: z.object({
    email: z.optional(z.string().check(z.maxLength(254))),
    name: z.optional(z.string().check(z.maxLength(120))),
    phone: z.optional(z.string().check(z.maxLength(32))),
    handle: z.optional(z.string().check(z.maxLength(200))),
  }),
  orderIds: z._default(z.array(z.string().check(z.maxLength(128))).check(z.maxLength(20)), []),
  survey: z.optional(z.object({ surveyId: z.string(), score: z.number().check(z.int(), z.minimum(0), z.maximum(10)) })),
  email: z.optional(
    z.object({
      subject: z.string().check(z.maxLength(500)),
      messageId: z.string().check(z.maxLength(500)),
      threadId: z.string().check(z.maxLength(500)),
      /** A plus-addressed case tag the email was sent to (an answer to the owner's reply); verified when processed. */
      caseTag: z.optional(z.string().check(z.maxLength(80))),
    }),
  ),
  mention: z.optional(
    z.object({
      source: z.string().check(z.maxLength(64)),
      externalId: z.string().check(z.maxLength(256)),
      url: z.optional(z.string().check(z.maxLength(2048))),
      followers: z.optional(z.number().check(z.int(), z.minimum(0))),
      rating: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(5))),
      publishedAt: isoDate,
    }),
  ),
});

export type FeedbackMessage = z.infer<typeof feedbackMessageSchema>;

/** A schema failure in one line naming the fields (for set-aside reasons and logs). */
export function issuesOf(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'message'}: ${issue.message}`)
    .join('; ');
}

/** A processed feedback item as recorded. */
export interface FeedbackRecord {
  id: string;
  channel: FeedbackMessage['channel'];
  receivedAt: string;
  processedAt: string;
  rawKey: string;
  text: string;
  customer: FeedbackMessage['customer'];
  orderIds: string[];
  /**
   * Order numbers the item quotes that are not the sender's own (or unknown): shown to the owner,
   * never used to link the item to that order's customer.
   */
  claimedOrderIds?: string[];
  score?: number;
  subject?: string;
  source?: string;
  url?: string;
  rating?: number;
  /** Followers of a social author (reach). */
  followers?: number;
  classification: Classification;
  complaint: boolean;
  /** The customer profile the item was resolved to. */
  customerId?: string;
  /** Alerts this item raised or joined. */
  alertKeys?: string[];
  /** Email thread or social source: follow-ups of one incident share it. */
  incident?: string;
  /** The case the item belongs to (complaints, their follow-ups, answers to the owner's replies). */
  caseId?: string;
  /** For email: the Message-ID and the conversation's first message, so a reply threads under it. */
  emailMessageId?: string;
  emailThreadId?: string;
}

/** How the owner sees a customer named: their name, else their email, else their handle. */
export function customerLabel(customer: FeedbackMessage['customer']): string {
  return customer.name?.trim() || customer.email?.trim() || customer.handle?.trim() || 'an unknown customer';
}

/**
 * Whether an item is a complaint. A survey score of 0-6 (an NPS detractor) and a review of 1-2 stars
 * are complaints whatever the text says; a review of 4-5 stars is one only when its text is
 * negative; otherwise the classifier decides from the text.
 */
export function isComplaint(message: Pick<FeedbackMessage, 'survey' | 'mention'>, classification: Classification): boolean {
  if (message.survey && message.survey.score <= 6) return true;
  const rating = message.mention?.rating;
  if (rating !== undefined && rating <= 2) return true;
  if (rating !== undefined && rating >= 4) return classification.complaint && classification.sentiment === 'negative';
  if (message.survey && message.survey.score >= 9) return classification.complaint && classification.sentiment === 'negative';
  return classification.complaint;
}
