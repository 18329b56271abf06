/**
 * What the follow-through (promises, check-ins) records on a case: the timeline entry, and for
 * promises the open promise the case shows in the inbox. Pure types, shared by the case model and
 * the follow-through use cases.
 */

/** The open promise a case shows in the inbox: the one due first. */
export interface CasePromise {
  promiseId: string;
  text: string;
  dueDate: string;
  /** Set once it went overdue: the case sorts to the top of the inbox. */
  overdue?: boolean;
}

export type FollowThroughKind = FollowThroughEvent['kind'];

/** A follow-through step recorded on a case's timeline. */
export interface FollowThroughEvent {
  kind:
    | 'promise-made'
    | 'promise-kept'
    | 'promise-changed'
    | 'promise-overdue'
    | 'check-in-sent'
    | 'check-in-answered'
    | 'check-in-unanswered'
    | 'check-in-cancelled';
  at: string;
  /** `Earshot`, the owner's address, or the customer's label. */
  by: string;
  /** A sentence for the timeline. */
  text: string;
  promiseId?: string;
  /** For promises: the due date it now has (the case shows its open promise). */
  dueDate?: string;
  answer?: 'yes' | 'not-yet';
  /**
   * For promise events: the case's open promise due first after this change (what the inbox row
   * shows and sorts by), or null when none is open any more.
   */
  openPromise?: CasePromise | null;
}

