import { describe, expect, it } from 'vitest';
import { DynamoCustomerRepository } from '#shared/adapters/dynamo/customers.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { CUSTOMER_COMPLAINTS } from '#shared/adapters/dynamo/table.ts';
import { MAX_REMEMBERED_COMPLAINT_IDS, MAX_REMEMBERED_COMPLAINTS } from '#shared/domain/customer.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { TEST_ENV, useEmulators } from '../helpers/emulators.ts';
import { httpEvent } from '../helpers/events.ts';

const emulators = useEmulators();
const ordersHandler = emulators.fn('orders');
const customersHandler = emulators.fn('customers');
const auth = { authorization: `Bearer ${TEST_ENV.EARSHOT_API_KEY}`, 'content-type': 'application/json' };

/** Order ids of the longest allowed length (128), so a profile listing them reaches DynamoDB's 400 KB item limit soonest. */
const longId = (i: number) => `ORDER-${String(i).padStart(6, '0')}-`.padEnd(128, 'x');

describe("a customer's activity never breaks writes", () => {
  it('counts 2,000 orders of one customer, each once, and the profile still reads and takes more', { timeout: 240_000 }, async () => {
    // Prepare: the customer's first order through the API.
    const first = await ordersHandler(
      httpEvent({ method: 'POST', routePath: '/v1/orders', headers: auth, body: JSON.stringify({ orderId: longId(0), customer: { email: 'big.buyer@example.com', name: 'Big Buyer' }, total: 1 }) }),
    );
    expect(first.statusCode).toBe(202);
    const found = await customersHandler(httpEvent({ method: 'GET', routePath: '/v1/customers', headers: auth, query: { email: 'big.buyer@example.com' } }));
    const customerId = JSON.parse(found.body ?? '{}').customer.customerId as string;
    const customers = new DynamoCustomerRepository(emulators.clients.dynamo, tableOf(emulators.config));

    // Act: what order intake writes to the profile for each further order (its identity, its value), eight at a time.
    for (let i = 1; i < 1999; i += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, 1999 - i) }, async (_, k) => {
          const orderId = longId(i + k);
          await customers.addIdentities(customerId, [{ kind: 'order', value: orderId }], undefined, new Date());
          expect(await customers.addOrder(customerId, orderId, 1, 'EUR')).toBe(true);
        }),
      );
    }
    // The 2,000th through the API, and a retry of one already counted.
    const last = await ordersHandler(
      httpEvent({ method: 'POST', routePath: '/v1/orders', headers: auth, body: JSON.stringify({ orderId: longId(1999), customer: { email: 'big.buyer@example.com' }, total: 1 }) }),
    );
    const again = await customers.addOrder(customerId, longId(7), 1, 'EUR');

    // Assess
    expect(last.statusCode).toBe(202);
    expect(again).toBe(false);
    const view = await customersHandler(httpEvent({ method: 'GET', routePath: '/v1/customers', headers: auth, query: { email: 'big.buyer@example.com' } }));
    expect(view.statusCode).toBe(200);
    expect(JSON.parse(view.body ?? '{}').customer).toMatchObject({ customerId, orderCount: 2000, orderValue: 2000 });
    expect((await customers.orderIdsOf(customerId)).length).toBe(2000);
  });

  it("keeps a customer's complaint list and its redelivery window bounded, however many complaints they send", { timeout: 240_000 }, async () => {
    // Prepare: 520 complaints of one customer, appended as processing appends them, four at a time.
    const customers = new DynamoCustomerRepository(emulators.clients.dynamo, tableOf(emulators.config));
    const customerId = 'c_many_complaints';
    const complaintId = (i: number) => `email-complaint-${String(i).padStart(4, '0')}-`.padEnd(120, 'x');
    const entry = (i: number) => ({ id: complaintId(i), at: new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString(), channel: 'email' as const, incident: `email:${complaintId(i)}` });
    for (let i = 0; i < 520; i += 4) await Promise.all([0, 1, 2, 3].map((k) => customers.appendComplaint(customerId, entry(i + k))));

    // Act: the latest complaint is delivered again, and one more arrives.
    const redelivered = await customers.appendComplaint(customerId, entry(519));
    const next = await customers.appendComplaint(customerId, entry(520));

    // Assess: the redelivery adds nothing; the list keeps the latest complaints (simultaneous ones
    // never trim more than the overflow); the stored item holds a bounded window of ids, not all 521.
    expect(redelivered.map((c) => c.id).sort()).toEqual(Array.from({ length: MAX_REMEMBERED_COMPLAINTS }, (_, i) => complaintId(508 + i)));
    expect(next.at(-1)!.id).toBe(complaintId(520));
    const stored = (await emulators.clients.dynamo.send(new GetCommand({ TableName: emulators.config.aws.tableName, Key: CUSTOMER_COMPLAINTS.key({ customerId }) }))).Item!;
    const { entries, recentIds, ids } = CUSTOMER_COMPLAINTS.decode(stored);
    expect(entries).toHaveLength(MAX_REMEMBERED_COMPLAINTS);
    expect(recentIds).toHaveLength(MAX_REMEMBERED_COMPLAINT_IDS);
    expect(recentIds.at(-1)).toBe(complaintId(520));
    expect(ids).toBeUndefined();
  });
});
