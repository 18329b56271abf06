import type { ComplaintEntry } from '#shared/domain/customer.ts';
import type { FeedbackMessage } from '#shared/domain/feedback.ts';
import { unpackUrgentCues } from '#shared/domain/urgent-cue-pack.ts';
import { PACKED_URGENT_CUES } from '#shared/domain/urgent-cues.ts';

/**
 * The classifier's urgency cue patterns and nothing else of it (see scripts/build-triage-cues.ts):
 * the ingest functions carry about 14 KB of cues instead of the whole classifier.
 */
const URGENT_PATTERNS: RegExp[] = unpackUrgentCues(PACKED_URGENT_CUES).map(({ source }) => new RegExp(source));

/** Lower case without accents, as the classifier reads text for its urgency cues. */
function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!/[^\x00-\x7f]/.test(lower)) return lower;
  return lower.replace(/ß/g, 'ss').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Why an item went to the priority queue, or `undefined` for the ordinary queue. */
export type TriageReason = 'urgent-cue' | 'low-rating' | 'repeat-complaint';

/**
 * Whether an item's text carries one of the classifier's urgency cues (illness, injury, safety,
 * legal, discrimination, press, fraud, data leak). The same patterns, without the rest of the
 * classifier: cheap enough to run on every input at ingest. Pure.
 */
export function hasUrgentCue(text: string): boolean {
  if (!text) return false;
  const folded = fold(text);
  return URGENT_PATTERNS.some((pattern) => pattern.test(folded));
}

/**
 * Whether an item may be a complaint, from what is known before classification: a survey score
 * below 9, a review of 1-2 stars, an email, a social post without a rating. Used only to decide
 * whether the customer's history is worth a look (a possible second complaint).
 */
export function mayBeComplaint(message: Pick<FeedbackMessage, 'channel' | 'survey' | 'mention'>): boolean {
  if (message.survey) return message.survey.score <= 8;
  if (message.mention?.rating !== undefined) return message.mention.rating <= 2;
  return true;
}

/**
 * The cheap triage at ingest that keeps urgent items out of a burst's backlog: an item goes to the
 * priority queue when its text carries an urgency cue, when it is a 1-2 star review (a negative
 * public review alerts urgently), or when it may be a complaint from a customer who complained
 * within the window (a second complaint). Anything it misses is still processed, from the
 * ordinary queue. Pure: the complaint history is looked up by the caller.
 */
export function triage(
  message: Pick<FeedbackMessage, 'channel' | 'text' | 'survey' | 'mention' | 'receivedAt'>,
  earlierComplaints: ComplaintEntry[] | undefined,
  windowDays: number,
): TriageReason | undefined {
  if (hasUrgentCue(message.text)) return 'urgent-cue';
  if (message.mention?.rating !== undefined && message.mention.rating <= 2) return 'low-rating';
  if (earlierComplaints?.length && mayBeComplaint(message)) {
    const since = Date.parse(message.receivedAt) - windowDays * 86_400_000;
    if (earlierComplaints.some((c) => Date.parse(c.at) >= since)) return 'repeat-complaint';
  }
  return undefined;
}
