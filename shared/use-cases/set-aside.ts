import type { SetAsideEntry } from '#shared/domain/day.ts';
import { localDate } from '#shared/domain/week.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** A string field of an unknown value, clipped, or undefined. */
function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.trim() ? value.slice(0, max) : undefined;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/**
 * Sets aside a queue message that can never be processed (it does not match the message schema):
 * kept as a rejected input of the day with its reason, whatever of its id, channel, sender,
 * subject and raw key can be read, counted, and shown in the digest, instead of being retried into
 * the dead-letter queue without a trace. Idempotent: the same message twice is noted once.
 */
export async function setAsideUnprocessable(
  body: unknown,
  problem: string,
  fallbackId: string,
  deps: Pick<Deps, 'stats' | 'config' | 'now'>,
): Promise<{ id: string; counted: boolean }> {
  const now = deps.now();
  const day = localDate(now, deps.config.business.timeZone);
  const channel = field(body, 'channel');
  const entry: SetAsideEntry = {
    id: text(field(body, 'id'), 200) ?? fallbackId,
    channel: channel === 'survey' || channel === 'email' || channel === 'social' ? channel : 'unknown',
    outcome: 'rejected',
    reason: 'invalid-message',
    detail: problem.slice(0, 300),
    ...(text(field(field(body, 'customer'), 'email'), 254) ? { sender: text(field(field(body, 'customer'), 'email'), 254)! } : {}),
    ...(text(field(field(body, 'email'), 'subject'), 200) ? { subject: text(field(field(body, 'email'), 'subject'), 200)! } : {}),
    rawKey: text(field(body, 'rawKey'), 1024) ?? '',
    at: now.toISOString(),
  };
  const counted = await deps.stats.setAside(day, entry);
  if (counted) await deps.stats.count(day, { rejected: 1, [`rejected_${entry.channel}`]: 1 });
  return { id: entry.id, counted };
}
