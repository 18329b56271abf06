import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterDynamo } from '#shared/adapters/dynamo-metrics.ts';
import type { FeedbackMessage } from '#shared/domain/feedback.ts';
import { unsubscribeToken } from '#shared/domain/unsubscribe-link.ts';
import { lazyHandler, startEmulators, TEST_ENV, type TestEmulators } from '../helpers/emulators.ts';
import { context, feedbackMessage, httpEvent, sqsEvent, sqsRecord } from '../helpers/events.ts';

let emulators: TestEmulators;
const digestHandler = lazyHandler('digest', () => emulators.config, () => emulators.clients);
const processFeedback = lazyHandler('processFeedback', () => emulators.config, () => emulators.clients);
const unsubscribeHandler = lazyHandler('unsubscribe', () => emulators.config, () => emulators.clients);

const HOSTILE_NAME = 'Ana "<script>alert(1)</script>"\r\nBcc: evil@example.com';

/** An instant `days` before now at a fixed UTC hour (the business time zone is UTC here). */
function daysAgo(days: number, hour = 12): string {
  const at = new Date(Date.now() - days * 86_400_000);
  at.setUTCHours(hour, 0, 0, 0);
  return at.toISOString();
}

async function process(...messages: FeedbackMessage[]): Promise<void> {
  for (const message of messages) {
    const response = await processFeedback(sqsEvent(sqsRecord(JSON.stringify(message))), context('process-feedback'));
    expect(response.batchItemFailures).toEqual([]);
  }
}

beforeAll(async () => {
  emulators = await startEmulators({ EARSHOT_OWNER_EMAIL: 'owner@example.com,Manager@Example.com', EARSHOT_RECURRING_TOPIC_THRESHOLD: '100' });
});

afterAll(async () => {
  await emulators?.stop();
});

