import * as z from '#shared/domain/schema.ts';
import type { AlertRecord, AlertState, PollState, SurveyRecord } from '#shared/ports/store.ts';
import type { Session, SignInLink } from '#shared/ports/cases.ts';
import type { ComplaintEntry, CustomerProfile } from '#shared/domain/customer.ts';
import type { PraiseEntry, RepeatEntry, SetAsideEntry } from '#shared/domain/day.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import type { Order } from '#shared/domain/order.ts';
import type { PromiseRecord } from '#shared/domain/promise.ts';
import type { CheckInRecord } from '#shared/domain/check-in.ts';
import type { CaseEvent, CaseEventKind, CaseRecord, CaseStatus } from '#shared/domain/case.ts';
import { daysAfter, entity } from '#shared/adapters/dynamo/entity.ts';

export { TABLE } from '#shared/adapters/dynamo/entity.ts';

/**
 * Every kind of item in the single table, declared once: key templates, index entries, TTL and
 * attribute types. Repositories (one per aggregate, beside this file) build and read items only
 * through these declarations; docs/data-model.md is generated from them (`npm run docs`), and a
 * test fails when the two differ. docs/data-model.md says how to add an entity.
 */

/**
 * Builds a declaration. Free of side effects (the annotation tells the bundler so): a function's
 * bundle keeps only the declarations it uses, and the others' schemas are never built when it
 * starts.
 */
/* @__NO_SIDE_EFFECTS__ */
function declare<T>(build: () => T): T {
  return build();
}

const text = z.string();
const instant = z.string();
const optional = <T extends z.ZodMiniType>(schema: T) => z.optional(schema);

/** A DynamoDB string set (read as a Set), given to the application as a sorted array. */
const stringSet = z.pipe(
  z.union([z.set(z.string()), z.array(z.string())]),
  z.transform((members: Set<string> | string[]) => [...members].map(String).sort()),
);

const channel = z.enum(['survey', 'email', 'social']);

/** The end of the local day `day` (YYYY-MM-DD, UTC midnight) plus the retention. */
const afterDay = (values: Record<string, unknown>, { retentionDays }: { retentionDays: number }) => daysAfter(`${String(values.day)}T00:00:00Z`, retentionDays);

// ---------------------------------------------------------------------------------------------
// Orders and survey links

const orderAttributes = declare(() => z.object({
  orderId: text,
  email: text,
  name: optional(text),
  phone: optional(text),
  total: optional(z.number()),
  currency: optional(text),
  purchasedAt: instant,
  inviteAt: instant,
  surveyId: text,
  surveyUrl: text,
  createdAt: instant,
  invitedAt: optional(instant),
  /** Until when one sender holds the invitation (a lease, so it is sent once). */
  inviteLeaseUntil: optional(instant),
  /** Why the invitation was settled without being sent (the customer unsubscribed from survey mail). */
  inviteSkipped: optional(z.enum(['unsubscribed'])),
}));

export const ORDER = declare(() => entity({
  name: 'Order',
  tag: 'order',
  pk: 'ORDER#{orderId}',
  sk: '#ORDER',
  indexes: {
    dueInvitations: { index: 'gsi1', pk: 'INVITE#DUE', sk: '{inviteAt}#{orderId}', while: 'until its invitation is sent' },
  },
  attributes: orderAttributes,
  access: 'get by id (a conditional put makes intake idempotent); due invitations by time; an invitation lease by a conditional update',
}));

const surveyLinkAttributes = declare(() => z.object({
  surveyId: text,
  orderId: text,
  email: text,
  name: optional(text),
  createdAt: instant,
  /** When the link stops opening (an application date, ISO), apart from the item's TTL. */
  linkExpiresAt: instant,
  answeredAt: optional(instant),
  responseId: optional(text),
  /** The answer, kept with `answeredAt`, so an answer whose queueing was cut short is queued again. */
  answer: optional(z.object({ score: z.number(), comment: optional(z.string()), rawKey: text, receivedAt: instant })),
  /** When the answer reached the processing queue. */
  queuedAt: optional(instant),
}));

