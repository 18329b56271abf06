import { createHash } from 'node:crypto';
import type { Channel } from '#shared/domain/classification.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import type { CasePromise, FollowThroughEvent, FollowThroughKind } from '#shared/domain/follow-through-event.ts';

/**
 * A case is one incident the owner acts on: the complaint that opened it, the follow-ups folded
 * into it, the alerts sent about it, the owner's replies, notes and what was done, and the
 * customer's answers. Open cases are new (nobody answered yet), acknowledged (answered) or
 * promised (the owner promised something by a date); handled cases are closed until reopened.
 */
export type CaseStatus = 'new' | 'acknowledged' | 'promised' | 'handled';

/** Statuses a case is open in (shown in the inbox). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'acknowledged', 'promised'];

/** Who the case is about, as the items named them. */
export interface CaseCustomer {
  name?: string;
  email?: string;
  phone?: string;
  handle?: string;
}

/** The customer's own email the case came by: what a reply threads under. */
export interface CaseEmailThread {
  /** Message-ID of the customer's latest email in the case, without angle brackets. */
  messageId: string;
  /** The first message of the conversation (References), without angle brackets. */
  threadId: string;
}

/** A case as stored: its state and what the inbox shows of it. */
export interface CaseRecord {
  caseId: string;
  status: CaseStatus;
  urgent: boolean;
  channel: Channel;
  openedAt: string;
  updatedAt: string;
  /** The feedback item that opened the case. */
  openedBy: string;
  customerId?: string;
  customer: CaseCustomer;
  /** The start of the opening complaint, for the inbox. */
  quote: string;
  /** Every feedback item of the incident, oldest first. */
  feedbackIds: string[];
  /** Alerts raised about the case (outbox incident keys). */
  alertKeys: string[];
  orderIds: string[];
  source?: string;
  url?: string;
  emailThread?: CaseEmailThread;
  firstResponseAt?: string;
  handledAt?: string;
  /** What the owner wrote when marking it handled (the latest handling). */
  whatWasDone?: string;
  /** The open promise due first, for the inbox (an overdue one sorts the case to the top). */
  promise?: CasePromise;
  /** Replies sent from the console. */
  replies: number;
  /** Bumped by every change; a write expects the version it read. */
  version: number;
}

/** What happened on a case, for its timeline. */
export type CaseEventKind =
  | 'opened'
  | 'follow-up'
  | 'alert'
  | 'reply'
  | 'replied-elsewhere'
  | 'handled'
  | 'reopened'
  | 'note'
  | 'customer-reply'
  | 'order-linked'
  | FollowThroughKind;

/** One entry of a case's timeline: who did what, when. */
export interface CaseEvent {
  caseId: string;
  /** Unique within the case; sorts by time. */
  eventId: string;
  at: string;
  kind: CaseEventKind;
  /** `Earshot` for what the system did, the owner's address, or the customer's label. */
  by: string;
  /** Reply text, note, what was done, alert subject. */
  text?: string;
  feedbackId?: string;
  /** The sent email's id (replies, alerts). */
  messageId?: string;
}

/** The case id for the complaint that opens it: derived, so reprocessing the item finds the same case. */
export function caseIdFor(openingFeedbackId: string): string {
  // Lower-case base32: survives mail systems that change the case of an address's local part.
  return base32(createHash('sha256').update(`case:${openingFeedbackId}`).digest()).slice(0, 16);
}

