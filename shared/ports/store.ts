import type { DayAggregate, PraiseEntry, RepeatEntry, SetAsideEntry, TopicDay } from '#shared/domain/day.ts';
import type { ComplaintEntry, CustomerProfile } from '#shared/domain/customer.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import type { ComplaintAlertContent } from '#shared/domain/alert-content.ts';
import type { Identity } from '#shared/domain/identity.ts';
import type { Order } from '#shared/domain/order.ts';

export type { DayAggregate, PraiseEntry, RepeatEntry, SetAsideEntry, TopicDay } from '#shared/domain/day.ts';

/** What a survey link resolves to. */
export interface SurveyRecord {
  surveyId: string;
  orderId: string;
  email: string;
  name?: string;
  createdAt: string;
  /** When the link stops opening (ISO). The item's TTL is apart from it (see docs/data-model.md). */
  linkExpiresAt: string;
  answeredAt?: string;
  responseId?: string;
  /** The answer as recorded with `answeredAt`, so an answer whose queueing was cut short can be queued again. */
  answer?: StoredSurveyAnswer;
  /** When the answer reached the processing queue. */
  queuedAt?: string;
}

/** A survey answer kept on its survey link. */
export interface StoredSurveyAnswer {
  score: number;
  comment?: string;
  rawKey: string;
  receivedAt: string;
}