export const SURVEY_LINK = declare(() => entity({
  name: 'Survey link',
  tag: 'survey',
  pk: 'SURVEY#{surveyId}',
  sk: '#SURVEY',
  attributes: surveyLinkAttributes,
  ttl: {
    doc: 'the later of `linkExpiresAt` and `createdAt` + retention',
    at: (v, { retentionDays }) => new Date(Math.max(Date.parse(String(v.linkExpiresAt)), daysAfter(String(v.createdAt), retentionDays).getTime())),
  },
  upgrade: {
    doc: 'links stored before `linkExpiresAt` kept their expiry (ISO) in the TTL attribute: read it from there',
    apply: (raw) => (raw.linkExpiresAt === undefined && typeof raw.expiresAt === 'string' ? { ...raw, linkExpiresAt: raw.expiresAt } : raw),
  },
  access: 'get by the id in the token; single use by a conditional update',
}));

// ---------------------------------------------------------------------------------------------
// Feedback

const feedbackAttributes = declare(() => z.object({
  id: text,
  channel,
  receivedAt: instant,
  processedAt: instant,
  rawKey: text,
  text: z.string(),
  customer: z.object({ email: optional(text), name: optional(text), phone: optional(text), handle: optional(text) }),
  orderIds: z.array(text),
  /** Order numbers quoted in free text that are not the sender's: never linked. */
  claimedOrderIds: optional(z.array(text)),
  score: optional(z.number()),
  subject: optional(text),
  source: optional(text),
  url: optional(text),
  rating: optional(z.number()),
  followers: optional(z.number()),
  classification: z.object({
    sentiment: z.enum(['negative', 'neutral', 'positive']),
    score: z.number(),
    complaint: z.boolean(),
    urgent: z.boolean(),
    cues: z.array(z.enum(['illness', 'injury', 'safety', 'legal', 'discrimination', 'press', 'fraud', 'data-leak'])),
    topics: z.array(text),
    language: text,
  }),
  complaint: z.boolean(),
  customerId: optional(text),
  alertKeys: optional(z.array(text)),
  incident: optional(text),
  caseId: optional(text),
  emailMessageId: optional(text),
  emailThreadId: optional(text),
  /** When the owner marked the complaint handled (it leaves the open list). */
  handledAt: optional(instant),
  /** Set with the item, removed once the day's counters include it (a crash in between is counted on redelivery). */
  countPending: optional(z.boolean()),
}));

export const FEEDBACK = declare(() => entity({
  name: 'Feedback',
  tag: 'feedback',
  pk: 'FEEDBACK#{id}',
  sk: '#FEEDBACK',
  indexes: {
    customerHistory: { index: 'gsi1', pk: 'CUSTOMER#{customerId}', sk: '{receivedAt}#{id}', while: 'when its customer is known' },
    openComplaints: { index: 'gsi2', pk: 'OPEN#COMPLAINTS', sk: '{receivedAt}#{id}', while: 'a complaint, until marked handled' },
  },
  attributes: feedbackAttributes,
  ttl: { doc: '`receivedAt` + retention', at: (v, { retentionDays }) => daysAfter(String(v.receivedAt), retentionDays) },
  access: "put once (conditional); a customer's history, newest first; open complaints, oldest first (a reopened case puts its complaint back); several by id",
}));

// ---------------------------------------------------------------------------------------------
// Customers and identities

const profileAttributes = declare(() => z.object({
  customerId: text,
  name: optional(text),
  emails: z._default(stringSet, []),
  phones: z._default(stringSet, []),
  handles: z._default(stringSet, []),
  orderIds: z._default(stringSet, []),
  orderCount: z._default(z.number(), 0),
  orderValue: z._default(z.number(), 0),
  currency: optional(text),
  createdAt: instant,
  updatedAt: optional(instant),
  mergedInto: optional(text),
  mergedFrom: z._default(stringSet, []),
  /** Order ids already added to the value (each counted once). */
  countedOrders: optional(stringSet),
}));

