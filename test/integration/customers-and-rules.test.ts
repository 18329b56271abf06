import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { makeConsoleApp } from '#functions/console/app.ts';
import { createConsoleDeps } from '#functions/console/deps.ts';
import type { FeedbackMessage } from '#shared/domain/feedback.ts';
import { TEST_ENV, useEmulators } from '../helpers/emulators.ts';
import { context, feedbackMessage, httpEvent, sqsEvent, sqsRecord } from '../helpers/events.ts';

const emulators = useEmulators({ EARSHOT_MAX_ALERTS_PER_HOUR: '1000', EARSHOT_RECURRING_TOPIC_THRESHOLD: '100' });
const customersHandler = emulators.fn('customers');
const ordersHandler = emulators.fn('orders');
const processHandler = emulators.fn('processFeedback');
const auth = { authorization: `Bearer ${TEST_ENV.EARSHOT_API_KEY}`, 'content-type': 'application/json' };

async function processAll(...messages: FeedbackMessage[]) {
  for (const message of messages) {
    const response = await processHandler(sqsEvent(sqsRecord(JSON.stringify(message))), context());
    expect(response.batchItemFailures).toEqual([]);
  }
  return emulators.sentEmails();
}

function emailMessage(id: string, from: string, text: string, thread = `${id}@mail.example.com`, at = new Date()): FeedbackMessage {
  return feedbackMessage({
    id: `email-${id}`,
    channel: 'email',
    receivedAt: at.toISOString(),
    customer: { email: from },
    text,
    survey: undefined,
    orderIds: [],
    email: { subject: 'About my order', messageId: `${id}@mail.example.com`, threadId: thread },
  });
}

async function customersApi(method: string, routePath: string, path: string, body?: unknown, query?: Record<string, string>) {
  const response = await customersHandler(
    httpEvent({
      method,
      routePath,
      path,
      headers: auth,
      ...(body ? { body: JSON.stringify(body) } : {}),
      ...(path.split('/')[3] ? { pathParameters: { id: path.split('/')[3]! } } : {}),
      ...(query ? { query } : {}),
    }),
  );
  return { status: response.statusCode, body: JSON.parse(response.body ?? '{}') };
}

