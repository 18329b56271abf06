import { netPromoterScore } from '#shared/domain/stats.ts';
import { topicName } from '#shared/domain/topics.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import type { PraiseEntry, RepeatEntry, SetAsideEntry, TopicDay } from '#shared/ports/store.ts';

/** Everything kept for one local day: counters and the day's lists. */
export interface DayAggregate {
  day: string;
  counters: Record<string, number>;
  topics: TopicDay[];
  praise: PraiseEntry[];
  repeats: RepeatEntry[];
  setAside: SetAsideEntry[];
}

/** A feed or source the monitor reads, and whether it has gone quiet. */
export interface SourceHealth {
  source: string;
  lastSuccessAt?: string;
  lastError?: string;
  silent: boolean;
}

export interface DigestInput {
  businessName: string;
  /** The 7 local days covered, oldest first, and the 7 before them. */
  thisWeek: DayAggregate[];
  lastWeek: DayAggregate[];
  /** Complaints not yet marked handled, oldest first (one more than shown, to know there are more). */
  openComplaints: Array<Pick<FeedbackRecord, 'id' | 'receivedAt' | 'channel' | 'text' | 'customer'>>;
  topCustomers: Array<{ name: string; orderCount: number; orderValue: number; currency?: string }>;
  sources: SourceHealth[];
  /** How many complaints about one topic make a recurring problem. */
  recurringThreshold: number;
}

export interface Change {
  now: number;
  before: number;
}

export interface Digest {
  businessName: string;
  firstDay: string;
  lastDay: string;
  quiet: boolean;
  volume: Change & { byChannel: Record<'survey' | 'email' | 'social', Change> };
  complaints: Change;
  negativeShare: { now?: number; before?: number };
  nps: { now?: number; before?: number; responses: number };
  responseRate: { now?: number; before?: number; invitations: number };
  alerts: Change & { urgent: Change };
  openComplaints: Array<{ id: string; at: string; channel: string; customer: string; quote: string }>;
  moreOpenComplaints: boolean;
  repeatComplainers: Array<{ customer: string; complaints: number; lastAt: string }>;
  recurringTopics: Array<{ topic: string; complaints: number; quote?: string }>;
  staffPraise: Array<{ name: string; mentions: number; quote: string }>;
  praise: string[];
  orders: { count: number; returning: number; repeatRate?: number; value: number; before: number; repeatRateBefore?: number };
  topCustomers: DigestInput['topCustomers'];
  setAside: { skipped: number; rejected: number; reasons: Array<{ reason: string; count: number }>; examples: Array<{ outcome: string; reason: string; from?: string; subject?: string }> };
  silentSources: SourceHealth[];
  /** What to do this week, most pressing first. */
  actions: string[];
}

/** Shown of the open complaints list. */
export const OPEN_COMPLAINTS_SHOWN = 10;

function sum(days: DayAggregate[], counter: string): number {
  return days.reduce((total, day) => total + (day.counters[counter] ?? 0), 0);
}

function change(thisWeek: DayAggregate[], lastWeek: DayAggregate[], counter: string): Change {
  return { now: sum(thisWeek, counter), before: sum(lastWeek, counter) };
}

function share(part: number, whole: number): number | undefined {
  return whole > 0 ? part / whole : undefined;
}

function npsOf(days: DayAggregate[]): number | undefined {
  return netPromoterScore(sum(days, 'promoters'), sum(days, 'passives'), sum(days, 'detractors'));
}

/** A name on one line (customer data never breaks the layout of the text part). */
function oneLine(text: string, max = 80): string {
  return clip(text, max);
}