export const CUSTOMER = declare(() => entity({
  name: 'Customer',
  tag: 'customer',
  pk: 'CUSTOMER#{customerId}',
  sk: '#PROFILE',
  indexes: {
    byValue: { index: 'gsi2', pk: 'CUSTOMERS#BY-VALUE', sk: '{valueCents}', while: 'once an order is counted, until merged into another profile (value in cents, 15 digits)' },
  },
  attributes: profileAttributes,
  ttl: { doc: '`updatedAt` + retention', at: (v, { retentionDays }) => daysAfter(String(v.updatedAt ?? v.createdAt), retentionDays) },
  access: 'identities as string sets, orders and value (ADD), merges followed on read; the most valuable customers',
}));

const complaintEntry = z.object({ id: text, at: instant, channel, incident: text });

export const CUSTOMER_COMPLAINTS = declare(() => entity({
  name: 'Customer complaints',
  pk: 'CUSTOMER#{customerId}',
  sk: '#COMPLAINTS',
  attributes: z.object({
    entries: z._default(z.array(complaintEntry), []),
    /** The latest complaint ids, oldest first (at most MAX_REMEMBERED_COMPLAINT_IDS): a redelivery is appended once. */
    recentIds: z._default(z.array(text), []),
    /** Written before the window existed: every id then, no longer added to. */
    ids: optional(stringSet),
    /** Bumped by every append and trim, so a trim removes the overflow of the state it read. */
    version: z._default(z.number(), 0),
  }),
  ttl: {
    doc: 'the latest complaint + retention',
    at: (v, { retentionDays }) => daysAfter(String(v.at ?? (v.entries as Array<{ at: string }> | undefined)?.at(-1)?.at), retentionDays),
  },
  access: 'a complaint appended once (conditional update returning the list), so two simultaneous complaints are first and second',
}));

export const CUSTOMER_ORDER = declare(() => entity({
  name: 'Customer order',
  pk: 'CUSTOMER#{customerId}',
  sk: 'ORDER#{orderId}',
  attributes: z.object({
    orderId: text,
    at: instant,
    /** Present (false) from the put until the profile's count and value include the order. */
    counted: optional(z.boolean()),
  }),
  ttl: { doc: '`at` + retention', at: (v, { retentionDays }) => daysAfter(String(v.at), retentionDays) },
  access: "one per order counted in the customer's value (conditional put: counted once, however many orders); all of a customer's orders by query (erasure)",
}));

export const IDENTITY = declare(() => entity({
  name: 'Identity',
  tag: 'identity',
  pk: 'IDENTITY#{identity}',
  sk: '#IDENTITY',
  attributes: z.object({ customerId: text, kind: z.enum(['email', 'phone', 'handle', 'order']) }),
  access: 'email, phone (E.164), handle per source (`handle#<source>:<handle>`), order id -> customer; claimed by a conditional put',
}));

// ---------------------------------------------------------------------------------------------
// Alerts

const alertAttributes = declare(() => z.object({
  incidentKey: text,
  kind: text,
  urgent: z.boolean(),
  to: z.array(text),
  subject: text,
  /** The email, gzip-compressed JSON (content to render, or rendered HTML and text). */
  body: optional(z.instanceof(Uint8Array)),
  headers: z.record(z.string(), z.string()),
  status: z.enum(['pending', 'sent']),
  createdAt: instant,
  attempts: z.number(),
  nextAttemptAt: instant,
  sentAt: optional(instant),
  messageId: optional(text),
  lastError: optional(text),
  feedbackIds: z.array(text),
  batched: optional(z.boolean()),
  rateCounted: optional(z.boolean()),
  members: optional(z.array(text)),
  leaseUntil: optional(instant),
  /** Follow-ups folded into the alert. */
  followUps: optional(z.number()),
}));

export const ALERT = declare(() => entity({
  name: 'Alert',
  tag: 'alert',
  pk: 'ALERT#{incidentKey}',
  sk: '#ALERT',
  indexes: {
    pending: { index: 'gsi1', pk: 'ALERT#PENDING', sk: '{nextAttemptAt}', while: 'batched, deferred or failed, until sent' },
  },
  attributes: alertAttributes,
  access: 'the outbox: recorded once per incident key, a sending lease by a conditional update, marked sent; due retries by time',
}));

