import type { Channel } from '#shared/domain/classification.ts';

/**
 * One complaint as the customer's complaint list remembers it: small on purpose (every append
 * rewrites the list); the text is read from the feedback item when an alert needs it.
 */
export interface ComplaintEntry {
  /** Feedback id. */
  id: string;
  /** When it was received (ISO). */
  at: string;
  channel: Channel;
  /** What makes follow-ups one incident: an email thread, a social source, a survey. */
  incident: string;
}

/** An earlier complaint as an alert shows it. */
export interface EarlierComplaint {
  at: string;
  channel: Channel;
  excerpt: string;
  score?: number;
  rating?: number;
}

/** A customer: every identity seen for them, their orders, and their recent complaints. */
export interface CustomerProfile {
  customerId: string;
  name?: string;
  emails: string[];
  phones: string[];
  handles: string[];
  orderIds: string[];
  orderCount: number;
  orderValue: number;
  currency?: string;
  createdAt: string;
  updatedAt: string;
  /** Set when this profile was merged into another; lookups follow it. */
  mergedInto?: string;
  /** Profiles merged into this one (kept so erasure removes them too). */
  mergedFrom?: string[];
}

/** How many complaints a customer's list keeps; older ones are still in the feedback history. */
export const MAX_REMEMBERED_COMPLAINTS = 12;

/**
 * How many of a customer's latest complaint ids are kept to recognise a redelivered complaint (a
 * bounded window: a customer sending complaints without end never makes the item too big to write).
 */
export const MAX_REMEMBERED_COMPLAINT_IDS = 500;

/**
 * How many order ids a profile lists itself (the first ones); every order is counted in
 * `orderCount` and `orderValue` and kept as an item of its own, so a customer with thousands of
 * orders still fits DynamoDB's 400 KB item limit.
 */
export const MAX_PROFILE_ORDER_IDS = 50;

/** Longest excerpt of an earlier complaint shown in an alert. */
export const EXCERPT_LENGTH = 400;

/** The incident a complaint belongs to: follow-ups in the same thread, source or survey fold into one. */
export function incidentOf(item: { channel: Channel; id: string; threadId?: string; source?: string; surveyId?: string }): string {
  if (item.channel === 'email' && item.threadId) return `email:${item.threadId}`;
  if (item.channel === 'social' && item.source) return `social:${item.source}`;
  if (item.channel === 'survey' && item.surveyId) return `survey:${item.surveyId}`;
  return `${item.channel}:${item.id}`;
}

/** Where a complaint stands in the customer's history. */
export interface ComplaintStanding {
  /** Earlier complaints within the window, one per incident (the latest of each), oldest first. */
  earlier: ComplaintEntry[];
  /** 1 for a first complaint, 2 for a second, and so on. */
  ordinal: number;
  /** The earlier complaint of the same incident within the fold window, when this is a follow-up. */
  followUpOf?: ComplaintEntry;
}

/**
 * Places a complaint in the customer's history. `complaints` is the profile's list in the order
 * the store appended it (which serialises concurrent complaints), and contains `current`. Pure.
 */
export function complaintStanding(
  complaints: ComplaintEntry[],
  current: ComplaintEntry,
  settings: { windowDays: number; foldMinutes: number },
): ComplaintStanding {
  const position = complaints.findIndex((c) => c.id === current.id);
  const before = position >= 0 ? complaints.slice(0, position) : complaints.filter((c) => c.id !== current.id);
  const at = Date.parse(current.at);
  const windowStart = at - settings.windowDays * 86_400_000;
  const inWindow = before.filter((c) => Date.parse(c.at) >= windowStart);
  const followUpOf = [...inWindow]
    .reverse()
    .find((c) => c.incident === current.incident && at - Date.parse(c.at) <= settings.foldMinutes * 60_000);
  const byIncident = new Map<string, ComplaintEntry>();
  for (const complaint of inWindow) {
    if (complaint.incident === current.incident) continue;
    byIncident.set(complaint.incident, complaint);
  }
  const earlier = [...byIncident.values()].sort((a, b) => a.at.localeCompare(b.at));
  return { earlier, ordinal: earlier.length + 1, ...(followUpOf ? { followUpOf } : {}) };
}

const ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'];

/** "Second", "Third", … "11th". */
export function ordinalWord(n: number): string {
  if (n >= 1 && n <= ORDINALS.length) return ORDINALS[n - 1]!;
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
