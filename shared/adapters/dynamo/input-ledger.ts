import type { InboundNote, InputLedger, ReconcileAttempts } from '#shared/ports/input-ledger.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { DAY_SET_ASIDE, INPUT } from '#shared/adapters/dynamo/table.ts';
import { templatePrefix } from '#shared/adapters/dynamo/entity.ts';

/** One small item per archived input that needed a note, expiring with the retention. */
export class DynamoInputLedger extends TableRepository implements InputLedger {
  private ttl(at: Date): number {
    return INPUT.ttl({ at: at.toISOString() }, this.context)!;
  }

  async noteInbound(key: string, note: InboundNote, at: Date): Promise<void> {
    await this.update({
      Key: INPUT.key({ rawKey: key }),
      UpdateExpression: 'SET inbound = :note, #at = :at, expiresAt = :ttl',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':note': { id: note.id, outcome: note.outcome }, ':at': at.toISOString(), ':ttl': this.ttl(at) },
    });
  }

  async entries(rawKeys: string[]): Promise<Map<string, { inbound?: InboundNote; attempts?: ReconcileAttempts }>> {
    const found = new Map<string, { inbound?: InboundNote; attempts?: ReconcileAttempts }>();
    const unique = [...new Set(rawKeys)];
    const prefix = templatePrefix(INPUT.declaration.pk);
    for (const item of await this.readMany(unique.map((rawKey) => INPUT.key({ rawKey })))) {
      const key = String(item.pk).slice(prefix.length);
      const entry = INPUT.decode(item);
      found.set(key, {
        ...(entry.inbound ? { inbound: entry.inbound } : {}),
        ...(entry.attempts ? { attempts: { attempts: entry.attempts, lastAttemptAt: String(entry.lastAttemptAt) } } : {}),
      });
    }
    return found;
  }

  async noteAttempt(key: string, at: Date): Promise<void> {
    await this.update({
      Key: INPUT.key({ rawKey: key }),
      UpdateExpression: 'SET lastAttemptAt = :at, #at = :at, expiresAt = :ttl ADD attempts :one',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':at': at.toISOString(), ':ttl': this.ttl(at), ':one': 1 },
    });
  }

  async setAsideIds(days: string[]): Promise<Set<string>> {
    const ids = new Set<string>();
    const prefix = templatePrefix(DAY_SET_ASIDE.declaration.sk);
    for (const day of days) {
      const items = await this.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': DAY_SET_ASIDE.partition({ day }), ':prefix': prefix },
        ProjectionExpression: 'sk',
      });
      for (const item of items) ids.add(String(item.sk).slice(prefix.length));
    }
    return ids;
  }
}