export const RATE_BUCKET = declare(() => entity({
  name: 'Rate',
  pk: 'RATE#{bucket}',
  sk: '#RATE',
  attributes: z.object({ taken: z.number() }),
  ttl: { doc: 'two hours after the latest email it counted (set by the limiter)', at: (v) => new Date(String(v.until)) },
  access: 'non-urgent alert emails this hour: ADD with a condition, no read',
}));

// ---------------------------------------------------------------------------------------------
// Mentions and pollers

export const MENTION = declare(() => entity({
  name: 'Mention',
  pk: 'MENTION#{source}#{externalId}',
  sk: '#MENTION',
  attributes: z.object({
    feedbackId: text,
    receivedAt: instant,
    /** Where its raw input is archived. */
    rawKey: optional(text),
    /** When it reached the processing queue; a claim without it was cut short (a crash). */
    queuedAt: optional(instant),
  }),
  ttl: { doc: '`receivedAt` + retention', at: (v, { retentionDays }) => daysAfter(String(v.receivedAt), retentionDays) },
  access: 'dedupe of webhook and polled mentions by source (lower case) and external id: a conditional put; marked queued once on the queue',
}));

// ---------------------------------------------------------------------------------------------
// The input ledger (the reconciler's notes on archived inputs)

export const INPUT = declare(() => entity({
  name: 'Archived input',
  pk: 'INPUT#{rawKey}',
  sk: '#INPUT',
  attributes: z.object({
    /** What ingest made of an inbound message (its feedback id and outcome). */
    inbound: optional(z.object({ id: text, outcome: z.enum(['queued', 'skipped', 'rejected']) })),
    /** How often the reconciler drove it through again, and when last. */
    attempts: optional(z.number()),
    lastAttemptAt: optional(instant),
    /** When it was last noted (for the TTL). */
    at: optional(instant),
  }),
  ttl: { doc: 'the latest note + retention', at: (v, { retentionDays }) => daysAfter(String(v.at), retentionDays) },
  access: 'by archive key, several at once (batch get): noted by ingest (inbound mail) and by the reconciler (ADD attempts)',
}));

export const POLL_STATE = declare(() => entity({
  name: 'Poll state',
  pk: 'POLL#SOURCES',
  sk: '{sourceId}',
  attributes: z.object({
    sourceId: text,
    source: text,
    cursor: optional(text),
    lastSuccessAt: optional(instant),
    lastError: optional(text),
    lastErrorAt: optional(instant),
    failures: z._default(z.number(), 0),
    nextAttemptAt: optional(instant),
    firstAttemptAt: optional(instant),
    version: optional(z.number()),
  }),
  access: "every source's cursor and health in one query; written with a conditional put on its version",
}));

// ---------------------------------------------------------------------------------------------
// The digest: day aggregates and bookkeeping

export const DAY_STATS = declare(() => entity({
  name: 'Day counters',
  pk: 'DAY#{day}',
  sk: '#STATS',
  attributes: z.record(z.string(), z.number()),
  ttl: { doc: 'the day + retention', at: afterDay },
  access:
    "the day's counters (feedback by channel, complaints, NPS, alerts, orders…, review-link clicks as `review_clicks`, `review_clicks_<site id>` and `review_clicks_page` or `review_clicks_email`), added with ADD",
}));

export const DAY_TOPIC = declare(() => entity({
  name: 'Day topic',
  pk: 'DAY#{day}',
  sk: 'TOPIC#{topic}',
  attributes: z.object({
    topic: text,
    complaints: z._default(z.number(), 0),
    quote: optional(text),
    quoteId: optional(text),
    ids: z._default(z.array(text), []),
    customers: z._default(stringSet, []),
  }),
  ttl: { doc: 'the day + retention', at: afterDay },
  access: "complaints about a topic on a day (recurring problems): count, first quote, latest ids, distinct customers",
}));

const praiseAttributes = z.object({ id: text, at: instant, channel: text, quote: text, customer: text, staff: z.array(text) });

export const DAY_PRAISE = declare(() => entity({
  name: 'Day praise',
  pk: 'DAY#{day}',
  sk: 'PRAISE#{at}#{id}',
  attributes: praiseAttributes,
  ttl: { doc: 'the day + retention', at: afterDay },
  access: 'praise kept for the digest (always when it names staff)',
}));