describe('the weekly digest from what process-feedback recorded (DynamoDB and SES emulators)', () => {
  const stale = feedbackMessage({ receivedAt: daysAgo(4), customer: { email: 'ana@example.com', name: HOSTILE_NAME }, survey: { surveyId: 's-ana', score: 2 }, text: 'The sourdough was stale <img src=x onerror=alert(1)>.' });
  const refund = feedbackMessage({
    id: 'email-digest-refund',
    channel: 'email',
    receivedAt: daysAgo(2),
    customer: { email: 'ANA@example.com', name: HOSTILE_NAME },
    survey: undefined,
    orderIds: [],
    text: 'Still no refund for the squashed cake. Very disappointed.',
    email: { subject: 'Refund', messageId: '<r1@example.com>', threadId: '<r1@example.com>' },
  });

  it('sends each owner address the week against the week before, with staff praise, open and repeat complaints', async () => {
    // Prepare: a small week through the real processing path, and one answer the week before.
    await process(
      feedbackMessage({ receivedAt: daysAgo(9), customer: { email: 'old@example.com', name: 'Old Friend' }, survey: { surveyId: 's-old', score: 10 }, text: 'Always lovely.' }),
      feedbackMessage({ receivedAt: daysAgo(5), customer: { email: 'jo@example.com', name: 'Jo Baker' }, survey: { surveyId: 's-jo', score: 10 }, text: 'Donna at the front desk was lovely, thank you!' }),
      stale,
      feedbackMessage({ receivedAt: daysAgo(3), customer: { email: 'lee@example.com', name: 'Lee Park' }, survey: { surveyId: 's-lee', score: 9 }, text: 'Great cake, thanks to Donna and Sam.' }),
      refund,
      feedbackMessage({
        id: 'social-digest-1',
        channel: 'social',
        receivedAt: daysAgo(1),
        customer: { handle: '@kim.example' },
        survey: undefined,
        orderIds: [],
        text: 'Best croissants in town!',
        mention: { source: 'bluesky', externalId: 'digest-1', publishedAt: daysAgo(1) },
      }),
    );
    expect(await emulators.adapters.feedback.markHandled(stale.id, new Date())).toBe(true);
    await emulators.clearEmails();
    const meter = meterDynamo(emulators.clients.dynamo);

    // Act: the scheduled run (the 7 full days before today).
    const result = await digestHandler({});

    // Assess
    expect(result).toEqual({ sent: 2, skipped: 0 });
    expect(meter.usage.byOperation.ScanCommand).toBeUndefined();
    // 14 day partitions, one page of open complaints, one of top customers; the promises and
    // recoveries: the 90 days' counters, the overdue promises, two counts of open promises (overdue,
    // due this week), the "not put right" answers and the oldest open case (one query per inbox
    // group); then per recipient one unsubscribe check, one claim of the week and one suppression
    // check before sending.
    const followThrough = 1 + 1 + 2 + 1 + 3;
    expect(meter.usage.byOperation.QueryCommand).toBe(16 + followThrough);
    expect(meter.usage.byOperation.BatchGetItemCommand).toBe(2);
    expect(meter.usage.requests).toBe(16 + followThrough + 2 * 3);
    const emails = await emulators.sentEmails();
    expect(emails.map((e) => e.destination.to[0]).sort()).toEqual(['manager@example.com', 'owner@example.com']);
    const text = emails[0]!.body.text!;
    const html = emails[0]!.body.html!;
    expect(emails[0]!.subject).toMatch(/^Weekly digest: Corner Bakery, \d{1,2} \w{3} \d{4} to \d{1,2} \w{3} \d{4}$/);
    expect(text).toContain('Total: 5, up from 1 the week before');
    expect(text).toContain('Survey 3, email 1, social and reviews 1');
    expect(text).toContain('Complaints: 2, up from 0 the week before');
    expect(text).toContain('NPS: 33 from 3 answers (100 the week before)');
    expect(text).toMatch(/Donna, named 2 times\n> Donna at the front desk/);
    expect(text).toContain('Sam, named 1 time');
    expect(text).toMatch(/REPEAT COMPLAINERS\nAna "<script>alert\(1\)<\/script>" Bcc: evil@example\.com: 2 complaints/);
    // The handled complaint has left the open list; the refund is still open.
    expect(text).toMatch(/OPEN COMPLAINTS\n.*\(email, .*\)\n> Still no refund/);
    expect(text).not.toContain('sourdough was stale');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('Ana &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; Bcc: evil@example.com');
    for (const email of emails) {
      const headers = Object.fromEntries((email.headers ?? []).map((h) => [h.name.toLowerCase(), h.value]));
      const token = unsubscribeToken(TEST_ENV.EARSHOT_LINK_SECRET, email.destination.to[0]!);
      expect(headers['list-unsubscribe']).toBe(`<${TEST_ENV.EARSHOT_PUBLIC_URL}/u/${token}>`);
      expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(email.body.text).toContain(`Unsubscribe: ${TEST_ENV.EARSHOT_PUBLIC_URL}/u/${token}`);
      expect(JSON.stringify(email.headers)).not.toMatch(/evil|script/);
    }
  });

  it('sends a recipient one digest per week however often the schedule is retried', async () => {
    await emulators.clearEmails();
    expect(await digestHandler({})).toEqual({ sent: 0, skipped: 2 });
    expect(await emulators.sentEmails()).toHaveLength(0);
  });

  it('honours an unsubscribe (GET asks, POST records) and skips that recipient from then on', async () => {
    const token = unsubscribeToken(TEST_ENV.EARSHOT_LINK_SECRET, 'manager@example.com');
    const ask = await unsubscribeHandler(httpEvent({ method: 'GET', routePath: '/u/{token}', path: `/u/${token}`, pathParameters: { token } }));
    expect(ask.statusCode).toBe(200);
    expect(ask.headers?.['content-security-policy']).toContain("default-src 'none'");
    expect(await emulators.adapters.digest.isUnsubscribed('manager@example.com')).toBe(false);

    const done = await unsubscribeHandler(
      httpEvent({ method: 'POST', routePath: '/u/{token}', path: `/u/${token}`, pathParameters: { token }, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }),
    );
    expect(done.statusCode).toBe(200);
    expect(await emulators.adapters.digest.isUnsubscribed('manager@example.com')).toBe(true);

    await emulators.clearEmails();
    expect(await digestHandler({ through: 'now' })).toEqual({ sent: 1, skipped: 1 });
    expect((await emulators.sentEmails()).map((e) => e.destination.to[0])).toEqual(['owner@example.com']);
  });

  it('answers a tampered unsubscribe link with 404 and records nothing', async () => {
    const token = unsubscribeToken('another-secret-0123456789abcdef', 'owner@example.com');
    const answer = await unsubscribeHandler(httpEvent({ method: 'POST', routePath: '/u/{token}', path: `/u/${token}`, pathParameters: { token } }));
    expect(answer.statusCode).toBe(404);
    expect(await emulators.adapters.digest.isUnsubscribed('owner@example.com')).toBe(false);
  });
});
