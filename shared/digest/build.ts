import { caseIdFor } from '#shared/domain/case.ts';
import { followThroughActions, hasFollowThrough, type FollowThroughDigest } from '#shared/digest/follow-through.ts';
import { netPromoterScore } from '#shared/domain/stats.ts';
import { excerptNaming } from '#shared/domain/staff.ts';
import { topicName } from '#shared/domain/topics.ts';
import { listWords, plural } from '#shared/domain/words.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import type { DayAggregate } from '#shared/domain/day.ts';

export type { DayAggregate } from '#shared/domain/day.ts';


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
  openComplaints: Array<Pick<FeedbackRecord, 'id' | 'receivedAt' | 'channel' | 'text' | 'customer' | 'caseId'>>;
  topCustomers: Array<{ name: string; orderCount: number; orderValue: number; currency?: string }>;
  sources: SourceHealth[];
  /** How many complaints about one topic make a recurring problem. */
  recurringThreshold: number;
  /** Promises and recoveries: their figures and who said it is not put right. */
  followThrough?: FollowThroughDigest;
  /** The review sites customers are invited to (their clicks are counted per site id). */
  reviewSites?: Array<{ id: string; site: string }>;
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
  /** Clicks on the review links (thank-you page and invitation email), per site, against the week before. */
  reviewClicks: Change & { bySite: Array<{ site: string; clicks: number }>; offered: boolean };
  /** Alert emails the owner received (each email once, an hourly batch as one). */
  alerts: Change & { urgent: Change };
  openComplaints: Array<{ id: string; at: string; channel: string; customer: string; quote: string; caseId?: string }>;
  moreOpenComplaints: boolean;
  repeatComplainers: Array<{ customer: string; complaints: number; lastAt: string; caseId?: string }>;
  /** Topics more than one customer complained about this week. */
  recurringTopics: Array<{ topic: string; complaints: number; customers: number; quote?: string }>;
  /** Staff named in praise, each with a quote that names them (none when no kept quote does). */
  staffPraise: Array<{ name: string; mentions: number; quote?: string }>;
  praise: string[];
  orders: { count: number; returning: number; repeatRate?: number; values: OrderValue[]; before: number; repeatRateBefore?: number };
  topCustomers: DigestInput['topCustomers'];
  setAside: { skipped: number; rejected: number; reasons: Array<{ reason: string; count: number }>; examples: Array<{ outcome: string; reason: string; from?: string; subject?: string }> };
  silentSources: SourceHealth[];
  /** Mail SES could not deliver this week (bounced recipients) and recipients who marked it as spam; those addresses get no more mail. */
  mail: { bounces: number; complaints: number };
  /** Archived inputs the reconciler found unrecorded and drove through again this week. */
  reconciled: number;
  /** What to do this week, most pressing first. */
  actions: string[];
  followThrough?: FollowThroughDigest;
}

/** The week's orders in one currency (no currency when the orders gave none). */
export interface OrderValue {
  currency?: string;
  value: number;
  /** How many orders carried a value in this currency (unknown for counts kept before currencies were). */
  orders?: number;
}

