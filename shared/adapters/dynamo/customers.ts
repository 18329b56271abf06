import { MAX_PROFILE_ORDER_IDS, MAX_REMEMBERED_COMPLAINTS, MAX_REMEMBERED_COMPLAINT_IDS, type ComplaintEntry, type CustomerProfile } from '#shared/domain/customer.ts';
import { customerIdFor, identityKey, type Identity } from '#shared/domain/identity.ts';
import type { CustomerRepository } from '#shared/ports/store.ts';
import { isConditionFailure, TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { CUSTOMER, CUSTOMER_COMPLAINTS, CUSTOMER_ORDER, IDENTITY, TABLE } from '#shared/adapters/dynamo/table.ts';
import { templatePrefix } from '#shared/adapters/dynamo/entity.ts';
import type { Item } from '#shared/adapters/dynamo/entity.ts';

const SET_FIELDS = { email: 'emails', phone: 'phones', handle: 'handles' } as const;

const profileKey = (customerId: string) => CUSTOMER.key({ customerId });
const complaintsKey = (customerId: string) => CUSTOMER_COMPLAINTS.key({ customerId });
const identityItemKey = (identity: Identity) => IDENTITY.key({ identity: identityKey(identity) });

function toProfile(item: Item): CustomerProfile {
  const { countedOrders: _counted, updatedAt, ...stored } = CUSTOMER.decode(item);
  return { ...stored, updatedAt: updatedAt ?? stored.createdAt };
}

function identitiesOf(profile: CustomerProfile): Identity[] {
  return [
    ...profile.emails.map((value) => ({ kind: 'email' as const, value })),
    ...profile.phones.map((value) => ({ kind: 'phone' as const, value })),
    ...profile.handles.map((value) => ({ kind: 'handle' as const, value })),
    ...profile.orderIds.map((value) => ({ kind: 'order' as const, value })),
  ];
}

/**
 * Customer profiles, their complaint lists and the identities that lead to them. Identities are
 * items of their own (`IDENTITY#email#…`), so an incoming item finds its customer by key lookups
 * alone; complaints are appended with one conditional update, which serialises concurrent
 * complaints from one customer.
 */
export class DynamoCustomerRepository extends TableRepository implements CustomerRepository {
  private expiresAt(now: Date): number {
    return CUSTOMER.ttl({ updatedAt: now.toISOString() }, this.context)!;
  }

  async findByIdentities(identities: Identity[]): Promise<Map<string, string>> {
    // An identity leads to a customer through its identity item, or, for the identity a customer
    // was first seen with, through the profile whose id derives from it (no identity item needed).
    const found = new Map<string, string>();
    const derived = new Map<string, string>();
    const keys = identities.flatMap((identity) => {
      const id = customerIdFor(identity);
      derived.set(id, identityKey(identity));
      return [identityItemKey(identity), profileKey(id)];
    });
    const viaProfile = new Map<string, string>();
    for (const item of await this.readMany(keys, 'pk, sk, customerId')) {
      const customerId = String(item.customerId);
      if (IDENTITY.matches(item)) found.set(String(item[TABLE.partitionKey]).slice(IDENTITY.partition({ identity: '' }).length), customerId);
      else viaProfile.set(derived.get(customerId) ?? '', customerId);
    }
    for (const [key, customerId] of viaProfile) if (key && !found.has(key)) found.set(key, customerId);
    return found;
  }

  async get(customerId: string): Promise<CustomerProfile | undefined> {
    let id = customerId;
    for (let hops = 0; hops < 10; hops += 1) {
      const item = await this.read(profileKey(id));
      if (!item) return undefined;
      const profile = toProfile(item);
      if (!profile.mergedInto) return profile;
      id = profile.mergedInto;
    }
    throw new Error(`customer ${customerId}: merge chain too long`);
  }

  create(profile: CustomerProfile): Promise<boolean> {
    const sets = Object.fromEntries(
      (['emails', 'phones', 'handles', 'orderIds'] as const).filter((field) => profile[field].length > 0).map((field) => [field, new Set(profile[field])]),
    );
    return this.writeNew(
      CUSTOMER.item(
        { customerId: profile.customerId },
        {
          customerId: profile.customerId,
          ...(profile.name ? { name: profile.name } : {}),
          ...sets,
          orderCount: 0,
          orderValue: 0,
          createdAt: profile.createdAt,
          updatedAt: profile.updatedAt,
        },
        { context: this.context },
      ),
    );
  }

  async claimIdentity(identity: Identity, customerId: string): Promise<string> {
    const claimed = await this.writeIf(IDENTITY.item({ identity: identityKey(identity) }, { customerId, kind: identity.kind }), 'attribute_not_exists(pk) OR customerId = :id', {
      ':id': customerId,
    });
    if (claimed) return customerId;
    const existing = await this.read(identityItemKey(identity));
    return existing ? IDENTITY.decode(existing).customerId : customerId;
  }

  async setIdentity(identity: Identity, customerId: string): Promise<void> {
    await this.write(IDENTITY.item({ identity: identityKey(identity) }, { customerId, kind: identity.kind }));
  }

  async addIdentities(customerId: string, identities: Identity[], name: string | undefined, now: Date): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':now': now.toISOString(), ':ttl': this.expiresAt(now) };
    const adds: string[] = [];
    for (const kind of Object.keys(SET_FIELDS) as Array<keyof typeof SET_FIELDS>) {
      const members = identities.filter((i) => i.kind === kind).map((i) => i.value);
      if (!members.length) continue;
      names[`#${kind}`] = SET_FIELDS[kind];
      values[`:${kind}`] = new Set(members);
      adds.push(`#${kind} :${kind}`);
    }
    const sets = ['updatedAt = :now', `${TABLE.ttlAttribute} = :ttl`];
    if (name) {
      names['#name'] = 'name';
      values[':name'] = name;
      sets.push('#name = if_not_exists(#name, :name)');
    }
    await this.update({
      Key: profileKey(customerId),
      UpdateExpression: `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    });
    // The profile lists its first orders only (each order has its identity and order items).
    const orders = identities.filter((i) => i.kind === 'order').map((i) => i.value);
    if (orders.length) {
      await this.updateIf({
        Key: profileKey(customerId),
        UpdateExpression: 'ADD orderIds :orders',
        ConditionExpression: 'attribute_not_exists(orderIds) OR size(orderIds) < :max',
        ExpressionAttributeValues: { ':orders': new Set(orders), ':max': MAX_PROFILE_ORDER_IDS },
      });
    }
  }

  async addOrder(customerId: string, orderId: string, total: number | undefined, currency: string | undefined): Promise<boolean> {
    // The order's own item marks it counted (pending until the profile's count includes it), so
    // the profile holds no list that grows with every order. A retry after a crash between the two
    // finds the pending mark and finishes the count.
    const marker = CUSTOMER_ORDER.key({ customerId, orderId });
    const placed = await this.writeNew(CUSTOMER_ORDER.item({ customerId, orderId }, { orderId, at: new Date().toISOString(), counted: false }, { context: this.context }));
    if (!placed) {
      const existing = await this.read(marker);
      if (existing && CUSTOMER_ORDER.decode(existing).counted !== false) return false;
    }
    let updated: Item | undefined;
    try {
      updated = await this.update({
        Key: profileKey(customerId),
        UpdateExpression: `ADD orderCount :one, orderValue :total${currency ? ' SET currency = if_not_exists(currency, :currency)' : ''}`,
        // Profiles written before order items kept the ids they counted in a set: counted there, not again.
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(countedOrders) OR NOT contains(countedOrders, :orderId))',
        ExpressionAttributeValues: {
          ':one': 1,
          ':total': total ?? 0,
          ':orderId': orderId,
          ...(currency ? { ':currency': currency } : {}),
        },
        ReturnValues: 'ALL_NEW',
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const profile = await this.read(profileKey(customerId), 'pk');
      if (profile) await this.update({ Key: marker, UpdateExpression: 'REMOVE counted' });
      else await this.remove(marker);
      return false;
    }
    await this.update({ Key: marker, UpdateExpression: 'REMOVE counted' });
    // Index the profile by its total order value (zero-padded cents sort as strings).
    const value = updated ? CUSTOMER.decode(updated).orderValue : 0;
    const entry = CUSTOMER.indexEntry('byValue', { valueCents: String(Math.round(value * 100)).padStart(15, '0') });
    const [[pkName, pk], [skName, sk]] = Object.entries(entry) as [[string, string], [string, string]];
    await this.updateIf({
      Key: profileKey(customerId),
      UpdateExpression: `SET ${pkName} = :pk, ${skName} = :sk`,
      ConditionExpression: 'attribute_not_exists(mergedInto)',
      ExpressionAttributeValues: { ':pk': pk, ':sk': sk },
    });
    return true;
  }

  async topByValue(limit: number): Promise<CustomerProfile[]> {
    const index = CUSTOMER.physicalIndex('byValue');
    const { items } = await this.query({
      IndexName: index.name,
      KeyConditionExpression: `${index.partitionKey} = :pk`,
      ExpressionAttributeValues: { ':pk': CUSTOMER.indexPartition('byValue', {}) },
      ScanIndexForward: false,
      Limit: limit,
    });
    return items.map(toProfile);
  }

  async appendComplaint(customerId: string, entry: ComplaintEntry): Promise<ComplaintEntry[]> {
    let updated: Item | undefined;
    try {
      updated = await this.update({
        Key: complaintsKey(customerId),
        UpdateExpression: `SET entries = list_append(if_not_exists(entries, :empty), :entry), recentIds = list_append(if_not_exists(recentIds, :empty), :ids), ${TABLE.ttlAttribute} = :ttl ADD version :one`,
        ConditionExpression: '(attribute_not_exists(recentIds) OR NOT contains(recentIds, :id)) AND (attribute_not_exists(ids) OR NOT contains(ids, :id))',
        ExpressionAttributeValues: {
          ':entry': [entry],
          ':empty': [],
          ':ids': [entry.id],
          ':id': entry.id,
          ':one': 1,
          ':ttl': CUSTOMER_COMPLAINTS.ttl({ at: entry.at }, this.context),
        },
        ReturnValues: 'ALL_NEW',
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Delivered before: the list already holds it, in the place it got then.
      const complaints = await this.complaints(customerId);
      return complaints.some((c) => c.id === entry.id) ? complaints : [...complaints, entry];
    }
    const entries = updated ? CUSTOMER_COMPLAINTS.decode(updated).entries : [];
    await this.trimComplaints(customerId, updated);
    return entries;
  }

  /**
   * Keeps the latest entries and ids of a complaint list: removes the overflow only from the version
   * it saw (every append and trim bumps it; a trim that lost the race to another reads again),
   * so simultaneous complaints never remove more than the overflow.
   */
  private async trimComplaints(customerId: string, seen: Item | undefined): Promise<void> {
    let item = seen;
    for (let attempt = 0; item && attempt < 8; attempt += 1) {
      const { entries, recentIds, version } = CUSTOMER_COMPLAINTS.decode(item);
      // Highest index first: the same removal whether indexes are applied together or one by one.
      const overflow = (name: string, count: number) => Array.from({ length: Math.max(0, count) }, (_, i) => `${name}[${count - 1 - i}]`);
      const paths = [...overflow('entries', entries.length - MAX_REMEMBERED_COMPLAINTS), ...overflow('recentIds', recentIds.length - MAX_REMEMBERED_COMPLAINT_IDS)];
      if (paths.length === 0) return;
      const trimmed = await this.updateIf({
        Key: complaintsKey(customerId),
        UpdateExpression: `REMOVE ${paths.join(', ')} ADD version :one`,
        ConditionExpression: 'version = :seen',
        ExpressionAttributeValues: { ':seen': version, ':one': 1 },
      });
      if (trimmed) return;
      item = await this.read(complaintsKey(customerId));
    }
  }

  async complaints(customerId: string): Promise<ComplaintEntry[]> {
    const item = await this.read(complaintsKey(customerId));
    return item ? CUSTOMER_COMPLAINTS.decode(item).entries : [];
  }

  async markMerged(from: string, into: string): Promise<boolean> {
    const index = CUSTOMER.physicalIndex('byValue');
    return this.updateIf({
      Key: profileKey(from),
      UpdateExpression: `SET mergedInto = :into REMOVE ${index.partitionKey}, ${index.sortKey}`,
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(mergedInto)',
      ExpressionAttributeValues: { ':into': into },
    });
  }

  async absorb(into: string, from: CustomerProfile): Promise<void> {
    const identities = identitiesOf(from);
    for (const identity of identities) await this.setIdentity(identity, into);
    await this.addIdentities(into, identities, from.name, new Date());
    await this.update({
      Key: profileKey(into),
      UpdateExpression: 'ADD orderCount :count, orderValue :value, mergedFrom :from',
      ExpressionAttributeValues: {
        ':from': new Set([from.customerId, ...(from.mergedFrom ?? [])]),
        ':count': from.orderCount,
        ':value': from.orderValue,
      },
    });
    const theirs = await this.complaints(from.customerId);
    if (!theirs.length) return;
    const merged = new Map<string, ComplaintEntry>();
    for (const complaint of [...(await this.complaints(into)), ...theirs]) merged.set(complaint.id, complaint);
    const entries = [...merged.values()].sort((a, b) => a.at.localeCompare(b.at)).slice(-MAX_REMEMBERED_COMPLAINTS);
    const [ours, others] = await Promise.all([this.read(complaintsKey(into)), this.read(complaintsKey(from.customerId))]);
    const idsOf = (item: Item | undefined) => (item ? [...(CUSTOMER_COMPLAINTS.decode(item).recentIds ?? [])] : []);
    const recentIds = [...new Set([...idsOf(ours), ...idsOf(others), ...entries.map((c) => c.id)])].slice(-MAX_REMEMBERED_COMPLAINT_IDS);
    await this.write(CUSTOMER_COMPLAINTS.item({ customerId: into }, { entries, recentIds }, { context: this.context }));
    await this.remove(complaintsKey(from.customerId));
  }

  async orderIdsOf(customerId: string): Promise<string[]> {
    const prefix = templatePrefix(CUSTOMER_ORDER.declaration.sk);
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': CUSTOMER_ORDER.partition({ customerId }), ':prefix': prefix },
    });
    return items.map((item) => CUSTOMER_ORDER.decode(item).orderId);
  }

  async erase(profile: CustomerProfile): Promise<number> {
    // Every order of the profile and of the profiles merged into it, not only those it lists.
    const orderIds = new Set(profile.orderIds);
    for (const customerId of [profile.customerId, ...(profile.mergedFrom ?? [])]) {
      for (const orderId of await this.orderIdsOf(customerId)) {
        orderIds.add(orderId);
        await this.remove(CUSTOMER_ORDER.key({ customerId, orderId }));
      }
    }
    const identities = [...identitiesOf({ ...profile, orderIds: [] }), ...[...orderIds].map((value) => ({ kind: 'order' as const, value }))];
    for (const identity of identities) {
      await this.remove(identityItemKey(identity), { expression: 'attribute_not_exists(pk) OR customerId = :id', values: { ':id': profile.customerId } });
    }
    for (const customerId of [profile.customerId, ...(profile.mergedFrom ?? [])]) {
      await this.remove(profileKey(customerId));
      await this.remove(complaintsKey(customerId));
    }
    return identities.length;
  }
}
