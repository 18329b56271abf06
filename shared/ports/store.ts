import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import type { Order } from '#shared/domain/order.ts';

/** What a survey link resolves to. */
export interface SurveyRecord {
  surveyId: string;
  orderId: string;
  email: string;
  name?: string;
  createdAt: string;
  expiresAt: string;
  answeredAt?: string;
  responseId?: string;
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
  markInvited(orderId: string, at: Date): Promise<void>;
  /** Gives a claimed invitation back so the next run retries it. */
  releaseInvitation(orderId: string): Promise<void>;
}

/** Survey links. */
export interface SurveyRepository {
  get(surveyId: string): Promise<SurveyRecord | undefined>;
  /** Marks the survey answered; false when it was answered already. */
  markAnswered(surveyId: string, responseId: string, at: Date): Promise<boolean>;
  /** Undoes `markAnswered` when the answer could not be queued, so the customer can retry. */
  unmarkAnswered(surveyId: string, responseId: string): Promise<void>;
}

/** Processed feedback. */
export interface FeedbackRepository {
  /** Records the item once; 'exists' when the same id was recorded before. */
  record(record: FeedbackRecord): Promise<'created' | 'exists'>;
  get(id: string): Promise<FeedbackRecord | undefined>;
}

/** An alert in the outbox: recorded before it is sent, marked sent once. */
export interface AlertRecord {
  /** Deterministic key of the incident the alert is about. */
  incidentKey: string;
  kind: string;
  urgent: boolean;
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  status: 'pending' | 'sent';
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  feedbackIds: string[];
}

/** The alert outbox (exactly-once delivery). */
export interface AlertOutbox {
  /** Records a new alert; returns the stored one (which may be an earlier record of the same incident). */
  record(alert: AlertRecord): Promise<AlertRecord>;
  get(incidentKey: string): Promise<AlertRecord | undefined>;
  /** Takes a lease on sending; false when sent already or another sender holds the lease. */
  claim(incidentKey: string, now: Date, leaseMs: number): Promise<boolean>;
  markSent(incidentKey: string, messageId: string, at: Date): Promise<void>;
  /** Records a failed attempt and when to try again; releases the lease. */
  markFailed(incidentKey: string, error: string, nextAttemptAt: Date): Promise<void>;
  /** Pending alerts whose next attempt is due. */
  listDue(now: Date, limit: number): Promise<AlertRecord[]>;
}
