import type { Config } from '#shared/config.ts';
import type { CaseRepository } from '#shared/ports/cases.ts';
import type { CaseLinks } from '#shared/ports/cases.ts';
import type { CheckInRepository, CustomerOptOuts, FigureStore } from '#shared/ports/follow-through.ts';
import type { Classifier } from '#shared/domain/classification.ts';
import type { FeedbackQueue } from '#shared/ports/feedback-queue.ts';
import type { InputLedger } from '#shared/ports/input-ledger.ts';
import type { Mailer } from '#shared/ports/mailer.ts';
import type { MentionSourceReader } from '#shared/ports/mention-sources.ts';
import type { RawArchive } from '#shared/ports/raw-archive.ts';
import type {
  AlertOutbox,
  CustomerRepository,
  DigestStore,
  FeedbackRepository,
  MentionRegistry,
  PollStateRepository,
  OrderRepository,
  RateLimiter,
  StatsRecorder,
  SurveyRepository,
} from '#shared/ports/store.ts';

/**
 * What processing one item needs: the classifier (only the processing function carries its
 * lexicons), the customer, feedback, outbox, case and counter repositories, the mailer.
 */
export type ProcessingDeps = Pick<Deps, 'config' | 'now' | 'customers' | 'feedback' | 'alerts' | 'rateLimiter' | 'stats' | 'mailer' | 'cases'> & {
  classifier: Classifier;
  /** Signed case links for alerts and the reply tag check (needs the link key; absent in some tests). */
  caseLinks?: CaseLinks;
  /** The follow-through's counters and check-ins: a complaint case opened counts for the response figures. */
  followThrough?: FollowThroughHookDeps;
};

/** What the case actions feed the follow-through with: its counters, check-ins and the customers' opt-outs. */
export interface FollowThroughHookDeps {
  config: Config;
  figures: FigureStore;
  checkIns: CheckInRepository;
  optOuts: CustomerOptOuts;
}

/** Everything a use case may need, passed in, so use cases are tested with any adapters. */
export interface Deps {
  config: Config;
  orders: OrderRepository;
  surveys: SurveyRepository;
  feedback: FeedbackRepository;
  alerts: AlertOutbox;
  customers: CustomerRepository;
  rateLimiter: RateLimiter;
  mentions: MentionRegistry;
  digest: DigestStore;
  polls: PollStateRepository;
  /** The mention sources the pollers read. */
  sources: MentionSourceReader;
  stats: StatsRecorder;
  cases: CaseRepository;
  /** Archived inputs: what became of inbound mail, the reconciler's attempts. */
  ledger: InputLedger;
  mailer: Mailer;
  archive: RawArchive;
  queue: FeedbackQueue;
  /** The current time (replaceable in tests). */
  now: () => Date;
}
