import type { ComplaintEntry } from '#shared/domain/customer.ts';
import type { FeedbackMessage } from '#shared/domain/feedback.ts';
import { identitiesOf } from '#shared/domain/identity.ts';
import { mayBeComplaint, triage, type TriageReason } from '#shared/domain/triage.ts';
import { logger } from '#shared/logger.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** What queueing needs: the queues, and the customer store for the complaint history. */
export type QueueFeedbackDeps = Pick<Deps, 'queue' | 'customers' | 'config'>;

/**
 * The complaints the item's sender made before, by the identities it carries for sure (address,
 * phone, handle; not order numbers quoted in free text). Two or three small reads; none for a
 * sender never seen. A failed read is no reason to refuse the item: it then goes the ordinary way.
 */
async function earlierComplaints(message: FeedbackMessage, deps: QueueFeedbackDeps): Promise<ComplaintEntry[] | undefined> {
  const identities = identitiesOf(message.customer, [], message.mention ? { source: message.mention.source } : {});
  if (!identities.length) return undefined;
  try {
    const owners = [...new Set((await deps.customers.findByIdentities(identities)).values())];
    if (!owners.length) return undefined;
    const profile = await deps.customers.get(owners[0]!);
    return profile ? await deps.customers.complaints(profile.customerId) : undefined;
  } catch (error) {
    logger.warn('triage: could not read the complaint history; queued as ordinary', { id: message.id, error: String(error) });
    return undefined;
  }
}

/**
 * Queues one item for processing, likely-urgent ones on the priority queue (see `triage`): an
 * urgency cue in the text, a 1-2 star review, or a possible complaint from a customer who
 * complained before. Returns why it went there, or undefined for the ordinary queue.
 */
export async function queueFeedback(message: FeedbackMessage, deps: QueueFeedbackDeps): Promise<TriageReason | undefined> {
  const windowDays = deps.config.alerts.secondComplaintWindowDays;
  let reason = triage(message, undefined, windowDays);
  // Only a possible complaint that the text alone does not mark needs the customer's history.
  if (!reason && mayBeComplaint(message)) {
    const history = await earlierComplaints(message, deps);
    if (history?.length) reason = triage(message, history, windowDays);
  }
  await deps.queue.send(message, { priority: reason !== undefined });
  return reason;
}