/** Order values per currency from the days' counters: never one currency added into another. */
function orderValues(days: DayAggregate[]): OrderValue[] {
  const currencies = new Set<string>();
  for (const day of days) for (const name of Object.keys(day.counters)) {
    const match = /^order_value_([A-Z]{3})$/.exec(name);
    if (match) currencies.add(match[1]!);
  }
  const values: OrderValue[] = [...currencies].sort().map((currency) => ({ currency, value: sum(days, `order_value_${currency}`), orders: sum(days, `orders_valued_${currency}`) }));
  const plain = sum(days, 'order_value');
  const plainOrders = sum(days, 'orders_valued');
  if (plain > 0 || plainOrders > 0) values.push({ value: plain, ...(plainOrders > 0 ? { orders: plainOrders } : {}) });
  return values.filter((v) => v.value > 0 || (v.orders ?? 0) > 0).sort((a, b) => (b.orders ?? 0) - (a.orders ?? 0) || b.value - a.value);
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

/** The week's complaints per topic, the topics more than one customer complained about first (at most 5). */
export function recurringTopicsOf(thisWeek: DayAggregate[], recurringThreshold: number): Digest['recurringTopics'] {
  const topicTotals = new Map<string, { complaints: number; customers: Set<string>; quote?: string }>();
  for (const day of thisWeek) {
    for (const t of day.topics) {
      const entry = topicTotals.get(t.topic) ?? { complaints: 0, customers: new Set<string>() };
      entry.complaints += t.complaints;
      for (const customer of t.customers ?? []) entry.customers.add(customer);
      entry.quote ??= t.quote;
      topicTotals.set(t.topic, entry);
    }
  }
  // Distinct customers make a recurring problem (days counted before customers were kept count complaints).
  return [...topicTotals]
    .map(([topic, t]) => ({ topic, complaints: t.complaints, customers: t.customers.size || t.complaints, quote: t.quote }))
    .filter((t) => t.customers >= Math.min(2, recurringThreshold))
    .sort((a, b) => b.customers - a.customers || b.complaints - a.complaints || a.topic.localeCompare(b.topic))
    .slice(0, 5)
    .map(({ quote, ...t }) => ({ ...t, ...(quote ? { quote: clip(quote, 200) } : {}) }));
}

/**
 * The week's praise, oldest first: staff named in it (each with the first quote that names them)
 * and up to three quotes of praise that names nobody.
 */
export function praiseOf(thisWeek: DayAggregate[]): Pick<Digest, 'staffPraise' | 'praise'> {
  const staff = new Map<string, { key: string; name: string; mentions: number; quote?: string }>();
  const praise: string[] = [];
  for (const entry of thisWeek.flatMap((d) => d.praise).sort((a, b) => a.at.localeCompare(b.at))) {
    for (const name of entry.staff) {
      const key = name.toLowerCase();
      const known = staff.get(key) ?? { key, name: oneLine(name[0]!.toUpperCase() + name.slice(1), 40), mentions: 0 };
      known.mentions += 1;
      // The first quote that names them; praise that does not name them is never their quote.
      known.quote ??= excerptNaming(entry.quote, [name], 200);
      staff.set(key, known);
    }
    if (!entry.staff.length && praise.length < 3) praise.push(clip(entry.quote, 200));
  }
  const staffPraise = [...staff.values()]
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))
    .map(({ name, mentions, quote }) => ({ name, mentions, ...(quote ? { quote } : {}) }));
  return { staffPraise, praise };
}

/** Customers who complained again this week, each once with their latest count, most complaints first. */
export function repeatComplainersOf(thisWeek: DayAggregate[]): Digest['repeatComplainers'] {
  const repeat = new Map<string, { customer: string; complaints: number; lastAt: string; caseId?: string }>();
  for (const entry of thisWeek.flatMap((d) => d.repeats)) {
    const known = repeat.get(entry.customerId);
    // A repeat complaint always opens its own case (its id follows from the complaint's).
    if (!known || entry.ordinal > known.complaints) repeat.set(entry.customerId, { customer: oneLine(entry.customer), complaints: entry.ordinal, lastAt: entry.at, caseId: caseIdFor(entry.feedbackId) });
  }
  return [...repeat.values()].sort((a, b) => b.complaints - a.complaints || a.lastAt.localeCompare(b.lastAt));
}

/** The open complaints shown (the oldest OPEN_COMPLAINTS_SHOWN), each on one line with a short quote. */
export function openComplaintsOf(open: DigestInput['openComplaints']): Digest['openComplaints'] {
  return open.slice(0, OPEN_COMPLAINTS_SHOWN).map((c) => ({
    id: c.id,
    at: c.receivedAt,
    channel: c.channel,
    customer: oneLine(c.customer.name?.trim() || c.customer.email || c.customer.handle || 'unknown customer'),
    quote: clip(c.text || '(score only, no comment)', 200),
    ...(c.caseId ? { caseId: c.caseId } : {}),
  }));
}