/** Orders and the invitation schedule. */
export interface OrderRepository {
  /** Stores a new order and its survey; returns the existing order when the id is already known. */
  create(order: Order, survey: SurveyRecord): Promise<{ created: true } | { created: false; existing: Order }>;
  get(orderId: string): Promise<Order | undefined>;
  /** Orders whose invitation is due at `now` and not yet sent, oldest first. */
  listDueInvitations(now: Date, limit: number): Promise<Order[]>;
  /** Takes a lease on sending one invitation; false when sent already or another sender holds it. */
  claimInvitation(orderId: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Takes the order off the schedule: invited at `at`, or skipped for a reason (the customer unsubscribed). */
  markInvited(orderId: string, at: Date, skipped?: 'unsubscribed'): Promise<void>;
  /** Removes an order and its survey link (erasure). */
  delete(order: Order): Promise<void>;
  /** Gives a claimed invitation back so the next run retries it. */
  releaseInvitation(orderId: string): Promise<void>;
}

/** Survey links. */
export interface SurveyRepository {
  get(surveyId: string): Promise<SurveyRecord | undefined>;
  /** Marks the survey answered, keeping the answer; false when it was answered already. */
  markAnswered(surveyId: string, responseId: string, at: Date, answer: StoredSurveyAnswer): Promise<boolean>;
  /** Notes that the answer is on the processing queue (an answered survey without it was cut short). */
  markQueued(surveyId: string, at: Date): Promise<void>;
  /** Undoes `markAnswered` when the answer could not be queued, so the customer can retry. */
  unmarkAnswered(surveyId: string, responseId: string): Promise<void>;
}

/** Processed feedback. */
export interface FeedbackRepository {
  /**
   * Records the item once; 'exists' when the same id was recorded and counted before, 'uncounted'
   * when it was recorded but its counting (`markCounted`) never finished (a crash in between).
   */
  record(record: FeedbackRecord): Promise<'created' | 'exists' | 'uncounted'>;
  /** Notes that the item's day counters and lists include it. */
  markCounted(id: string): Promise<void>;
  /** Which of `ids` are recorded (one batched read). */
  existing(ids: string[]): Promise<Set<string>>;
  get(id: string): Promise<FeedbackRecord | undefined>;
  /** A customer's feedback, newest first. */
  listByCustomer(customerId: string, limit: number): Promise<FeedbackRecord[]>;
  /**
   * Makes an order number the item only claimed (quoted by a sender who was not that order's
   * customer) one of its orders, once the owner linked the sender to that customer. False when the
   * item does not claim it (unknown item, already linked, or changed meanwhile).
   */
  linkClaimedOrder(id: string, orderId: string): Promise<boolean>;
  /** Moves a customer's history to another customer (after a merge). */
  reassignCustomer(from: string, to: string): Promise<number>;
  /** Marks a complaint handled: it leaves the digest's open complaints. False when unknown. */
  markHandled(id: string, at: Date): Promise<boolean>;
  /** Puts a complaint back on the open list (its case was reopened). */
  reopen(item: Pick<FeedbackRecord, 'id' | 'receivedAt'>): Promise<void>;
  /** Complaints not yet marked handled, oldest first. */
  listOpenComplaints(limit: number): Promise<FeedbackRecord[]>;
  /** Several items by id (missing ones are left out). */
  getMany(ids: string[]): Promise<FeedbackRecord[]>;
  delete(id: string): Promise<void>;
}

/** An alert in the outbox: recorded before it is sent, marked sent once. */
/**
 * What an alert email says: either already rendered, or the content of a complaint alert, which is
 * stored compactly and rendered when it is sent (a smaller item costs fewer write units on every
 * state change).
 */
export type AlertBody = { html: string; text: string } | { template: 'complaint'; data: ComplaintAlertContent };

export interface AlertRecord {
  /** Deterministic key of the incident the alert is about. */
  incidentKey: string;
  kind: string;
  urgent: boolean;
  to: string[];
  subject: string;
  body: AlertBody;
  headers: Record<string, string>;
  status: 'pending' | 'sent';
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  feedbackIds: string[];
  /** Held for the next hourly batch instead of being sent on its own. */
  batched?: boolean;
  /** Counted against the hourly cap on non-urgent emails already. */
  rateCounted?: boolean;
  /** For a batch email: the alerts it carries. */
  members?: string[];
  /** Set when the recorder takes the sending lease in the same write. */
  leaseUntil?: string;
}

/** An alert's state, without its email. */
export type AlertState = Omit<AlertRecord, 'body'>;

/** The alert outbox (exactly-once delivery). */
export interface AlertOutbox {
  /**
   * Records a new alert; returns the stored state and whether this call created it (an earlier
   * record of the same incident is returned as it is).
   */
  record(alert: AlertRecord): Promise<AlertState & { created: boolean }>;
  get(incidentKey: string): Promise<AlertState | undefined>;
  /** The email of a recorded alert. */
  body(incidentKey: string): Promise<AlertBody | undefined>;
  /**
   * Takes a lease on sending; false when sent already or another sender holds the lease.
   * `rateCounted` notes that the alert took its place under the hourly cap.
   */
  claim(incidentKey: string, now: Date, leaseMs: number, options?: { rateCounted?: boolean }): Promise<boolean>;
  markSent(incidentKey: string, messageId: string, at: Date): Promise<void>;
  /** Records a failed attempt and when to try again; releases the lease. */
  markFailed(incidentKey: string, error: string, nextAttemptAt: Date): Promise<void>;
  /**
   * Puts a pending alert in the retry sweep's index for `until` without counting an attempt: the
   * hourly cap was reached, or another sender holds the lease (and may have died).
   */
  defer(incidentKey: string, until: Date, options: { releaseLease: boolean }): Promise<void>;
  /** Pending alerts whose next attempt is due. */
  listDue(now: Date, limit: number): Promise<AlertState[]>;
  /** The first of `incidentKeys` that is recorded (to find the alert a follow-up joins). */
  findFirst(incidentKeys: string[]): Promise<string | undefined>;
  /** Adds a follow-up to an alert (folded noise) without sending anything. */
  addFeedback(incidentKey: string, feedbackId: string): Promise<void>;
  delete(incidentKey: string): Promise<void>;
}

/** Customer profiles and the identities that lead to them. */
export interface CustomerRepository {
  /** Which customer each identity belongs to (keys as `identityKey`). */
  findByIdentities(identities: Identity[]): Promise<Map<string, string>>;
  /** A profile, following merges to the surviving profile. */
  get(customerId: string): Promise<CustomerProfile | undefined>;
  /** Creates a profile unless it exists; false when it existed. */
  create(profile: CustomerProfile): Promise<boolean>;
  /** Claims an identity for a customer; returns the owner (this customer, or whoever had it). */
  claimIdentity(identity: Identity, customerId: string): Promise<string>;
  /** Points an identity at a customer whatever it pointed at before (merges, manual links). */
  setIdentity(identity: Identity, customerId: string): Promise<void>;
  /** Adds identities (and a name when the profile has none) to a profile. */
  addIdentities(customerId: string, identities: Identity[], name: string | undefined, now: Date): Promise<void>;
  /**
   * Adds an order's value once per order id; false when it was counted before. Each counted order
   * is an item of its own, so no number of orders makes the profile too big to write.
   */
  addOrder(customerId: string, orderId: string, total: number | undefined, currency: string | undefined): Promise<boolean>;
  /** The customers with the highest total order value. */
  topByValue(limit: number): Promise<CustomerProfile[]>;
  /** Appends a complaint once (by id) and returns the customer's complaint list after it. */
  appendComplaint(customerId: string, entry: ComplaintEntry): Promise<ComplaintEntry[]>;
  /** The customer's remembered complaints, oldest first. */
  complaints(customerId: string): Promise<ComplaintEntry[]>;
  /** Marks `from` as merged into `into`; false when it was merged already (by someone else). */
  markMerged(from: string, into: string): Promise<boolean>;
  /** Moves everything of `from` (identities, orders, value, complaints) onto `into`. */
  absorb(into: string, from: CustomerProfile): Promise<void>;
  /** Every order counted for a profile (not only the first ones the profile lists). */
  orderIdsOf(customerId: string): Promise<string[]>;
  /** Removes a profile, its order items and its identity items; returns how many identity items went. */
  erase(profile: CustomerProfile): Promise<number>;
}

/** Counts within a time bucket, for caps such as non-urgent emails per hour. */
export interface RateLimiter {
  /** Takes one from the bucket; false when `max` were taken already. */
  take(bucket: string, max: number, expiresAt: Date): Promise<boolean>;
}

/** Daily aggregates maintained as items are processed, so the digest never scans feedback. */
export interface StatsRecorder {
  /** Adds to the day's counters; returns the new values of the counters it added to. */
  count(day: string, counters: Record<string, number>): Promise<Record<string, number>>;
  /**
   * Counts a complaint about a topic on a day (keeping the first quote as representative, the
   * latest ids and the distinct customers) and returns the day after it, with the customers the
   * day had before it (the store serialises concurrent complaints).
   */
  topic(day: string, topic: string, quote: string, feedbackId: string, customer: string): Promise<TopicDay & { customersBefore: string[] }>;
  /** The topic's counts on the given days (days without complaints are left out). */
  topicDays(topic: string, days: string[]): Promise<TopicDay[]>;
  /** Forgets feedback ids (and a quote of theirs) in a topic's day items (erasure); returns how many went. */
  forgetTopic(topic: string, days: string[], feedbackIds: string[]): Promise<number>;
  /** Keeps a piece of praise (and the staff it names) for the digest. */
  praise(day: string, entry: PraiseEntry): Promise<void>;
  /** Notes a customer who complained again (second or later complaint) on a day. */
  repeatComplainer(day: string, entry: RepeatEntry): Promise<void>;
  /** Keeps an input that was skipped or rejected, for the digest; false when it was noted already. */
  setAside(day: string, entry: SetAsideEntry): Promise<boolean>;
}

/** A received mention as the registry remembers it. */
export interface MentionClaim {
  feedbackId: string;
  receivedAt: string;
  /** Where its raw input is archived. */
  rawKey?: string;
  /** When it reached the processing queue; a claim without it was cut short (a crash). */
  queuedAt?: string;
}

/** Mentions already received, by source and external id (webhook and pollers share it). */
export interface MentionRegistry {
  /** Records the mention; false when it was there already (a duplicate). */
  claim(source: string, externalId: string, feedbackId: string, at: Date, rawKey: string): Promise<boolean>;
  /** What was recorded for a mention, if anything. */
  find(source: string, externalId: string): Promise<MentionClaim | undefined>;
  /** Notes that the mention is on the processing queue. */
  markQueued(source: string, externalId: string, at: Date): Promise<void>;
  /** Forgets a claim whose message could not be queued, so the sender's retry goes through. */
  release(source: string, externalId: string): Promise<void>;
}

/** What the weekly digest reads and remembers. */
export interface DigestStore {
  /** Everything kept for one local day (one query of the day's partition). */
  day(day: string): Promise<DayAggregate>;
  isUnsubscribed(email: string): Promise<boolean>;
  unsubscribe(email: string, at: Date): Promise<void>;
  /** Claims the week's digest for a recipient; false when it was sent (or is being sent) already. */
  claimWeek(week: string, email: string, at: Date): Promise<boolean>;
  releaseWeek(week: string, email: string): Promise<void>;
}

/** Where a mention poller is with one source: its cursor, backoff and last success. */
export interface PollState {
  sourceId: string;
  source: string;
  cursor?: string;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  /** Failed reads in a row (backoff grows with it). */
  failures: number;
  /** Not before this instant (after a 429/5xx, honouring Retry-After). */
  nextAttemptAt?: string;
  /** When the source was first tried (a source that never succeeded is silent only after the grace time). */
  firstAttemptAt?: string;
  /** Bumped by every write; a write expects the version it read (optimistic concurrency). */
  version?: number;
}

/** Source health for the alarm and the digest: last success and last error of every source. */
export interface MentionSourceStatusRepository {
  /** Every source's state, in one query. */
  list(): Promise<PollState[]>;
}

export interface PollStateRepository extends MentionSourceStatusRepository {
  get(sourceId: string): Promise<PollState | undefined>;
  /** Writes the state only if nobody wrote it since it was read (same `version`); false otherwise. */
  save(state: PollState): Promise<boolean>;
}