/** Whether a string has the shape of a case id (before any lookup). */
export function isCaseId(value: string): boolean {
  return /^[a-z2-7]{16}$/.test(value);
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lower case, no padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Longest quote kept on a case for the inbox. */
export const QUOTE_LENGTH = 240;

/** A new case opened by a complaint (or an item with an urgent cue). */
export function openCase(item: FeedbackRecord, urgent: boolean, now: Date): CaseRecord {
  return {
    caseId: caseIdFor(item.id),
    status: 'new',
    urgent,
    channel: item.channel,
    openedAt: item.receivedAt,
    updatedAt: now.toISOString(),
    openedBy: item.id,
    ...(item.customerId ? { customerId: item.customerId } : {}),
    customer: pickCustomer(item.customer),
    quote: item.text.trim().slice(0, QUOTE_LENGTH),
    feedbackIds: [item.id],
    alertKeys: [],
    orderIds: item.orderIds.slice(0, 20),
    ...(item.source ? { source: item.source } : {}),
    ...(item.url ? { url: item.url } : {}),
    ...(emailThreadOf(item) ? { emailThread: emailThreadOf(item)! } : {}),
    replies: 0,
    version: 0,
  };
}

function pickCustomer(customer: FeedbackRecord['customer']): CaseCustomer {
  const out: CaseCustomer = {};
  if (customer.name) out.name = customer.name;
  if (customer.email) out.email = customer.email.toLowerCase();
  if (customer.phone) out.phone = customer.phone;
  if (customer.handle) out.handle = customer.handle;
  return out;
}

/** The email thread of an emailed item (a survey answer or a post has none). */
export function emailThreadOf(item: Pick<FeedbackRecord, 'channel' | 'emailMessageId' | 'emailThreadId'>): CaseEmailThread | undefined {
  if (item.channel !== 'email' || !item.emailMessageId) return undefined;
  return { messageId: item.emailMessageId, threadId: item.emailThreadId ?? item.emailMessageId };
}

/** An action the owner (or the customer) takes on a case. */
export type CaseAction =
  | { kind: 'reply'; text: string; messageId: string }
  | { kind: 'replied-elsewhere'; text?: string }
  | { kind: 'handled'; text?: string }
  | { kind: 'reopen' }
  | { kind: 'note'; text: string }
  | { kind: 'follow-up'; feedbackId: string; urgent: boolean; emailThread?: CaseEmailThread }
  | { kind: 'customer-reply'; feedbackId: string; urgent: boolean; text: string; emailThread?: CaseEmailThread }
  | { kind: 'alert'; incidentKey: string; subject: string; urgent: boolean }
  /** The owner linked the sender to the customer of an order the sender quoted (it was only claimed). */
  | { kind: 'order-linked'; orderId: string; customerId: string }
  /** A promise made, kept, changed or overdue, or a check-in sent or answered; `reopen` when the customer says it is not put right. */
  | { kind: 'follow-through'; event: FollowThroughEvent; reopen?: boolean };

/** Why an action cannot be taken on a case as it stands. */
export class CaseStateError extends Error {
  constructor(
    message: string,
    readonly reason: 'already-handled' | 'not-handled',
  ) {
    super(message);
    this.name = 'CaseStateError';
  }
}

/**
 * The state after an action, and the timeline event it records. Pure. Replies and "replied
 * elsewhere" acknowledge a new case and set the first response; "handled" closes an open case;
 * "reopen" opens a handled one (acknowledged when it was answered before); an answer from the
 * customer reopens a handled case and makes it new again (it waits for the owner); notes change
 * nothing but the timeline.
 */
export function applyCaseAction(
  current: CaseRecord,
  action: CaseAction,
  by: string,
  now: Date,
  eventId: string,
): { next: CaseRecord; event: CaseEvent } {
  const at = now.toISOString();
  const next: CaseRecord = { ...current, updatedAt: at, version: current.version + 1 };
  const kind = action.kind === 'reopen' ? 'reopened' : action.kind === 'follow-through' ? action.event.kind : action.kind;
  const event: CaseEvent = { caseId: current.caseId, eventId, at, kind, by };
  const isOpen = current.status !== 'handled';
  switch (action.kind) {
    case 'reply':
    case 'replied-elsewhere':
      if (current.status === 'new') next.status = 'acknowledged';
      next.firstResponseAt ??= at;
      if (action.kind === 'reply') {
        next.replies = current.replies + 1;
        event.messageId = action.messageId;
      }
      if (action.text) event.text = action.text;
      break;
    case 'handled':
      if (!isOpen) throw new CaseStateError('This case is already handled.', 'already-handled');
      next.status = 'handled';
      next.handledAt = at;
      if (action.text) next.whatWasDone = action.text;
      else delete next.whatWasDone;
      if (action.text) event.text = action.text;
      break;
    case 'reopen':
      if (isOpen) throw new CaseStateError('This case is open already.', 'not-handled');
      next.status = current.firstResponseAt ? 'acknowledged' : 'new';
      delete next.handledAt;
      break;
    case 'note':
      event.text = action.text;
      break;
    case 'follow-up':
      if (!next.feedbackIds.includes(action.feedbackId)) next.feedbackIds = [...next.feedbackIds, action.feedbackId];
      if (action.urgent) next.urgent = true;
      if (action.emailThread) next.emailThread = action.emailThread;
      event.feedbackId = action.feedbackId;
      break;
    case 'customer-reply':
      if (!next.feedbackIds.includes(action.feedbackId)) next.feedbackIds = [...next.feedbackIds, action.feedbackId];
      if (action.urgent) next.urgent = true;
      if (action.emailThread) next.emailThread = action.emailThread;
      // The customer is waiting for the owner again.
      next.status = 'new';
      delete next.handledAt;
      event.feedbackId = action.feedbackId;
      event.text = action.text;
      break;
    case 'alert':
      if (!next.alertKeys.includes(action.incidentKey)) next.alertKeys = [...next.alertKeys, action.incidentKey];
      if (action.urgent) next.urgent = true;
      event.text = action.subject;
      break;
    case 'order-linked':
      if (!next.orderIds.includes(action.orderId)) next.orderIds = [...next.orderIds, action.orderId];
      next.customerId = action.customerId;
      event.text = `Order ${action.orderId}`;
      break;
    case 'follow-through':
      event.text = action.event.text;
      if (action.event.openPromise !== undefined) {
        if (action.event.openPromise) next.promise = action.event.openPromise;
        else delete next.promise;
      }
      if (action.reopen) {
        // The customer says it is not put right: open again, urgent, waiting for the owner.
        next.status = 'new';
        next.urgent = true;
        delete next.handledAt;
      } else if (next.status !== 'handled') {
        next.status = next.promise ? 'promised' : current.status === 'promised' ? (next.firstResponseAt ? 'acknowledged' : 'new') : current.status;
      }
      break;
  }
  return { next, event };
}

/** Whether a case shows in the inbox's open list. */
export function isOpen(status: CaseStatus): boolean {
  return status !== 'handled';
}

/**
 * Where a case sorts in its list: an overdue promise first (`!` sorts before the digits), then
 * urgent, then oldest (open); newest handled first.
 */
export function inboxSortKey(record: Pick<CaseRecord, 'status' | 'urgent' | 'openedAt' | 'caseId' | 'handledAt' | 'promise'>): string {
  if (record.status === 'handled') return `${record.handledAt ?? record.openedAt}#${record.caseId}`;
  return `${record.promise?.overdue ? '!' : record.urgent ? '0' : '1'}#${record.openedAt}#${record.caseId}`;
}

/** The sort-key groups of the open list, in inbox order (overdue promise, urgent, the rest). */
export const OPEN_SORT_GROUPS = ['!', '0', '1'] as const;

/** Words of a name for search: lower case, accents removed. */
export function searchWords(text: string): string[] {
  return [
    ...new Set(
      text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length >= 2),
    ),
  ].slice(0, 8);
}

/** Age of a case for the owner: "5 min", "3 h", "2 days". */
export function ageLabel(fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** How long ago, in words: `just now`, `5 min ago`, `3 days ago`. */
export function agoLabel(fromIso: string, now: Date): string {
  const age = ageLabel(fromIso, now);
  return age === 'just now' ? age : `${age} ago`;
}
