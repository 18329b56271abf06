import type { Channel } from '#shared/domain/classification.ts';
import type { CaseEvent, CaseRecord } from '#shared/domain/case.ts';
import type { LinkAction } from '#shared/domain/console-tokens.ts';

/** Ways to find a case in the inbox's search box. */
export type CaseFinder = { kind: 'email' | 'phone' | 'order' | 'name' | 'customer'; value: string };

/** One page of a list of cases and where the next page starts. */
export interface CasePage {
  cases: CaseRecord[];
  /** Opaque: pass it back to read the next page. */
  next?: string;
}

/** Cases and their timelines (one aggregate: a case's state and its events share a partition). */
export interface CaseRepository {
  /** Stores a new case (its state only); false when it existed. */
  create(record: CaseRecord): Promise<boolean>;
  /** Writes a case's first event and its search entries (idempotent: same keys, same items). */
  index(record: CaseRecord, event: CaseEvent, finders: CaseFinder[]): Promise<void>;
  get(caseId: string): Promise<CaseRecord | undefined>;
  /** The case and its whole timeline (oldest first), in one query. */
  withTimeline(caseId: string): Promise<{ record: CaseRecord; events: CaseEvent[] } | undefined>;
  /**
   * Writes the case's next state and its event, only if nobody changed the case since `next` was
   * derived from it (`next.version - 1`); false otherwise (read again and retry).
   */
  save(next: CaseRecord, event: CaseEvent): Promise<boolean>;
  /** The open case opened longest ago (one short query per sort group of the open list). */
  oldestOpen(): Promise<CaseRecord | undefined>;
  /** Open cases (overdue promise first, then urgent, then oldest) or handled ones (latest first), optionally one channel. */
  list(options: { handled: boolean; channel?: Channel; limit: number; after?: string }): Promise<CasePage>;
  /** Cases found by an email, phone, order number, a word of the name, or a customer id; newest first. */
  find(finder: CaseFinder, limit: number): Promise<CaseRecord[]>;
  /** Removes cases, their timelines and search entries (erasure); returns how many cases went. */
  erase(caseIds: string[], finders: CaseFinder[]): Promise<number>;
}

/** An emailed sign-in link as stored (under the hash of its token). */
export interface SignInLink {
  email: string;
  /** Where the owner was going. */
  next: string;
  validUntil: string;
  usedAt?: string;
}

/** A signed-in owner's session as stored (under the hash of its token). */
export interface Session {
  email: string;
  createdAt: string;
  validUntil: string;
}

/** Sign-in links, codes and sessions of the console. */
export interface ConsoleAuthRepository {
  saveLink(hash: string, link: SignInLink): Promise<void>;
  getLink(hash: string): Promise<SignInLink | undefined>;
  /** Marks a link used; false when it was used already (or is unknown). */
  useLink(hash: string, at: Date): Promise<boolean>;
  /** Stores the code emailed to an address (replacing any earlier one). */
  saveCode(email: string, hash: string, next: string, validUntil: Date): Promise<void>;
  /**
   * Checks a code for an address: `ok` uses it up (with where the owner was going); a wrong code
   * counts an attempt; `locked` after too many attempts; `none` when no code is waiting.
   */
  useCode(email: string, hash: string, now: Date, maxAttempts: number): Promise<{ result: 'ok'; next: string } | { result: 'wrong' | 'locked' | 'none' | 'expired' }>;
  createSession(hash: string, session: Session): Promise<void>;
  getSession(hash: string): Promise<Session | undefined>;
  /** Moves a session's end (sliding expiry). */
  extendSession(hash: string, validUntil: Date): Promise<void>;
  deleteSession(hash: string): Promise<void>;
  /**
   * Records the use of a single-use emailed action link (under the hash of its token) until it
   * expires; false when it was used already, so two presses act once.
   */
  useActionLink(hash: string, use: { email: string; caseId: string; validUntil: Date }, at: Date): Promise<boolean>;
  /** Whether an emailed action link was used already. */
  actionLinkUsed(hash: string): Promise<boolean>;
}

/** Links and addresses that need the deployment's link key: action links in alerts, the reply address. */
export interface CaseLinks {
  /** The console page of a case (asks for sign-in first when needed). */
  caseUrl(caseId: string): string;
  /** A signed one-click link for one case, one action and one owner address, valid 14 days. */
  actionUrl(caseId: string, action: LinkAction, email: string): string;
  /** The Reply-To that routes the customer's answer to the case (none without an inbound address). */
  replyAddress(caseId: string): string | undefined;
  /** The case a tag from an inbound address routes to, when its signature is right. */
  verifyReplyTag(tag: string): string | undefined;
}