function clip(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Builds the weekly digest from the days' counters and lists. Pure and deterministic: the same
 * input always gives the same digest, so it can be previewed, tested against a golden file, and
 * sent.
 */
export function buildDigest(input: DigestInput): Digest {
  const { thisWeek, lastWeek } = input;
  const volume = change(thisWeek, lastWeek, 'feedback');
  const complaints = change(thisWeek, lastWeek, 'complaints');
  const negative = change(thisWeek, lastWeek, 'negative');
  const responses = change(thisWeek, lastWeek, 'survey_responses');
  const invitations = change(thisWeek, lastWeek, 'invitations_sent');

  const topicTotals = new Map<string, { complaints: number; quote?: string }>();
  for (const day of thisWeek) {
    for (const t of day.topics) {
      const entry = topicTotals.get(t.topic) ?? { complaints: 0 };
      entry.complaints += t.complaints;
      entry.quote ??= t.quote;
      topicTotals.set(t.topic, entry);
    }
  }
  const recurringTopics = [...topicTotals]
    .filter(([, t]) => t.complaints >= Math.min(2, input.recurringThreshold))
    .sort((a, b) => b[1].complaints - a[1].complaints || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([topic, t]) => ({ topic, complaints: t.complaints, ...(t.quote ? { quote: clip(t.quote, 200) } : {}) }));

  const staff = new Map<string, { key: string; name: string; mentions: number; quote: string }>();
  const praise: string[] = [];
  for (const entry of thisWeek.flatMap((d) => d.praise).sort((a, b) => a.at.localeCompare(b.at))) {
    for (const name of entry.staff) {
      const key = name.toLowerCase();
      const known = staff.get(key) ?? { key, name: oneLine(name, 40), mentions: 0, quote: clip(entry.quote, 200) };
      known.mentions += 1;
      staff.set(key, known);
    }
    if (!entry.staff.length && praise.length < 3) praise.push(clip(entry.quote, 200));
  }
  const staffPraise = [...staff.values()]
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))
    .map(({ name, mentions, quote }) => ({ name, mentions, quote }));

  const repeat = new Map<string, { customer: string; complaints: number; lastAt: string }>();
  for (const entry of thisWeek.flatMap((d) => d.repeats)) {
    const known = repeat.get(entry.customerId);
    if (!known || entry.ordinal > known.complaints) repeat.set(entry.customerId, { customer: oneLine(entry.customer), complaints: entry.ordinal, lastAt: entry.at });
  }
  const repeatComplainers = [...repeat.values()].sort((a, b) => b.complaints - a.complaints || a.lastAt.localeCompare(b.lastAt));

  const openComplaints = input.openComplaints.slice(0, OPEN_COMPLAINTS_SHOWN).map((c) => ({
    id: c.id,
    at: c.receivedAt,
    channel: c.channel,
    customer: oneLine(c.customer.name?.trim() || c.customer.email || c.customer.handle || 'unknown customer'),
    quote: clip(c.text || '(score only, no comment)', 200),
  }));

  const setAsideEntries = thisWeek.flatMap((d) => d.setAside);
  const reasons = new Map<string, number>();
  for (const entry of setAsideEntries) reasons.set(entry.reason, (reasons.get(entry.reason) ?? 0) + 1);

  const orders = sum(thisWeek, 'orders');
  const returning = sum(thisWeek, 'orders_returning');
  const silentSources = input.sources.filter((s) => s.silent);
  const alerts = change(thisWeek, lastWeek, 'alerts');

  const actions: string[] = [];
  for (const r of repeatComplainers.slice(0, 3)) actions.push(`Call ${r.customer}: ${r.complaints} complaints, the last on ${r.lastAt.slice(0, 10)}. A customer who complains twice is about to leave.`);
  if (openComplaints.length) {
    const oldest = openComplaints[0]!;
    actions.push(`Answer the ${input.openComplaints.length > OPEN_COMPLAINTS_SHOWN ? `${OPEN_COMPLAINTS_SHOWN}+` : openComplaints.length} open complaint${openComplaints.length === 1 ? '' : 's'}, oldest first (${oldest.customer}, since ${oldest.at.slice(0, 10)}), and mark each handled.`);
  }
  for (const t of recurringTopics.slice(0, 2)) if (t.complaints >= input.recurringThreshold) actions.push(`Fix ${topicName(t.topic)}: ${t.complaints} complaints this week.`);
  if (staffPraise.length) actions.push(`Thank ${staffPraise.slice(0, 3).map((s) => s.name).join(', ')}: named in customers' praise.`);
  if (silentSources.length) actions.push(`Check ${silentSources.map((s) => s.source).join(', ')}: no mentions read lately.`);

  return {
    businessName: input.businessName,
    firstDay: thisWeek[0]?.day ?? '',
    lastDay: thisWeek[thisWeek.length - 1]?.day ?? '',
    quiet: volume.now === 0 && orders === 0 && !openComplaints.length && !setAsideEntries.length,
    volume: {
      ...volume,
      byChannel: {
        survey: change(thisWeek, lastWeek, 'feedback_survey'),
        email: change(thisWeek, lastWeek, 'feedback_email'),
        social: change(thisWeek, lastWeek, 'feedback_social'),
      },
    },
    complaints,
    negativeShare: { now: share(negative.now, volume.now), before: share(negative.before, volume.before) },
    nps: { now: npsOf(thisWeek), before: npsOf(lastWeek), responses: responses.now },
    responseRate: { now: share(responses.now, invitations.now), before: share(responses.before, invitations.before), invitations: invitations.now },
    alerts: { ...alerts, urgent: change(thisWeek, lastWeek, 'alerts_urgent') },
    openComplaints,
    moreOpenComplaints: input.openComplaints.length > OPEN_COMPLAINTS_SHOWN,
    repeatComplainers,
    recurringTopics,
    staffPraise,
    praise,
    orders: {
      count: orders,
      returning,
      repeatRate: share(returning, orders),
      value: sum(thisWeek, 'order_value'),
      before: sum(lastWeek, 'orders'),
      repeatRateBefore: share(sum(lastWeek, 'orders_returning'), sum(lastWeek, 'orders')),
    },
    topCustomers: input.topCustomers,
    setAside: {
      skipped: sum(thisWeek, 'skipped'),
      rejected: sum(thisWeek, 'rejected'),
      reasons: [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([reason, count]) => ({ reason, count })),
      examples: setAsideEntries.slice(0, 5).map((e) => ({ outcome: e.outcome, reason: e.reason, ...(e.sender ? { from: e.sender } : {}), ...(e.subject ? { subject: clip(e.subject, 100) } : {}) })),
    },
    silentSources,
    actions,
  };
}