/** Inputs set aside this week: how many skipped or rejected, the reasons by count, five examples. */
export function setAsideOf(thisWeek: DayAggregate[]): Digest['setAside'] {
  const entries = thisWeek.flatMap((d) => d.setAside);
  const reasons = new Map<string, number>();
  for (const entry of entries) reasons.set(entry.reason, (reasons.get(entry.reason) ?? 0) + 1);
  return {
    skipped: sum(thisWeek, 'skipped'),
    rejected: sum(thisWeek, 'rejected'),
    reasons: [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([reason, count]) => ({ reason, count })),
    examples: entries.slice(0, 5).map((e) => ({ outcome: e.outcome, reason: e.reason, ...(e.sender ? { from: e.sender } : {}), ...(e.subject ? { subject: clip(e.subject, 100) } : {}) })),
  };
}

/** The week's orders against the week before: count, returning customers' share, values per currency. */
export function ordersOf(thisWeek: DayAggregate[], lastWeek: DayAggregate[]): Digest['orders'] {
  const count = sum(thisWeek, 'orders');
  const returning = sum(thisWeek, 'orders_returning');
  return {
    count,
    returning,
    repeatRate: share(returning, count),
    values: orderValues(thisWeek),
    before: sum(lastWeek, 'orders'),
    repeatRateBefore: share(sum(lastWeek, 'orders_returning'), sum(lastWeek, 'orders')),
  };
}

/** The figures that compare this week with the week before: volume, complaints, NPS, response rate, alerts, review clicks. */
export function weekFiguresOf(
  thisWeek: DayAggregate[],
  lastWeek: DayAggregate[],
  reviewSites: NonNullable<DigestInput['reviewSites']>,
): Pick<Digest, 'volume' | 'complaints' | 'negativeShare' | 'nps' | 'responseRate' | 'alerts' | 'reviewClicks'> {
  const volume = change(thisWeek, lastWeek, 'feedback');
  const negative = change(thisWeek, lastWeek, 'negative');
  const responses = change(thisWeek, lastWeek, 'survey_responses');
  const invitations = change(thisWeek, lastWeek, 'invitations_sent');
  return {
    volume: {
      ...volume,
      byChannel: {
        survey: change(thisWeek, lastWeek, 'feedback_survey'),
        email: change(thisWeek, lastWeek, 'feedback_email'),
        social: change(thisWeek, lastWeek, 'feedback_social'),
      },
    },
    complaints: change(thisWeek, lastWeek, 'complaints'),
    negativeShare: { now: share(negative.now, volume.now), before: share(negative.before, volume.before) },
    nps: { now: npsOf(thisWeek), before: npsOf(lastWeek), responses: responses.now },
    responseRate: { now: share(responses.now, invitations.now), before: share(responses.before, invitations.before), invitations: invitations.now },
    alerts: { ...change(thisWeek, lastWeek, 'alert_emails'), urgent: change(thisWeek, lastWeek, 'alert_emails_urgent') },
    reviewClicks: {
      ...change(thisWeek, lastWeek, 'review_clicks'),
      bySite: reviewSites.map(({ id, site }) => ({ site, clicks: sum(thisWeek, `review_clicks_${id}`) })).filter((s) => s.clicks > 0),
      offered: reviewSites.length > 0,
    },
  };
}

/**
 * What to do this week, most pressing first: overdue promises and customers not put right, calls
 * to repeat complainers, the open complaints, recurring problems to fix, staff to thank, sources
 * gone quiet.
 */
