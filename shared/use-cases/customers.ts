import { identityDigest, identityKey, type Identity } from '#shared/domain/identity.ts';
import type { CustomerProfile } from '#shared/domain/customer.ts';
import type { CustomerRepository, FeedbackRepository } from '#shared/ports/store.ts';

/** What resolving needs: the customer store, the feedback store (histories move on a merge), a clock. */
export interface ResolveDeps {
  customers: CustomerRepository;
  feedback: FeedbackRepository;
  now: () => Date;
}

/**
 * Finds the customer an item belongs to by any identity it carries, creating a profile for a new
 * customer and linking every new identity. When the identities lead to more than one profile, the
 * profiles merge (the oldest survives) and their histories with them. Returns the surviving profile.
 */
export async function resolveCustomer(
  identities: Identity[],
  name: string | undefined,
  deps: ResolveDeps,
): Promise<CustomerProfile | undefined> {
  if (identities.length === 0) return undefined;
  const now = deps.now();
  const owners = await deps.customers.findByIdentities(identities);
  const candidates = new Set<string>();
  for (const id of owners.values()) {
    const profile = await deps.customers.get(id);
    if (profile) candidates.add(profile.customerId);
  }
  // A new customer's id comes from their first identity, so concurrent first items converge.
  const customerId = candidates.size ? await oldest([...candidates], deps.customers) : `c_${identityDigest(identities[0]!)}`;
  if (!candidates.size) {
    await deps.customers.create({
      customerId,
      emails: [],
      phones: [],
      handles: [],
      orderIds: [],
      orderCount: 0,
      orderValue: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      complaints: [],
    });
  }
  for (const identity of identities) {
    if (owners.has(identityKey(identity))) continue;
    const owner = await deps.customers.claimIdentity(identity, customerId);
    if (owner !== customerId) candidates.add((await deps.customers.get(owner))?.customerId ?? owner);
  }
  candidates.add(customerId);
  const survivor = await oldest([...candidates], deps.customers);
  for (const other of candidates) {
    if (other !== survivor) await mergeCustomers(survivor, other, deps);
  }
  await deps.customers.addIdentities(survivor, identities, name, now);
  return deps.customers.get(survivor);
}

/** Merges `from` into `into`: identities, orders, value, remembered complaints and feedback history. */
export async function mergeCustomers(into: string, from: string, deps: ResolveDeps): Promise<void> {
  const source = await deps.customers.get(from);
  if (!source || source.customerId === into) return;
  if (!(await deps.customers.markMerged(source.customerId, into))) return;
  await deps.customers.absorb(into, source);
  await deps.feedback.reassignCustomer(source.customerId, into);
}

async function oldest(ids: string[], customers: CustomerRepository): Promise<string> {
  const profiles = (await Promise.all(ids.map((id) => customers.get(id)))).filter((p): p is CustomerProfile => Boolean(p));
  profiles.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.customerId.localeCompare(b.customerId));
  return profiles[0]?.customerId ?? ids.sort()[0]!;
}
