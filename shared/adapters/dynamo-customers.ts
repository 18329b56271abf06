import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { MAX_REMEMBERED_COMPLAINTS, type ComplaintEntry, type CustomerProfile } from '#shared/domain/customer.ts';
import { customerIdFor, identityKey, type Identity } from '#shared/domain/identity.ts';
import type { CustomerRepository } from '#shared/ports/store.ts';

/** Keys of customer items in the single table. */
export const customerKeys = {
  profile: (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: '#PROFILE' }),
  complaints: (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: '#COMPLAINTS' }),
  identity: (identity: Identity) => ({ pk: `IDENTITY#${identityKey(identity)}`, sk: '#IDENTITY' }),
};

/** gsi2 partition listing live profiles by total order value. */
const VALUE_INDEX = 'CUSTOMERS#BY-VALUE';

const SET_FIELDS = { email: 'emails', phone: 'phones', handle: 'handles', order: 'orderIds' } as const;

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

function toArray(value: unknown): string[] {
  if (value instanceof Set) return [...value].map(String).sort();
  return Array.isArray(value) ? value.map(String) : [];
}

function toProfile(item: Record<string, unknown>): CustomerProfile {
  return {
    customerId: String(item.customerId),
    ...(item.name ? { name: String(item.name) } : {}),
    emails: toArray(item.emails),
    phones: toArray(item.phones),
    handles: toArray(item.handles),
    orderIds: toArray(item.orderIds),
    orderCount: Number(item.orderCount ?? 0),
    orderValue: Number(item.orderValue ?? 0),
    ...(item.currency ? { currency: String(item.currency) } : {}),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt ?? item.createdAt),
    ...(item.mergedInto ? { mergedInto: String(item.mergedInto) } : {}),
    mergedFrom: toArray(item.mergedFrom),
  };
}

/**
 * Customer profiles in DynamoDB. Identities are items of their own (`IDENTITY#email#…`), so an
 * incoming item finds its customer by key lookups alone; complaints are appended to the profile
 * with one conditional update, which serialises concurrent complaints from one customer.
 */