const repeatAttributes = z.object({ customerId: text, customer: text, ordinal: z.number(), at: instant, feedbackId: text });

export const DAY_REPEAT = declare(() => entity({
  name: 'Day repeat complainer',
  pk: 'DAY#{day}',
  sk: 'REPEAT#{customerId}#{feedbackId}',
  attributes: repeatAttributes,
  ttl: { doc: 'the day + retention', at: afterDay },
  access: 'a customer who complained again that day',
}));

const setAsideAttributes = declare(() => z.object({
  id: text,
  channel: z.enum(['survey', 'email', 'social', 'unknown']),
  outcome: z.enum(['skipped', 'rejected']),
  reason: text,
  detail: optional(text),
  sender: optional(text),
  subject: optional(text),
  rawKey: text,
  at: instant,
}));

export const DAY_SET_ASIDE = declare(() => entity({
  name: 'Day set-aside input',
  pk: 'DAY#{day}',
  sk: 'SETASIDE#{id}',
  attributes: setAsideAttributes,
  ttl: { doc: 'the day + retention', at: afterDay },
  access: 'an input skipped or rejected (junk mail, broken MIME), written once (conditional put)',
}));

export const DIGEST_UNSUBSCRIBED = declare(() => entity({
  name: 'Digest unsubscribe',
  pk: 'DIGEST#UNSUB#{email}',
  sk: '#UNSUB',
  attributes: z.object({ at: instant }),
  access: 'an owner address that stopped the digest (lower case)',
}));

export const DIGEST_SENT = declare(() => entity({
  name: 'Digest sent',
  pk: 'DIGEST#{week}#{email}',
  sk: '#SENT',
  attributes: z.object({ at: instant }),
  ttl: { doc: '`at` + 60 days', at: (v) => daysAfter(String(v.at), 60) },
  access: "a week's digest claimed for one address (conditional put), so a retried schedule sends nothing twice",
}));

// ---------------------------------------------------------------------------------------------
// The console's sign-in, and mail that must not be sent

/** A day after an application date: DynamoDB removes expired items within a couple of days of their TTL. */
const dayAfter = (field: string) => (v: Record<string, unknown>) => daysAfter(String(v[field]), 1);

export const SIGN_IN_LINK = declare(() => entity({
  name: 'Sign-in link',
  tag: 'sign-in-link',
  pk: 'SIGNIN#{hash}',
  sk: '#SIGNIN',
  attributes: z.object({
    email: text,
    /** Where the owner was going. */
    next: text,
    /** When the link stops working (checked on every read; the TTL only cleans up). */
    validUntil: instant,
    usedAt: optional(instant),
  }),
  ttl: { doc: '`validUntil` + 1 day', at: dayAfter('validUntil') },
  access: 'stored under the hash of the emailed token; used once by a conditional update',
}));

export const SIGN_IN_CODE = declare(() => entity({
  name: 'Sign-in code',
  tag: 'sign-in-code',
  pk: 'SIGNINCODE#{email}',
  sk: '#CODE',
  attributes: z.object({ codeHash: text, next: text, attempts: z.number(), validUntil: instant }),
  ttl: { doc: '`validUntil` + 1 day', at: dayAfter('validUntil') },
  access: 'one per owner address (lower case), replaced by a newer one; used up by a conditional delete, wrong attempts counted with ADD',
}));

export const SESSION = declare(() => entity({
  name: 'Session',
  tag: 'session',
  pk: 'SESSION#{hash}',
  sk: '#SESSION',
  attributes: z.object({ email: text, createdAt: instant, validUntil: instant }),
  ttl: { doc: '`validUntil` + 1 day', at: dayAfter('validUntil') },
  access: 'under the hash of the cookie token; read on every console request, its end moved forward (sliding), deleted on sign-out',
}));

export const ACTION_LINK_USE = declare(() => entity({
  name: 'Used action link',
  tag: 'action-link-use',
  pk: 'ACTIONUSED#{hash}',
  sk: '#ACTIONUSED',
  attributes: z.object({ email: text, caseId: text, usedAt: instant, validUntil: instant }),
  ttl: { doc: '`validUntil` + 1 day', at: dayAfter('validUntil') },
  access: "a single-use emailed action (Mark handled) under the hash of its token: a conditional put, so it acts once",
}));

