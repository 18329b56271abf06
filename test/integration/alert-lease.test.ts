import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ALERT, TABLE } from '#shared/adapters/dynamo/table.ts';
import { batchedInto, claimed, deferred, failed, nextHour, phaseOf, recorded, retryDelayMs, sent, type LeaseFields } from '#shared/domain/alert-delivery.ts';
import type { AlertRecord } from '#shared/ports/store.ts';
import { useEmulators } from '../helpers/emulators.ts';

/**
 * The outbox in DynamoDB performs each transition of the delivery lease (shared/domain/alert-delivery.ts)
 * as one conditional write: the same transition from the same phase leaves the same state, and a
 * transition the machine refuses is refused by the table's condition too.
 */
const emulators = useEmulators();
const T0 = new Date('2026-11-23T10:42:05.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
let n = 0;

function alertRecord(incidentKey: string, fields: LeaseFields): AlertRecord {
  return {
    incidentKey,
    kind: 'first-complaint',
    urgent: false,
    to: ['owner@example.com'],
    subject: 'New complaint from Ann',
    body: { html: '<p>x</p>', text: 'x' },
    headers: {},
    createdAt: T0.toISOString(),
    feedbackIds: ['f1'],
    status: fields.status,
    attempts: fields.attempts,
    nextAttemptAt: fields.nextAttemptAt,
    ...(fields.inRetryIndex ? { batched: true } : {}),
    ...(fields.leaseUntil ? { leaseUntil: fields.leaseUntil } : {}),
  };
}

/** The lease fields as the table holds them (in the retry index when the index entry is there). */
async function stored(incidentKey: string): Promise<LeaseFields> {
  const item = (await emulators.clients.dynamo.send(new GetCommand({ TableName: emulators.config.aws.tableName, Key: ALERT.key({ incidentKey }) }))).Item!;
  const index = TABLE.indexes.find((i) => i.name === ALERT.declaration.indexes!.pending.index)!;
  const state = ALERT.decode(item);
  return {
    status: state.status,
    attempts: state.attempts,
    nextAttemptAt: state.nextAttemptAt,
    ...(item[index.partitionKey] ? { inRetryIndex: true } : {}),
    ...(state.leaseUntil ? { leaseUntil: state.leaseUntil } : {}),
    ...(state.sentAt ? { sentAt: state.sentAt } : {}),
    ...(state.messageId ? { messageId: state.messageId } : {}),
    ...(state.lastError ? { lastError: state.lastError } : {}),
    ...(state.rateCounted ? { rateCounted: true } : {}),
  };
}

/** Records an alert in `fields`' phase and returns its key. */
async function given(fields: LeaseFields): Promise<string> {
  const key = `lease:${(n += 1)}`;
  await emulators.adapters.alerts.record(alertRecord(key, fields));
  return key;
}

describe('the alert outbox performs each transition of the delivery lease', () => {
  it('record: claimed at once, or waiting for the next hour', async () => {
    const now = recorded(T0, { batched: false });
    expect(await stored(await given(now))).toEqual(now);
    const batched = recorded(T0, { batched: true });
    expect(await stored(await given(batched))).toEqual(batched);
  });

  it('claim: from waiting, and again once a lease has run out; refused under a live lease and once sent', async () => {
    const waiting = recorded(T0, { batched: true });
    const key = await given(waiting);
    const later = at(3_600_000);
    expect(await emulators.adapters.alerts.claim(key, later, 60_000, { rateCounted: true })).toBe(true);
    expect(await stored(key)).toEqual(claimed(waiting, later, { rateCounted: true }));

    const held = recorded(T0, { batched: false });
    const heldKey = await given(held);
    expect(await emulators.adapters.alerts.claim(heldKey, at(59_000), 60_000)).toBe(false);
    expect(() => claimed(held, at(59_000))).toThrow(/claim refused/);
    expect(await emulators.adapters.alerts.claim(heldKey, at(61_000), 60_000)).toBe(true);
    expect((await stored(heldKey)).attempts).toBe(claimed(held, at(61_000)).attempts);

    await emulators.adapters.alerts.markSent(heldKey, 'ses-1', at(62_000));
    expect(await emulators.adapters.alerts.claim(heldKey, at(86_400_000), 60_000)).toBe(false);
  });

  it('markSent: a claimed alert is sent, out of the index and the lease', async () => {
    const claimedNow = recorded(T0, { batched: false });
    const key = await given(claimedNow);
    await emulators.adapters.alerts.markSent(key, 'ses-2', at(1_000));
    expect(await stored(key)).toEqual(sent(claimedNow, 'ses-2', at(1_000)));
    expect(phaseOf(await stored(key), at(1_000))).toBe('sent');
  });

  it('markFailed: back in the retry index after the backoff, lease released; refused once sent', async () => {
    const claimedNow = recorded(T0, { batched: false });
    const key = await given(claimedNow);
    const expected = failed(claimedNow, 'Throttling', at(1_000));
    await emulators.adapters.alerts.markFailed(key, 'Throttling', new Date(at(1_000).getTime() + retryDelayMs(1)));
    expect(await stored(key)).toEqual(expected);

    await emulators.adapters.alerts.markSent(key, 'ses-3', at(20_000));
    await emulators.adapters.alerts.markFailed(key, 'late', at(30_000));
    expect((await stored(key)).status).toBe('sent');
  });

  it('defer: the hourly cap releases the lease; a held lease is kept', async () => {
    const claimedNow = recorded(T0, { batched: false });
    const capped = await given(claimedNow);
    await emulators.adapters.alerts.defer(capped, nextHour(T0), { releaseLease: true });
    expect(await stored(capped)).toEqual(deferred(claimedNow, nextHour(T0), { releaseLease: true }, T0));

    const held = await given(claimedNow);
    await emulators.adapters.alerts.defer(held, at(60_000), { releaseLease: false });
    expect(await stored(held)).toEqual(deferred(claimedNow, at(60_000), { releaseLease: false }, T0));
  });

  it('batch: a waiting alert is closed by the hourly email that carries it', async () => {
    const waiting = recorded(T0, { batched: true });
    const key = await given(waiting);
    await emulators.adapters.alerts.markSent(key, 'batch:2026-11-23T11', at(3_600_000));
    expect(await stored(key)).toEqual(batchedInto(waiting, 'batch:2026-11-23T11', at(3_600_000)));
  });
});
