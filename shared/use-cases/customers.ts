import { customerIdFor, identityKey, type Identity } from '#shared/domain/identity.ts';
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
  const profiles = new Map<string, CustomerProfile>();
  const load = async (id: string) => {
    const profile = await deps.customers.get(id);
    if (profile) profiles.set(profile.customerId, profile);
    return profile;
  };
  for (const id of new Set(owners.values())) await load(id);
  let created = false;
  let customerId = oldest([...profiles.values()]);
  if (!customerId) {
    // A new customer's id comes from their first identity, so concurrent first items converge and
    // that identity needs no lookup item of its own.
    customerId = customerIdFor(identities[0]!);
    const of = (kind: Identity['kind']) => identities.filter((i) => i.kind === kind).map((i) => i.value);
    const profile: CustomerProfile = {
      customerId,
      ...(name ? { name } : {}),
      emails: of('email'),
      phones: of('phone'),
      handles: of('handle'),
      orderIds: of('order'),
      orderCount: 0,
      orderValue: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    if (await deps.customers.create(profile)) profiles.set(customerId, profile);
    created = true;
  }
  const fresh = identities.filter((identity) => !owners.has(identityKey(identity)));
  for (const identity of fresh) {
    if (created && customerIdFor(identity) === customerId) continue;
    const owner = await deps.customers.claimIdentity(identity, customerId);
    if (owner !== customerId && !profiles.has(owner)) await load(owner);
  }
  if (!profiles.has(customerId)) await load(customerId);
  const survivor = oldest([...profiles.values()]) ?? customerId;
  let changed = false;
  for (const other of profiles.keys()) {
    if (other === survivor) continue;
    await mergeCustomers(survivor, other, deps);
    changed = true;
  }
  const current = profiles.get(survivor);
  if (changed || (fresh.length && !created) || (name && !current?.name)) {
    await deps.customers.addIdentities(survivor, identities, name, now);
    return deps.customers.get(survivor);
  }
  return current;
}

/** Merges `from` into `into`: identities, orders, value, remembered complaints and feedback history. */
export async function mergeCustomers(into: string, from: string, deps: ResolveDeps): Promise<void> {
  const source = await deps.customers.get(from);
  if (!source || source.customerId === into) return;
  if (!(await deps.customers.markMerged(source.customerId, into))) return;
  await deps.customers.absorb(into, source);
  await deps.feedback.reassignCustomer(source.customerId, into);
}

/** The oldest profile's id (ties broken by id), so every resolver picks the same survivor. */
function oldest(profiles: CustomerProfile[]): string | undefined {
  return [...profiles].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.customerId.localeCompare(b.customerId))[0]?.customerId;
}