export const SUPPRESSED_ADDRESS = declare(() => entity({
  name: 'Suppressed address',
  tag: 'suppressed',
  pk: 'SUPPRESSED#{address}',
  sk: '#SUPPRESSED',
  attributes: z.object({ address: text, reason: text, at: instant }),
  access: 'an address that bounced for good or complained (lower case), kept until removed by hand; read in one BatchGet before every email',
}));

export const MAIL_EVENT = declare(() => entity({
  name: 'Mail event',
  tag: 'mailEvent',
  pk: 'MAILEVENT#{eventId}',
  sk: '#MAILEVENT',
  attributes: z.object({ at: instant }),
  ttl: { doc: '`at` + 30 days (longer than SQS keeps a message)', at: (v) => daysAfter(String(v.at), 30) },
  access: 'a bounce or complaint event handled once: a conditional put against redelivery',
}));

// ---------------------------------------------------------------------------------------------
// Promises (the follow-through)

export const PROMISE = declare(() => entity({
  name: 'Promise',
  tag: 'promise',
  pk: 'PROMISE#{caseId}',
  sk: '{promiseId}',
  indexes: {
    open: { index: 'gsi1', pk: 'PROMISES#OPEN', sk: '{dueDate}#{caseId}#{promiseId}', while: 'until kept' },
  },
  attributes: z.object({
    caseId: text,
    promiseId: text,
    text: z.string(),
    /** The owner's calendar day it is due (YYYY-MM-DD). */
    dueDate: text,
    firstDueDate: text,
    status: z.enum(['open', 'kept']),
    customer: z.string(),
    createdAt: instant,
    createdBy: text,
    updatedAt: instant,
    keptAt: optional(instant),
    keptBy: optional(text),
    keptOnTime: optional(z.boolean()),
    changes: z.number(),
    overdueAt: optional(instant),
    version: z.number(),
  }),
  ttl: { doc: '`createdAt` + retention', at: (v, { retentionDays }) => daysAfter(String(v.createdAt), retentionDays) },
  access: "a case's promises in one query; each change a put conditional on the version read; open promises by due date (due today, overdue, counts for the figures)",
}));

const checkInAttributes = declare(() => z.object({
  caseId: text,
  /** Which handling of the case (the case's version when it was marked handled). */
  handling: z.number(),
  to: text,
  name: optional(z.string()),
  language: z.enum(['en', 'es', 'fr', 'de']),
  handledAt: instant,
  handledBy: text,
  dueAt: instant,
  status: z.enum(['scheduled', 'sent', 'answered', 'unknown', 'cancelled']),
  sentAt: optional(instant),
  /** When its links stop working (the record's `expiresAt`; the table's TTL attribute is another). */
  linkExpiresAt: optional(instant),
  answer: optional(z.enum(['yes', 'not-yet'])),
  comment: optional(z.string()),
  answeredAt: optional(instant),
  cancelled: optional(z.string()),
  counted: optional(z.boolean()),
  countedDay: optional(text),
  resolvedAt: optional(instant),
}));

export const CHECK_IN = declare(() => entity({
  name: 'Check-in',
  tag: 'check-in',
  pk: 'CHECKIN#{caseId}',
  sk: '{handling}',
  indexes: {
    due: { index: 'gsi1', pk: 'CHECKINS#DUE', sk: '{dueAt}#{caseId}#{handling}', while: 'scheduled, until sent or cancelled' },
    sent: { index: 'gsi1', pk: 'CHECKINS#SENT', sk: '{linkExpiresAt}#{caseId}#{handling}', while: 'sent, until answered or its links expire' },
    notPutRight: { index: 'gsi1', pk: 'CHECKINS#NOT-YET', sk: '{answeredAt}#{caseId}#{handling}', while: 'answered "Not yet", until the case is handled again' },
  },
  attributes: checkInAttributes,
  ttl: { doc: '`handledAt` + retention', at: (v, { retentionDays }) => daysAfter(String(v.handledAt), retentionDays) },
  access: "one per handling of a case (sort key: the handling, 10 digits), scheduled by a conditional put; each step a put conditional on the status read; those due, expired or not put right by index",
}));

