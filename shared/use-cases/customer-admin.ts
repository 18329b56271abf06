import * as z from '#shared/domain/schema.ts';
import type { CustomerProfile } from '#shared/domain/customer.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import { identityKey, normaliseEmail, normaliseHandle, normalisePhone, type Identity } from '#shared/domain/identity.ts';
import type { Order } from '#shared/domain/order.ts';
import { NotFoundError, ValidationError } from '#shared/errors.ts';
import { alertKeysOf } from '#shared/domain/alert-rules.ts';
import { addDays, localDate } from '#shared/domain/week.ts';
import { mergeCustomers } from '#shared/use-cases/customers.ts';
import { caseFinders } from '#shared/use-cases/cases.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { checkInKey } from '#shared/domain/check-in.ts';
import type { CheckInRepository, PromiseRepository } from '#shared/ports/follow-through.ts';

/**
 * A customer id in a path: ids the API hands out are `c_` and a short digest. Anything longer, or
 * with other characters, is refused with a 400 (it could never name a customer, and a key over
 * DynamoDB's limit would fail the request).
 */
export const customerIdSchema = z
  .string()
  .check(
    z.minLength(1, 'expected a customer id'),
    z.maxLength(128, 'at most 128 characters (a customer id looks like c_Ab3dE…)'),
    z.regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only (a customer id looks like c_Ab3dE…)'),
  );

