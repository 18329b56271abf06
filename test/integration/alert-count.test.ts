import { expect, it } from 'vitest';
import { localDate } from '#shared/domain/week.ts';
import { SuppressingMailer } from '#shared/adapters/suppressing-mailer.ts';
import { createProcessFeedbackDeps } from '#functions/process-feedback/deps.ts';
import { makeProcessFeedbackHandler } from '#functions/process-feedback/make-handler.ts';
import { previewDigest } from '#shared/use-cases/digest.ts';
import { useEmulators } from '../helpers/emulators.ts';
import { context, feedbackMessage, sqsEvent, sqsRecord } from '../helpers/events.ts';

const emulators = useEmulators({ EARSHOT_RECURRING_TOPIC_THRESHOLD: '2' });
const handler = emulators.fn('processFeedback');

async function process(message: ReturnType<typeof feedbackMessage>): Promise<void> {
  expect((await handler(sqsEvent(sqsRecord(JSON.stringify(message))), context())).batchItemFailures).toEqual([]);
}

it('counts in the digest every alert email the owner received, recurring problems included, and says what it counts', async () => {
  // Prepare: two customers complain about dirty tables (two first complaints, then a recurring
  // problem), the first one complains again (urgent), and one message is delivered twice.
  const ann = { email: 'ann@example.com', name: 'Ann Smith' };
  const first = feedbackMessage({ text: 'The tables were dirty and sticky.', customer: ann });
  await process(first);
  await process(first);
  await process(feedbackMessage({ text: 'Dirty floors and filthy toilets.', customer: { email: 'bo@example.com', name: 'Bo Chen' } }));
  await process(feedbackMessage({ text: 'The cake was stale and the coffee cold.', customer: ann }));

  // Act
  const emails = await emulators.sentEmails();
  const today = await emulators.adapters.digest.day(localDate(new Date(), emulators.config.business.timeZone));
  const preview = await previewDigest(emulators.adapters, emulators.config.http.publicUrl!);

  // Assess: four emails went out, one of them urgent; the digest counts exactly those.
  expect(emails.map((e) => e.subject).sort()).toEqual([
    'New complaint from Ann Smith',
    'New complaint from Bo Chen',
    'Recurring problem: 2 customers complained about cleanliness in 7 days',
    'URGENT: Second complaint from Ann Smith',
  ]);
  expect(today.counters).toMatchObject({ alert_emails: 4, alert_emails_urgent: 1 });
  expect(preview.text).toContain('Alert emails to you: 4 alert emails, 1 of them urgent');
  expect(preview.text).toContain('Each alert email sent to you counts once');
});

it('does not count an alert nobody received: every owner address suppressed', async () => {
  // Prepare: the owner's address bounced for good (suppressed), so the mailer sends nothing.
  const day = localDate(new Date(), emulators.config.business.timeZone);
  const before = (await emulators.adapters.digest.day(day)).counters.alert_emails ?? 0;
  const base = createProcessFeedbackDeps(emulators.config, emulators.clients);
  const suppressing = makeProcessFeedbackHandler({ ...base, mailer: new SuppressingMailer(base.mailer, { suppressed: async (addresses: string[]) => new Set(addresses) }) });

  // Act
  const message = feedbackMessage({ text: 'The bread was stale and the staff rude.', customer: { email: 'cy@example.com', name: 'Cy Young' } });
  const result = await suppressing(sqsEvent(sqsRecord(JSON.stringify(message))), context());

  // Assess: the alert is settled (not retried), no email went out, and nothing is counted.
  expect(result.batchItemFailures).toEqual([]);
  expect(await emulators.sentEmails()).toEqual([]);
  expect((await emulators.adapters.digest.day(day)).counters.alert_emails ?? 0).toBe(before);
});