// ---------------------------------------------------------------------------------------------
// Cases (the owner's console)

const CASE_STATUSES = ['new', 'acknowledged', 'promised', 'handled'] as const satisfies readonly CaseStatus[];
const CASE_EVENT_KINDS = [
  'opened',
  'follow-up',
  'alert',
  'reply',
  'replied-elsewhere',
  'handled',
  'reopened',
  'note',
  'customer-reply',
  'order-linked',
  'promise-made',
  'promise-kept',
  'promise-changed',
  'promise-overdue',
  'check-in-sent',
  'check-in-answered',
  'check-in-unanswered',
  'check-in-cancelled',
] as const satisfies readonly CaseEventKind[];

/** The case's TTL: `openedAt` + retention (its timeline and search entries expire with it). */
const afterOpened = (values: Record<string, unknown>, { retentionDays }: { retentionDays: number }) => daysAfter(String(values.openedAt), retentionDays);

export const CASE = declare(() => entity({
  name: 'Case',
  tag: 'case',
  pk: 'CASE#{caseId}',
  sk: '#CASE',
  indexes: {
    inbox: { index: 'gsi1', pk: 'CASES#{list}', sk: '{order}', while: 'always: `CASES#OPEN` while open (overdue promise, urgent, then oldest first), `CASES#HANDLED` once handled (by when)' },
    inboxByChannel: { index: 'gsi2', pk: 'CASES#{list}#{channel}', sk: '{order}', while: 'always: the same lists per channel' },
  },
  attributes: z.object({
    caseId: text,
    status: z.enum(CASE_STATUSES),
    urgent: z.boolean(),
    channel,
    openedAt: instant,
    updatedAt: instant,
    openedBy: text,
    customerId: optional(text),
    customer: z.object({ name: optional(z.string()), email: optional(text), phone: optional(text), handle: optional(text) }),
    quote: z.string(),
    feedbackIds: z.array(text),
    alertKeys: z.array(text),
    orderIds: z.array(text),
    source: optional(text),
    url: optional(text),
    emailThread: optional(z.object({ messageId: text, threadId: text })),
    firstResponseAt: optional(instant),
    handledAt: optional(instant),
    whatWasDone: optional(z.string()),
    promise: optional(z.object({ promiseId: text, text: z.string(), dueDate: text, overdue: optional(z.boolean()) })),
    replies: z.number(),
    version: z.number(),
  }),
  ttl: { doc: '`openedAt` + retention', at: afterOpened },
  access: 'the case and its timeline in one query (one partition); created by a conditional put, each change a put conditional on the version read; the inbox, its channel filter and pages from the indexes; several by id',
}));

export const CASE_EVENT = declare(() => entity({
  name: 'Case event',
  tag: 'case-event',
  pk: 'CASE#{caseId}',
  sk: 'EVENT#{eventId}',
  attributes: z.object({
    caseId: text,
    eventId: text,
    at: instant,
    kind: z.enum(CASE_EVENT_KINDS),
    by: z.string(),
    text: optional(z.string()),
    feedbackId: optional(text),
    messageId: optional(text),
  }),
  ttl: { doc: "the case's `openedAt` + retention", at: afterOpened },
  access: "one entry of a case's timeline, read with the case; written under its own id before the case's change (a retry writes it once), removed when the change loses a version race",
}));

export const CASE_FINDER = declare(() => entity({
  name: 'Case search entry',
  tag: 'case-finder',
  pk: 'CASEFIND#{finder}',
  sk: '{openedAt}#{caseId}',
  attributes: z.object({ caseId: text }),
  ttl: { doc: '`openedAt` + retention', at: afterOpened },
  access: 'leads from an email, phone, order number, a word of the name or a customer id (`<kind>:<value>`, lower case) to its cases, newest first: the search box and a customer\'s cases',
}));

// ---------------------------------------------------------------------------------------------
// The follow-through's figures and customers' opt-outs