describe('customers across channels and the second-complaint rule', () => {
  it('a survey complaint, then an email complaint from the same address in other letter case: URGENT, both shown', async () => {
    // Prepare: the order (with value) and the survey complaint.
    await ordersHandler(
      httpEvent({
        method: 'POST',
        routePath: '/v1/orders',
        headers: auth,
        body: JSON.stringify({ orderId: 'ML-1', customer: { email: 'maria.lopez@example.com', name: 'Maria Lopez' }, total: 84.5, currency: 'EUR' }),
      }),
    );
    const survey = feedbackMessage({
      customer: { email: 'maria.lopez@example.com', name: 'Maria Lopez' },
      orderIds: ['ML-1'],
      text: 'The cake arrived squashed and late.',
    });
    const first = await processAll(survey);
    expect(first.map((e) => e.subject)).toEqual(['New complaint from Maria Lopez']);

    // Act
    const emails = await processAll(emailMessage('ml-2', 'Maria.Lopez@EXAMPLE.com', 'Still waiting for my refund for the squashed cake. Very disappointed.'));

    // Assess
    const urgent = emails.find((e) => e.subject.startsWith('URGENT:'));
    expect(urgent?.subject).toBe('URGENT: Second complaint from Maria Lopez');
    expect(urgent!.body.text).toContain('The cake arrived squashed and late.');
    expect(urgent!.body.text).toContain('Still waiting for my refund');
    expect(urgent!.body.text).toMatch(/1 order, €84\.50 in total: ML-1/);
    expect(urgent!.body.html).toContain('Earlier complaints');
    expect(urgent!.headers).toContainEqual({ name: 'X-Earshot-Alert', value: 'repeat-complaint' });
    expect(urgent!.headers).toContainEqual({ name: 'List-Id', value: 'Earshot alerts <alerts.earshot.local>' });
  });

  it('folds a follow-up in the same email thread into the open alert instead of a new email', async () => {
    const thread = 'thread-fold@mail.example.com';
    const first = emailMessage('fold-1', 'fold@example.com', 'My order was wrong, I got the wrong size.', thread);
    const followUp = emailMessage('fold-2', 'fold@example.com', 'Also the box was broken. Still waiting for an answer.', thread);
    const emails = await processAll(first, followUp);
    expect(emails.map((e) => e.subject)).toEqual(['New complaint from fold@example.com']);
  });

  it('merges two profiles when one item carries both identities, histories and all', async () => {
    // Prepare: one customer known by email, one by a Bluesky handle.
    await processAll(emailMessage('merge-1', 'sam@example.com', 'The order was late and cold.'));
    const mention = feedbackMessage({
      id: 'social-merge-1',
      channel: 'social',
      customer: { handle: '@sam.bsky.social', name: 'Sam' },
      text: 'Worst delivery ever, cold food again.',
      survey: undefined,
      orderIds: [],
      mention: { source: 'bluesky', externalId: 'p1', publishedAt: new Date().toISOString() },
    });
    await processAll(mention);
    const byHandle = await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { handle: 'sam.bsky.social', source: 'bluesky' });
    const byEmail = await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { email: 'SAM@example.com' });
    expect(byHandle.body.customer.customerId).not.toBe(byEmail.body.customer.customerId);

    // Act: the owner links the handle to the email customer by hand.
    const linked = await customersApi('POST', '/v1/customers/{id}/identities', `/v1/customers/${byEmail.body.customer.customerId}/identities`, {
      type: 'handle',
      source: 'bluesky',
      value: '@Sam.bsky.social',
    });

    // Assess
    expect(linked.status).toBe(200);
    expect(linked.body.customer.emails).toEqual(['sam@example.com']);
    expect(linked.body.customer.handles).toEqual(['bluesky:sam.bsky.social']);
    expect(linked.body.feedback.map((f: { id: string }) => f.id).sort()).toEqual(['email-merge-1', 'social-merge-1']);
    const again = await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { handle: 'sam.bsky.social', source: 'bluesky' });
    expect(again.body.customer.customerId).toBe(byEmail.body.customer.customerId);
    // A further complaint from either identity is now a third complaint of one customer.
    const emails = await processAll(emailMessage('merge-2', 'sam@example.com', 'Nobody answered. The refund is still missing.'));
    expect(emails.map((e) => e.subject)).toContain('URGENT: Third complaint from Sam');
  });

  it('sends no second alert when a second complaint is delivered again after its customer was merged into another profile', async () => {
    // Prepare: two complaints by email (one URGENT second-complaint alert), and a profile known by a handle.
    await processAll(emailMessage('redeliver-1', 'robin@example.com', 'The cake was stale.'));
    const second = emailMessage('redeliver-2', 'robin@example.com', 'Again stale bread and nobody answered my email.');
    const before = await processAll(second);
    expect(before.filter((e) => e.subject.startsWith('URGENT: Second complaint from'))).toHaveLength(1);
    await processAll(
      feedbackMessage({
        id: 'social-redeliver-1',
        channel: 'social',
        customer: { handle: '@robin.bsky.social', name: 'Robin' },
        text: 'Picked up a loaf today.',
        survey: undefined,
        orderIds: [],
        mention: { source: 'bluesky', externalId: 'redeliver-p1', publishedAt: new Date().toISOString() },
      }),
    );
    const byHandle = await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { handle: 'robin.bsky.social', source: 'bluesky' });
    const byEmail = await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { email: 'robin@example.com' });
    // The email customer is merged into the handle's profile: the customer id of the complaints changes.
    const linked = await customersApi('POST', '/v1/customers/{id}/identities', `/v1/customers/${byHandle.body.customer.customerId}/identities`, { type: 'email', value: 'robin@example.com' });
    expect(linked.status).toBe(200);
    expect(linked.body.customer.customerId).not.toBe(byEmail.body.customer.customerId);

    // Act: SQS delivers the second complaint again.
    const after = await processAll(second);

    // Assess: still one alert about it.
    expect(after.filter((e) => e.subject.startsWith('URGENT: Second complaint from'))).toHaveLength(1);
    expect(after).toHaveLength(before.length);
  });

  it("does not let anyone join another customer's profile by quoting their order number", async () => {
    // Prepare: Bob's order and his first complaint (survey).
    const order = await ordersHandler(
      httpEvent({ method: 'POST', routePath: '/v1/orders', headers: auth, body: JSON.stringify({ orderId: 'BOB-1', customer: { email: 'bob@example.com', name: 'Bob' } }) }),
    );
    expect(order.statusCode).toBe(202);
    await processAll(feedbackMessage({ id: 'bob-survey-1', customer: { email: 'bob@example.com', name: 'Bob' }, orderIds: ['BOB-1'], text: 'Cold food.', survey: { surveyId: 's-bob', score: 3 } }));
    const bobBefore = await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { email: 'bob@example.com' });

    // Act: a stranger complains quoting Bob's order number.
    const afterStranger = await processAll({ ...emailMessage('hijack-1', 'alice@example.com', 'Order BOB-1 was awful, I want a refund.'), orderIds: ['BOB-1'] });

    // Assess: no second complaint of Bob's, no merge; the reference is kept on the item as claimed.
    expect(afterStranger.map((e) => e.subject)).not.toContain('URGENT: Second complaint from alice@example.com');
    expect(afterStranger.map((e) => e.subject)).toContain('New complaint from alice@example.com');
    const alice = await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { email: 'alice@example.com' });
    const bob = await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { email: 'bob@example.com' });
    expect(alice.body.customer.customerId).not.toBe(bob.body.customer.customerId);
    expect(bob.body.customer.customerId).toBe(bobBefore.body.customer.customerId);
    expect(bob.body.customer.emails).toEqual(['bob@example.com']);
    expect(bob.body.feedback.map((f: { id: string }) => f.id)).toEqual(['bob-survey-1']);
    expect(alice.body.customer.orderIds).toEqual([]);
    const item = (await emulators.clients.dynamo.send(new GetCommand({ TableName: emulators.config.aws.tableName, Key: { pk: 'FEEDBACK#email-hijack-1', sk: '#FEEDBACK' } }))).Item;
    expect(item).toMatchObject({ orderIds: [], claimedOrderIds: ['BOB-1'] });
    const alert = afterStranger.find((e) => e.subject === 'New complaint from alice@example.com')!;
    expect(alert.body.text).toContain('BOB-1');
    expect(alert.body.text).toMatch(/not linked/i);

    // Bob himself quoting his order is still his: a second complaint.
    const afterBob = await processAll({ ...emailMessage('bob-email-2', 'bob@example.com', 'Order BOB-1: still no refund.'), orderIds: ['BOB-1'] });
    expect(afterBob.map((e) => e.subject)).toContain('URGENT: Second complaint from Bob');
  });

  it('links a sender to the customer of the order they quoted only when the owner says so, through the case', async () => {
    // Prepare: Dana's order and survey complaint; then her partner writes from his own address
    // quoting her order number (kept apart, as claimed).
    await ordersHandler(
      httpEvent({ method: 'POST', routePath: '/v1/orders', headers: auth, body: JSON.stringify({ orderId: 'DANA-7', customer: { email: 'dana@example.com', name: 'Dana' } }) }),
    );
    await processAll(feedbackMessage({ id: 'dana-survey-1', customer: { email: 'dana@example.com', name: 'Dana' }, orderIds: ['DANA-7'], text: 'The cake was dry.', survey: { surveyId: 's-dana', score: 4 } }));
    await processAll({ ...emailMessage('dana-partner-1', 'lee@example.com', 'Order DANA-7: still waiting for the refund you promised.'), orderIds: ['DANA-7'] });
    const feedbackKey = (id: string) => ({ TableName: emulators.config.aws.tableName, Key: { pk: `FEEDBACK#${id}`, sk: '#FEEDBACK' } });
    const quoting = (await emulators.clients.dynamo.send(new GetCommand(feedbackKey('email-dana-partner-1')))).Item!;
    expect(quoting).toMatchObject({ orderIds: [], claimedOrderIds: ['DANA-7'] });
    const caseId = String(quoting.caseId);
    const deps = createConsoleDeps(emulators.config);
    const app = makeConsoleApp({ ...deps, secrets: { ...deps.secrets, apiKey: async () => TEST_ENV.EARSHOT_API_KEY } });
    const link = (orderId: string, id = caseId) =>
      app.request(`/v1/cases/${id}/link-order`, { method: 'POST', headers: auth, body: JSON.stringify({ orderId }) });

    // Act and assess: an order the case does not quote, or a case that quotes none, is refused.
    expect((await link('OTHER-1')).status).toBe(400);
    const dana = await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { email: 'dana@example.com' });
    const lee = await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { email: 'lee@example.com' });
    expect(lee.body.customer.customerId).not.toBe(dana.body.customer.customerId);

    // Act: the owner links the sender to Dana.
    const linked = await link('DANA-7');

    // Assess: one customer with both addresses and both items; the item has the order; the case
    // belongs to Dana, is found by the order number, and its timeline says who linked it.
    expect(linked.status).toBe(200);
    const body = (await linked.json()) as { case: { customerId: string; orderIds: string[] }; changed: boolean };
    expect(body.changed).toBe(true);
    expect(body.case.customerId).toBe(dana.body.customer.customerId);
    expect(body.case.orderIds).toContain('DANA-7');
    const merged = await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { email: 'lee@example.com' });
    expect(merged.body.customer.customerId).toBe(dana.body.customer.customerId);
    expect(merged.body.customer.emails.sort()).toEqual(['dana@example.com', 'lee@example.com']);
    expect(merged.body.feedback.map((f: { id: string }) => f.id).sort()).toEqual(['dana-survey-1', 'email-dana-partner-1']);
    const after = (await emulators.clients.dynamo.send(new GetCommand(feedbackKey('email-dana-partner-1')))).Item!;
    expect(after.orderIds).toEqual(['DANA-7']);
    expect(after).not.toHaveProperty('claimedOrderIds');
    const found = (await (await app.request('/v1/cases?q=DANA-7', { headers: auth })).json()) as { cases: Array<{ caseId: string }> };
    expect(found.cases.map((c) => c.caseId)).toContain(caseId);
    const timeline = (await (await app.request(`/v1/cases/${caseId}`, { headers: auth })).json()) as { events: Array<{ kind: string; by: string; text?: string }> };
    expect(timeline.events.filter((e) => e.kind === 'order-linked')).toEqual([expect.objectContaining({ by: 'API', text: 'Order DANA-7' })]);

    // Linking again changes nothing.
    const again = await link('DANA-7');
    expect(again.status).toBe(200);
    expect(((await again.json()) as { changed: boolean }).changed).toBe(false);
  });

  it('raises an urgent alert for a cue from anyone, first contact or not', async () => {
    const emails = await processAll(emailMessage('poison-1', 'new.person@example.com', 'My whole family got food poisoning after eating your lasagne.'));
    expect(emails.map((e) => e.subject)).toEqual(['URGENT: Illness reported by new.person@example.com']);
  });

  it('answers 404 for an unknown customer and 400 for a bad identity, and needs the API key', async () => {
    expect((await customersApi('GET', '/v1/customers/{id}', '/v1/customers/c_nobody')).status).toBe(404);
    const bad = await customersApi('POST', '/v1/customers/{id}/identities', '/v1/customers/c_nobody/identities', { type: 'fax', value: '1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('type');
    const noKey = await customersHandler(httpEvent({ method: 'GET', routePath: '/v1/customers/{id}', path: '/v1/customers/x', pathParameters: { id: 'x' } }));
    expect(noKey.statusCode).toBe(401);
  });

  it('erases a customer everywhere: profile, identities, feedback, raw inputs, alerts, orders', async () => {
    // Prepare
    await ordersHandler(
      httpEvent({ method: 'POST', routePath: '/v1/orders', headers: auth, body: JSON.stringify({ orderId: 'ER-1', customer: { email: 'erase.me@example.com', name: 'Erin' } }) }),
    );
    const message = emailMessage('erase-1', 'erase.me@example.com', 'The order ER-1 was broken and the staff were rude.');
    message.orderIds = ['ER-1'];
    await emulators.clients.s3.send(new PutObjectCommand({ Bucket: emulators.config.aws.rawBucket, Key: message.rawKey, Body: 'raw' }));
    await processAll(message);
    const found = await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { email: 'erase.me@example.com' });
    const id = found.body.customer.customerId as string;

    // Act
    const erased = await customersApi('DELETE', '/v1/customers/{id}', `/v1/customers/${id}`);

    // Assess
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ customerId: id, removed: { profiles: 1, feedback: 1, orders: 1, alerts: 1, rawInputs: 1 } });
    expect(await emulators.clients.dynamo.send(new GetCommand({ TableName: emulators.config.aws.tableName, Key: { pk: `ALERT#complaint:${message.id}`, sk: '#BODY' } }))).not.toHaveProperty('Item');
    expect(erased.body.removed.identities).toBeGreaterThanOrEqual(2);
    expect((await customersApi('GET', '/v1/customers/{id}', `/v1/customers/${id}`)).status).toBe(404);
    expect((await customersApi('GET', '/v1/customers', '/v1/customers', undefined, { email: 'erase.me@example.com' })).status).toBe(404);
    await expect(emulators.clients.s3.send(new HeadObjectCommand({ Bucket: emulators.config.aws.rawBucket, Key: message.rawKey }))).rejects.toThrow();
  });
});