/** A feedback id in a path (`survey-…`, `email-…`, `mention-…`), as the queue message allows it. */
export const feedbackIdSchema = z
  .string()
  .check(z.minLength(1, 'expected a feedback id'), z.maxLength(200, 'at most 200 characters'), z.regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters'));

/** The query of `GET /v1/customers`: one identity to look for, within the lengths identities have. */
export const customerQuerySchema = z.object({
  email: z.optional(z.string().check(z.maxLength(254, 'at most 254 characters'))),
  phone: z.optional(z.string().check(z.maxLength(32, 'at most 32 characters'))),
  handle: z.optional(z.string().check(z.maxLength(200, 'at most 200 characters'))),
  source: z.optional(z.string().check(z.maxLength(64, 'at most 64 characters'))),
});

/** The body of `POST /v1/customers/{id}/identities`. */
export const identityInputSchema = z.object({
  type: z.enum(['email', 'phone', 'handle']),
  value: z.string().check(z.trim(), z.minLength(1), z.maxLength(254)),
  /** For handles: where the handle lives (`bluesky`, `reddit`, `mastodon`, `google`, ...). */
  source: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
});

export type IdentityInput = z.infer<typeof identityInputSchema>;

/** Normalises a hand-entered identity, or says which field is wrong. */
export function toIdentity(input: IdentityInput): Identity {
  if (input.type === 'email') {
    const value = normaliseEmail(input.value);
    if (!value) throw new ValidationError('value: expected an email address', 'value');
    return { kind: 'email', value };
  }
  if (input.type === 'phone') {
    const value = normalisePhone(input.value);
    if (!value) throw new ValidationError('value: expected a phone number', 'value');
    return { kind: 'phone', value };
  }
  if (!input.source) throw new ValidationError('source: required for a handle (for example "bluesky")', 'source');
  const value = normaliseHandle(input.source, input.value);
  if (!value) throw new ValidationError('value: expected a handle without spaces', 'value');
  return { kind: 'handle', value };
}

/** A customer as the API shows it: the profile, their feedback (newest first) and their orders. */
export interface CustomerView {
  customer: Omit<CustomerProfile, 'mergedInto' | 'mergedFrom'>;
  feedback: FeedbackRecord[];
  orders: Order[];
}


async function requireProfile(customerId: string, deps: Pick<Deps, 'customers'>): Promise<CustomerProfile> {
  const profile = await deps.customers.get(customerId);
  if (!profile) throw new NotFoundError(`no customer ${customerId}`);
  return profile;
}

/** The customer with their history. */
export async function viewCustomer(customerId: string, deps: Pick<Deps, 'customers' | 'feedback' | 'orders'>): Promise<CustomerView> {
  const profile = await requireProfile(customerId, deps);
  const feedback = await deps.feedback.listByCustomer(profile.customerId, 100);
  const orders = (await Promise.all(profile.orderIds.slice(0, 100).map((id) => deps.orders.get(id)))).filter((o): o is Order => Boolean(o));
  const { mergedInto: _into, mergedFrom: _from, ...customer } = profile;
  return { customer, feedback, orders };
}

/** Finds a customer by an identity (email, phone or handle). */
export async function findCustomer(identity: Identity, deps: Pick<Deps, 'customers'>): Promise<string> {
  const owner = (await deps.customers.findByIdentities([identity])).values().next().value;
  const profile = owner ? await deps.customers.get(owner) : undefined;
  if (!profile) throw new NotFoundError('no customer with that identity');
  return profile.customerId;
}

/**
 * Links an identity to a customer by hand. If another customer already has it, the two are the
 * same person: they merge, histories and all.
 */
export async function linkIdentity(customerId: string, identity: Identity, deps: Pick<Deps, 'customers' | 'feedback' | 'now'>): Promise<CustomerProfile> {
  const profile = await requireProfile(customerId, deps);
  const known = (await deps.customers.findByIdentities([identity])).get(identityKey(identity));
  const owner = known ?? (await deps.customers.claimIdentity(identity, profile.customerId));
  const ownerProfile = owner === profile.customerId ? profile : await deps.customers.get(owner);
  if (ownerProfile && ownerProfile.customerId !== profile.customerId) {
    await deps.customers.setIdentity(identity, profile.customerId);
    await mergeCustomers(profile.customerId, ownerProfile.customerId, deps);
  }
  await deps.customers.addIdentities(profile.customerId, [identity], undefined, deps.now());
  return requireProfile(profile.customerId, deps);
}

/** What an erasure removed. */
export interface Erasure {
  customerId: string;
  removed: { profiles: number; identities: number; feedback: number; orders: number; alerts: number; rawInputs: number; topicEntries: number; cases: number; promises: number; checkIns: number };
}

/**
 * Erases a customer's personal data everywhere it is stored: profile, complaint list and
 * identities, feedback and the raw inputs archived for it, the alerts that quote it (found by their
 * deterministic keys, including hourly batches and recurring-problem alerts), topic entries,
 * cases with their timelines, orders and survey links.
 */
export async function eraseCustomer(
  customerId: string,
  deps: Pick<Deps, 'customers' | 'feedback' | 'archive' | 'stats' | 'alerts' | 'orders' | 'cases' | 'config'> & { promises?: PromiseRepository; checkIns?: CheckInRepository },
): Promise<Erasure> {
  const profile = await requireProfile(customerId, deps);
  const removed: Erasure['removed'] = { profiles: 1 + (profile.mergedFrom?.length ?? 0), identities: 0, feedback: 0, orders: 0, alerts: 0, rawInputs: 0, topicEntries: 0, cases: 0, promises: 0, checkIns: 0 };
  const items: FeedbackRecord[] = [];
  for (;;) {
    const page = await deps.feedback.listByCustomer(profile.customerId, 100);
    const fresh = page.filter((f) => !items.some((seen) => seen.id === f.id));
    if (!fresh.length) break;
    for (const item of fresh) {
      items.push(item);
      if (item.rawKey) {
        await deps.archive.delete(item.rawKey);
        removed.rawInputs += 1;
      }
      await deps.feedback.delete(item.id);
      removed.feedback += 1;
    }
  }
  const ids = new Set(items.map((f) => f.id));
  const candidates = new Set<string>();
  for (const item of items) for (const key of alertKeysOf(item.id, item.customerId ?? profile.customerId)) candidates.add(key);
  // Recurring-problem alerts are keyed by the complaint that crossed the threshold, within the
  // window after one of this customer's complaints: their ids are in the topic's day items.
  const timeZone = deps.config.business.timeZone;
  for (const item of items.filter((f) => f.complaint)) {
    const day = localDate(new Date(item.receivedAt), timeZone);
    const days = Array.from({ length: deps.config.alerts.recurringTopicWindowDays }, (_, i) => addDays(day, i));
    for (const topic of item.classification.topics) {
      for (const topicDay of await deps.stats.topicDays(topic, days)) for (const id of topicDay.ids) candidates.add(`recurring:${topic}:${id}`);
      removed.topicEntries += await deps.stats.forgetTopic(topic, days, [...ids]);
    }
  }
  for (const key of candidates) {
    const alert = await deps.alerts.get(key);
    if (!alert) continue;
    if (key.startsWith('recurring:') && !alert.feedbackIds.some((id) => ids.has(id))) continue;
    if (alert.messageId?.startsWith('batch:')) {
      await deps.alerts.delete(alert.messageId);
      removed.alerts += 1;
    }
    await deps.alerts.delete(key);
    removed.alerts += 1;
  }
  // Every order counted for the customer (the profile lists only the first ones).
  const orderIds = new Set(profile.orderIds);
  for (const customerId of [profile.customerId, ...(profile.mergedFrom ?? [])]) for (const orderId of await deps.customers.orderIdsOf(customerId)) orderIds.add(orderId);
  for (const orderId of orderIds) {
    const order = await deps.orders.get(orderId);
    if (!order) continue;
    await deps.orders.delete(order);
    removed.orders += 1;
  }
  // Cases quote the customer: remove them with their timelines and search entries.
  const cases = new Map((await deps.cases.find({ kind: 'customer', value: profile.customerId }, 100)).map((c) => [c.caseId, c]));
  for (const caseId of new Set(items.map((f) => f.caseId).filter((id): id is string => Boolean(id)))) {
    if (!cases.has(caseId)) {
      const record = await deps.cases.get(caseId);
      if (record) cases.set(caseId, record);
    }
  }
  const finders = [...cases.values()].flatMap((c) => caseFinders(c));
  // The cases' promises and check-ins (the check-in emails and "not put right" alerts quote the customer).
  if (deps.checkIns) {
    for (const caseId of cases.keys()) {
      for (const checkIn of await deps.checkIns.listForCase(caseId)) {
        for (const key of [checkInKey(caseId, checkIn.handling), `not-put-right:${caseId}:${checkIn.handling}`]) {
          if (!(await deps.alerts.get(key))) continue;
          await deps.alerts.delete(key);
          removed.alerts += 1;
        }
      }
    }
    removed.checkIns = await deps.checkIns.erase([...cases.keys()]);
  }
  if (deps.promises) removed.promises = await deps.promises.erase([...cases.keys()]);
  removed.cases = await deps.cases.erase([...cases.keys()], finders);
  removed.identities = await deps.customers.erase(profile);
  return { customerId: profile.customerId, removed };
}