export const FIGURE_DAY = declare(() => entity({
  name: 'Follow-through figures',
  pk: 'FIGURES',
  sk: 'DAY#{day}',
  /** One number attribute per counter. */
  attributes: z.record(z.string(), z.number()),
  ttl: { doc: 'the day + retention', at: afterDay },
  access: "the follow-through's counters of one local day (promises made, kept, check-ins sent, answered, customers won back…), all days in one partition (90 days are one query), added with ADD (no read, no race)",
}));

export const FIGURE_MARKER = declare(() => entity({
  name: 'Figure marker',
  pk: 'FIGMARK#{marker}',
  sk: '#MARK',
  attributes: z.object({}),
  ttl: { doc: 'the last day it counts on + retention', at: (v, { retentionDays }) => daysAfter(String(v.countedUntil), retentionDays) },
  access: 'a follow-through event counted once: a conditional put, removed again when its counters could not be added',
}));

export const CUSTOMER_OPT_OUT = declare(() => entity({
  name: 'Customer opt-out',
  tag: 'customer-opt-out',
  pk: 'OPTOUT#{email}',
  sk: '#OPTOUT',
  attributes: z.object({ at: instant }),
  access: 'a customer who asked for no more survey or follow-up mail, one per address (lower case): read before each invitation and check-in',
}));

/** Every entity, in the order docs/data-model.md lists them. */
export const ENTITIES = [
  ORDER,
  SURVEY_LINK,
  FEEDBACK,
  CUSTOMER,
  CUSTOMER_COMPLAINTS,
  CUSTOMER_ORDER,
  IDENTITY,
  ALERT,
  RATE_BUCKET,
  MENTION,
  INPUT,
  POLL_STATE,
  DAY_STATS,
  DAY_TOPIC,
  DAY_PRAISE,
  DAY_REPEAT,
  DAY_SET_ASIDE,
  DIGEST_UNSUBSCRIBED,
  DIGEST_SENT,
  SIGN_IN_LINK,
  SIGN_IN_CODE,
  SESSION,
  ACTION_LINK_USE,
  SUPPRESSED_ADDRESS,
  MAIL_EVENT,
  PROMISE,
  CHECK_IN,
  CASE,
  CASE_EVENT,
  CASE_FINDER,
  FIGURE_DAY,
  FIGURE_MARKER,
  CUSTOMER_OPT_OUT,
] as const;

// Every field of a domain type is declared (a field added to the type and not here fails to compile).
type Declared<Domain, Attributes> = [Exclude<keyof Domain, keyof Attributes>] extends [never] ? true : { undeclared: Exclude<keyof Domain, keyof Attributes> };
type Out<E extends { declaration: { attributes: z.ZodMiniType } }> = z.output<E['declaration']['attributes']>;
export const DECLARED: [
  Declared<Order, Out<typeof ORDER>>,
  Declared<SurveyRecord, Out<typeof SURVEY_LINK>>,
  Declared<FeedbackRecord, Out<typeof FEEDBACK>>,
  Declared<Omit<CustomerProfile, never>, Out<typeof CUSTOMER>>,
  Declared<Omit<AlertRecord, 'body'>, Out<typeof ALERT>>,
  Declared<AlertState, Out<typeof ALERT>>,
  Declared<PollState, Out<typeof POLL_STATE>>,
  Declared<PraiseEntry, Out<typeof DAY_PRAISE>>,
  Declared<RepeatEntry, Out<typeof DAY_REPEAT>>,
  Declared<SetAsideEntry, Out<typeof DAY_SET_ASIDE>>,
  Declared<ComplaintEntry, z.output<typeof complaintEntry>>,
  Declared<SignInLink, Out<typeof SIGN_IN_LINK>>,
  Declared<Session, Out<typeof SESSION>>,
  Declared<PromiseRecord, Out<typeof PROMISE>>,
  Declared<Omit<CheckInRecord, 'expiresAt'>, Out<typeof CHECK_IN>>,
  Declared<CaseRecord, Out<typeof CASE>>,
  Declared<CaseEvent, Out<typeof CASE_EVENT>>,
  // Every status and event kind of the domain is declared (a value added there and not here fails to compile).
  [Exclude<CaseStatus, (typeof CASE_STATUSES)[number]>] extends [never] ? true : false,
  [Exclude<CaseEventKind, (typeof CASE_EVENT_KINDS)[number]>] extends [never] ? true : false,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