export class DynamoCustomerRepository implements CustomerRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
  ) {}

  private expiresAt(now: Date): number {
    return Math.floor(now.getTime() / 1000) + this.retentionDays * 86_400;
  }

  async findByIdentities(identities: Identity[]): Promise<Map<string, string>> {
    // An identity leads to a customer through its identity item, or, for the identity a customer
    // was first seen with, through the profile whose id derives from it (no identity item needed).
    const found = new Map<string, string>();
    const derived = new Map<string, string>();
    const keysToRead: Array<Record<string, string>> = [];
    for (const identity of identities) {
      keysToRead.push(customerKeys.identity(identity));
      const id = customerIdFor(identity);
      derived.set(id, identityKey(identity));
      keysToRead.push(customerKeys.profile(id));
    }
    const viaProfile = new Map<string, string>();
    for (let i = 0; i < keysToRead.length; i += 100) {
      let request: Record<string, { Keys: Array<Record<string, string>>; ProjectionExpression: string }> | undefined = {
        [this.tableName]: { Keys: keysToRead.slice(i, i + 100), ProjectionExpression: 'pk, customerId' },
      };
      for (let attempt = 0; request && Object.keys(request).length > 0 && attempt < 5; attempt += 1) {
        const result = await this.client.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of result.Responses?.[this.tableName] ?? []) {
          const pk = String(item.pk);
          if (pk.startsWith('IDENTITY#')) found.set(pk.slice('IDENTITY#'.length), String(item.customerId));
          else viaProfile.set(derived.get(String(item.customerId)) ?? '', String(item.customerId));
        }
        request = result.UnprocessedKeys as typeof request;
      }
    }
    for (const [key, customerId] of viaProfile) if (key && !found.has(key)) found.set(key, customerId);
    return found;
  }

  async get(customerId: string): Promise<CustomerProfile | undefined> {
    let id = customerId;
    for (let hops = 0; hops < 10; hops += 1) {
      const result = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: customerKeys.profile(id), ConsistentRead: true }),
      );
      if (!result.Item) return undefined;
      const profile = toProfile(result.Item);
      if (!profile.mergedInto) return profile;
      id = profile.mergedInto;
    }
    throw new Error(`customer ${customerId}: merge chain too long`);
  }

  async create(profile: CustomerProfile): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...customerKeys.profile(profile.customerId),
            entity: 'customer',
            customerId: profile.customerId,
            ...(profile.name ? { name: profile.name } : {}),
            ...Object.fromEntries(
              (['emails', 'phones', 'handles', 'orderIds'] as const)
                .filter((field) => profile[field].length > 0)
                .map((field) => [field, new Set(profile[field])]),
            ),
            orderCount: 0,
            orderValue: 0,
            createdAt: profile.createdAt,
            updatedAt: profile.updatedAt,
            expiresAt: this.expiresAt(new Date(profile.updatedAt)),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  async claimIdentity(identity: Identity, customerId: string): Promise<string> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...customerKeys.identity(identity), entity: 'identity', customerId, kind: identity.kind },
          ConditionExpression: 'attribute_not_exists(pk) OR customerId = :id',
          ExpressionAttributeValues: { ':id': customerId },
        }),
      );
      return customerId;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: customerKeys.identity(identity), ConsistentRead: true }),
      );
      return String(existing.Item?.customerId ?? customerId);
    }
  }

  async setIdentity(identity: Identity, customerId: string): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...customerKeys.identity(identity), entity: 'identity', customerId, kind: identity.kind },
      }),
    );
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
    const sets = ['updatedAt = :now', 'expiresAt = :ttl'];
    if (name) {
      names['#name'] = 'name';
      values[':name'] = name;
      sets.push('#name = if_not_exists(#name, :name)');
    }
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: customerKeys.profile(customerId),
        UpdateExpression: `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      }),
    );
  }

  async addOrder(customerId: string, orderId: string, total: number | undefined, currency: string | undefined): Promise<boolean> {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: customerKeys.profile(customerId),
          UpdateExpression: `ADD orderCount :one, orderValue :total, countedOrders :order${currency ? ' SET currency = if_not_exists(currency, :currency)' : ''}`,
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(countedOrders) OR NOT contains(countedOrders, :orderId))',
          ExpressionAttributeValues: {
            ':one': 1,
            ':total': total ?? 0,
            ':order': new Set([orderId]),
            ':orderId': orderId,
            ...(currency ? { ':currency': currency } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      // Index the profile by its total order value (zero-padded cents sort as strings).
      const value = Number(result.Attributes?.orderValue ?? 0);
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: customerKeys.profile(customerId),
          UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk',
          ConditionExpression: 'attribute_not_exists(mergedInto)',
          ExpressionAttributeValues: { ':pk': VALUE_INDEX, ':sk': String(Math.round(value * 100)).padStart(15, '0') },
        }),
      ).catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  async topByValue(limit: number): Promise<CustomerProfile[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': VALUE_INDEX },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(toProfile);
  }

  async appendComplaint(customerId: string, entry: ComplaintEntry): Promise<ComplaintEntry[]> {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: customerKeys.complaints(customerId),
          UpdateExpression: 'SET entries = list_append(if_not_exists(entries, :empty), :entry), expiresAt = :ttl ADD ids :id',
          ConditionExpression: 'attribute_not_exists(ids) OR NOT contains(ids, :idValue)',
          ExpressionAttributeValues: {
            ':entry': [entry],
            ':empty': [],
            ':id': new Set([entry.id]),
            ':idValue': entry.id,
            ':ttl': this.expiresAt(new Date(entry.at)),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const entries = (result.Attributes?.entries as ComplaintEntry[] | undefined) ?? [];
      if (entries.length > MAX_REMEMBERED_COMPLAINTS) {
        const paths = Array.from({ length: entries.length - MAX_REMEMBERED_COMPLAINTS }, (_, i) => `entries[${i}]`).join(', ');
        await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: customerKeys.complaints(customerId), UpdateExpression: `REMOVE ${paths}` }));
      }
      return entries;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Delivered before: the list already holds it, in the place it got then.
      const complaints = await this.complaints(customerId);
      return complaints.some((c) => c.id === entry.id) ? complaints : [...complaints, entry];
    }
  }

  async complaints(customerId: string): Promise<ComplaintEntry[]> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: customerKeys.complaints(customerId), ConsistentRead: true }),
    );
    return (result.Item?.entries as ComplaintEntry[] | undefined) ?? [];
  }

  async markMerged(from: string, into: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: customerKeys.profile(from),
          UpdateExpression: 'SET mergedInto = :into REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(mergedInto)',
          ExpressionAttributeValues: { ':into': into },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async absorb(into: string, from: CustomerProfile): Promise<void> {
    const identities: Identity[] = [
      ...from.emails.map((value) => ({ kind: 'email' as const, value })),
      ...from.phones.map((value) => ({ kind: 'phone' as const, value })),
      ...from.handles.map((value) => ({ kind: 'handle' as const, value })),
      ...from.orderIds.map((value) => ({ kind: 'order' as const, value })),
    ];
    for (const identity of identities) await this.setIdentity(identity, into);
    await this.addIdentities(into, identities, from.name, new Date());
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: customerKeys.profile(into),
        UpdateExpression: 'ADD orderCount :count, orderValue :value, mergedFrom :from',
        ExpressionAttributeValues: {
          ':from': new Set([from.customerId, ...(from.mergedFrom ?? [])]),
          ':count': from.orderCount,
          ':value': from.orderValue,
        },
      }),
    );
    const theirs = await this.complaints(from.customerId);
    if (!theirs.length) return;
    const merged = new Map<string, ComplaintEntry>();
    for (const complaint of [...(await this.complaints(into)), ...theirs]) merged.set(complaint.id, complaint);
    const entries = [...merged.values()].sort((a, b) => a.at.localeCompare(b.at)).slice(-MAX_REMEMBERED_COMPLAINTS);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...customerKeys.complaints(into), entries, ids: new Set(entries.map((c) => c.id)), expiresAt: this.expiresAt(new Date()) },
      }),
    );
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: customerKeys.complaints(from.customerId) }));
  }

  async erase(profile: CustomerProfile): Promise<number> {
    const identities: Identity[] = [
      ...profile.emails.map((value) => ({ kind: 'email' as const, value })),
      ...profile.phones.map((value) => ({ kind: 'phone' as const, value })),
      ...profile.handles.map((value) => ({ kind: 'handle' as const, value })),
      ...profile.orderIds.map((value) => ({ kind: 'order' as const, value })),
    ];
    for (const identity of identities) {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: customerKeys.identity(identity),
          ConditionExpression: 'attribute_not_exists(pk) OR customerId = :id',
          ExpressionAttributeValues: { ':id': profile.customerId },
        }),
      ).catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
    }
    for (const customerId of [profile.customerId, ...(profile.mergedFrom ?? [])]) {
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: customerKeys.profile(customerId) }));
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: customerKeys.complaints(customerId) }));
    }
    return identities.length;
  }
}
