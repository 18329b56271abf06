import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverDueAlerts } from '#shared/use-cases/deliver-alert.ts';
import { lazyHandler, startEmulators, type TestEmulators } from '../helpers/emulators.ts';
import { context, feedbackMessage, sqsEvent, sqsRecord } from '../helpers/events.ts';

let emulators: TestEmulators;
const handler = lazyHandler('processFeedback', () => emulators.config, () => emulators.clients);

beforeAll(async () => {
  emulators = await startEmulators({ EARSHOT_RECURRING_TOPIC_THRESHOLD: '3', EARSHOT_MAX_ALERTS_PER_HOUR: '2' });
});

afterAll(async () => {
  await emulators?.stop();
});

it('raises one recurring-problem alert with the quotes, and holds non-urgent alerts over the hourly cap for the next hour', async () => {
  // Prepare: three customers complain about waiting, on one day.
  const texts = [
    'We waited 50 minutes for our table, far too long.',
    'Waited over an hour for the delivery to arrive.',
    'Waited 45 minutes at the counter again, the queue never moves.',
  ];
  const messages = texts.map((text, i) => feedbackMessage({ text, customer: { email: `wait${i}@example.com`, name: `Waiter ${i}` } }));

  // Act
  for (const m of messages) expect((await handler(sqsEvent(sqsRecord(JSON.stringify(m))), context())).batchItemFailures).toEqual([]);
  const now = await emulators.sentEmails();
  const nextHour = await deliverDueAlerts({ ...emulators.adapters, now: () => new Date(Date.now() + 3_600_000) });
  const later = await emulators.sentEmails();

  // Assess: 3 first complaints + 1 recurring problem = 4 non-urgent alerts; 2 now, 2 the next hour.
  expect(now).toHaveLength(2);
  expect(nextHour.sent).toBe(2);
  expect(later).toHaveLength(4);
  const recurring = later.find((e) => e.subject.startsWith('Recurring problem:'));
  expect(recurring?.subject).toMatch(/^Recurring problem: 3 customers complained about .+ in 7 days$/);
  for (const text of texts) expect(recurring!.body.text).toContain(text);
  expect(later.filter((e) => e.subject.startsWith('New complaint from')).map((e) => e.subject).sort()).toEqual(['New complaint from Waiter 0', 'New complaint from Waiter 1', 'New complaint from Waiter 2']);
});

it("does not take one customer's three complaints about a topic for a recurring problem", async () => {
  // Prepare: one customer complains three times about cleanliness, in three separate emails.
  const texts = ['The tables were dirty and sticky.', 'Dirty floors again today, disgusting.', 'Third visit with filthy toilets and dirty tables.'];
  const messages = texts.map((text, i) => {
    const { survey: _survey, ...message } = feedbackMessage({ text, customer: { email: 'tidy@example.com', name: 'Tidy Tom' } });
    return { ...message, id: `email-tidy-${i}`, channel: 'email' as const, email: { subject: `Dirty ${i}`, messageId: `<tidy${i}@example.com>`, threadId: `<tidy${i}@example.com>` } };
  });
  const before = (await emulators.sentEmails()).length;

  // Act
  for (const m of messages) expect((await handler(sqsEvent(sqsRecord(JSON.stringify(m))), context())).batchItemFailures).toEqual([]);
  await deliverDueAlerts({ ...emulators.adapters, now: () => new Date(Date.now() + 7_200_000) });

  // Assess: the repeat complaints alert as such; no recurring problem about cleanliness.
  const subjects = (await emulators.sentEmails()).slice(before).map((e) => e.subject);
  expect(subjects).toContain('URGENT: Third complaint from Tidy Tom');
  expect(subjects.filter((s) => s.startsWith('Recurring problem:'))).toEqual([]);
});