export function actionsOf(
  digest: Pick<Digest, 'repeatComplainers' | 'openComplaints' | 'moreOpenComplaints' | 'recurringTopics' | 'staffPraise' | 'silentSources'>,
  recurringThreshold: number,
  followThrough: FollowThroughDigest | undefined,
): string[] {
  const { openComplaints, moreOpenComplaints: more } = digest;
  const actions: string[] = followThroughActions(followThrough);
  for (const r of digest.repeatComplainers.slice(0, 3)) actions.push(`Call ${r.customer}: ${plural(r.complaints, 'complaint')}, the last on ${r.lastAt.slice(0, 10)}. A customer who has to complain again is about to leave.`);
  if (openComplaints.length) {
    const oldest = openComplaints[0]!;
    actions.push(`Answer the ${more ? `${OPEN_COMPLAINTS_SHOWN}+ open complaints` : plural(openComplaints.length, 'open complaint')}, oldest first (${oldest.customer}, since ${oldest.at.slice(0, 10)}), and mark ${openComplaints.length === 1 && !more ? 'it' : 'each'} handled.`);
  }
  for (const t of digest.recurringTopics.slice(0, 2)) {
    if (t.customers >= recurringThreshold) actions.push(`Fix ${topicName(t.topic)}: ${plural(t.customers, 'customer')} complained this week${t.complaints > t.customers ? ` (${plural(t.complaints, 'complaint')})` : ''}.`);
  }
  if (digest.staffPraise.length) actions.push(`Thank ${listWords(digest.staffPraise.slice(0, 3).map((s) => s.name))}: named in customers' praise.`);
  if (digest.silentSources.length) actions.push(`Check ${digest.silentSources.map((s) => s.source).join(', ')}: no mentions read lately.`);
  return actions;
}

/**
 * Builds the weekly digest from the days' counters and lists. Pure and deterministic: the same
 * input always gives the same digest, so it can be previewed, tested against a golden file, and
 * sent. Each part is one of the steps above.
 */
export function buildDigest(input: DigestInput): Digest {
  const { thisWeek, lastWeek } = input;
  const figures = weekFiguresOf(thisWeek, lastWeek, input.reviewSites ?? []);
  const openComplaints = openComplaintsOf(input.openComplaints);
  const setAside = setAsideOf(thisWeek);
  const orders = ordersOf(thisWeek, lastWeek);
  const lists = {
    openComplaints,
    moreOpenComplaints: input.openComplaints.length > OPEN_COMPLAINTS_SHOWN,
    repeatComplainers: repeatComplainersOf(thisWeek),
    recurringTopics: recurringTopicsOf(thisWeek, input.recurringThreshold),
    ...praiseOf(thisWeek),
    silentSources: input.sources.filter((s) => s.silent),
  };
  const quiet = figures.volume.now === 0 && orders.count === 0 && !openComplaints.length && !thisWeek.some((d) => d.setAside.length) && !hasFollowThrough(input.followThrough);
  return {
    businessName: input.businessName,
    firstDay: thisWeek[0]?.day ?? '',
    lastDay: thisWeek[thisWeek.length - 1]?.day ?? '',
    quiet,
    ...figures,
    openComplaints: lists.openComplaints,
    moreOpenComplaints: lists.moreOpenComplaints,
    repeatComplainers: lists.repeatComplainers,
    recurringTopics: lists.recurringTopics,
    staffPraise: lists.staffPraise,
    praise: lists.praise,
    orders,
    topCustomers: input.topCustomers,
    setAside,
    silentSources: lists.silentSources,
    mail: { bounces: sum(thisWeek, 'mail_bounces'), complaints: sum(thisWeek, 'mail_complaints') },
    reconciled: sum(thisWeek, 'reconciled'),
    actions: actionsOf(lists, input.recurringThreshold, input.followThrough),
    ...(hasFollowThrough(input.followThrough) ? { followThrough: input.followThrough! } : {}),
  };
}
