import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { ALERT, DAY_STATS, FEEDBACK } from '#shared/adapters/dynamo/table.ts';
import { feedbackMessageSchema, type FeedbackMessage } from '#shared/domain/feedback.ts';
import { s3ObjectCreatedEvent } from '#shared/domain/s3-event.ts';
import { localDate } from '#shared/domain/week.ts';
import { emailFeedbackId, ingestEmail } from '#shared/use-cases/ingest-email.ts';
import { useEmulators } from '../helpers/emulators.ts';
import { context, feedbackMessage, sqsEvent, sqsRecord } from '../helpers/events.ts';

const emulators = useEmulators({ EARSHOT_RECURRING_TOPIC_THRESHOLD: '100' });
const handler = emulators.fn('ingestEmail');
const processFeedback = emulators.fn('processFeedback');

beforeEach(async () => {
  await drainFeedbackQueue();
});

const fixture = (name: string) => readFileSync(`test/fixtures/email/${name}`);

/** Stores a raw message under `inbound/` as the SES receipt rule does; returns its key. */
async function store(raw: Uint8Array): Promise<string> {
  const key = `inbound/${randomBytes(10).toString('hex')}`;
  await emulators.clients.s3.send(new PutObjectCommand({ Bucket: emulators.config.aws.rawBucket, Key: key, Body: raw, ContentType: 'message/rfc822' }));
  return key;
}

/** The SQS record S3 delivers for a stored object. */
function notification(key: string, size: number | undefined): SQSRecord {
  const event = s3ObjectCreatedEvent(emulators.config.aws.rawBucket, key, size ?? 0, new Date(), 'us-east-1');
  if (size === undefined) delete (event.Records[0]!.s3.object as { size?: number }).size;
  return sqsRecord(JSON.stringify(event));
}

async function delivered(raw: Uint8Array): Promise<{ key: string; record: SQSRecord }> {
  const key = await store(raw);
  return { key, record: notification(key, raw.byteLength) };
}

/** Every message on the feedback queue (received and deleted). */
async function drainFeedbackQueue(): Promise<FeedbackMessage[]> {
  const messages: FeedbackMessage[] = [];
  for (;;) {
    const result = await emulators.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: emulators.queues.feedback.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!result.Messages?.length) return messages;
    for (const message of result.Messages) {
      messages.push(feedbackMessageSchema.parse(JSON.parse(message.Body!)));
      await emulators.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: emulators.queues.feedback.url, ReceiptHandle: message.ReceiptHandle! }));
    }
  }
}

async function dayItems(): Promise<Array<Record<string, unknown>>> {
  const day = localDate(new Date(), emulators.config.business.timeZone);
  const result = await emulators.clients.dynamo.send(
    new QueryCommand({ TableName: emulators.config.aws.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': DAY_STATS.partition({ day: day }) } }),
  );
  return result.Items ?? [];
}

const stats = async () => (await dayItems()).find((item) => item.sk === '#STATS') ?? {};
const setAside = async () => (await dayItems()).filter((item) => String(item.sk).startsWith('SETASIDE#'));

describe('ingest-email consumer (against S3, SQS and DynamoDB emulators)', () => {
  it('queues an accepted reply as a normalised email feedback message', async () => {
    // Prepare
    const { key, record } = await delivered(fixture('gmail-reply-to-invitation.eml'));

    // Act
    const response = await handler(sqsEvent(record), context());

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const messages = await drainFeedbackQueue();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      id: emailFeedbackId('CAG7hh2@mail.gmail.com'),
      channel: 'email',
      rawKey: key,
      customer: { email: 'tom.baker@example.org', name: 'Tom Baker' },
      orderIds: ['A-1001'],
      email: { subject: 'Re: How was your order A-1001?', messageId: 'CAG7hh2@mail.gmail.com', threadId: 'inv-A-1001@cornerbakery.example' },
    });
    expect(messages[0]!.text).toContain('The bread was stale');
    expect(messages[0]!.text).not.toContain('How did we do');
  });

  it('ignores the s3:TestEvent and events other than ObjectCreated, and fails only a message that is not a notification', async () => {
    const testEvent = sqsRecord(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: new Date().toISOString(), Bucket: emulators.config.aws.rawBucket, RequestId: 'R1', HostId: 'H1' }));
    const removed = JSON.parse((await delivered(fixture('gmail-complaint.eml'))).record.body) as { Records: Array<{ eventName: string }> };
    removed.Records[0]!.eventName = 'ObjectRemoved:Delete';
    const junk = sqsRecord('{"hello":"world"}', 'junk-1');

    const response = await handler(sqsEvent(testEvent, sqsRecord(JSON.stringify(removed)), junk), context());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'junk-1' }]);
    expect(await drainFeedbackQueue()).toHaveLength(0);
  });

  it('skips auto-replies, bulk and spam and rejects broken mail: counted once per message, set aside with the reason, nothing queued', async () => {
    // Prepare
    const before = await stats();
    const names = ['auto-reply-auto-submitted.eml', 'newsletter-list-unsubscribe.eml', 'ses-spam-verdict.eml', 'missing-from.eml', 'not-an-email-png.eml', 'unknown-charset.eml'];
    const deliveries = await Promise.all(names.map((name) => delivered(fixture(name))));

    // Act: the whole batch, then the same notifications again (SQS delivers at least once)
    const first = await handler(sqsEvent(...deliveries.map((d) => d.record)), context());
    const again = await handler(sqsEvent(...deliveries.map((d) => ({ ...d.record, messageId: `${d.record.messageId}-again` }))), context());

    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(again.batchItemFailures).toEqual([]);
    expect(await drainFeedbackQueue()).toHaveLength(0);
    const after = await stats();
    expect(Number(after.skipped ?? 0) - Number(before.skipped ?? 0)).toBe(3);
    expect(Number(after.rejected ?? 0) - Number(before.rejected ?? 0)).toBe(3);
    const items = (await setAside()).filter((item) => deliveries.some((d) => d.key === item.rawKey));
    expect(items.map((item) => `${item.outcome}:${item.reason}`).sort()).toEqual([
      'rejected:malformed',
      'rejected:missing-from',
      'rejected:unknown-charset',
      'skipped:auto-reply',
      'skipped:bulk',
      'skipped:spam',
    ]);
    const spam = items.find((item) => item.reason === 'spam')!;
    expect(spam).toMatchObject({ channel: 'email', sender: 'prize@spam.example', subject: 'You won' });
    expect(Number(spam.expiresAt)).toBeGreaterThan(Date.now() / 1000);
  });

  it('rejects a message over 10 MB from its size without downloading it (size from the notification, or from HEAD)', async () => {
    const big = Buffer.concat([Buffer.from('From: Big <big@example.com>\r\nSubject: Big\r\n\r\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x61)]);
    const key = await store(big);
    const base = emulators.adapters;
    let downloads = 0;
    const archive = { ...base.archive, size: (k: string) => base.archive.size(k), get: async (k: string) => ((downloads += 1), base.archive.get(k)) };

    const fromEvent = await handler(sqsEvent(notification(key, big.byteLength)), context());
    const fromHead = await ingestEmail(key, undefined, { ...base, archive });

    expect(fromEvent.batchItemFailures).toEqual([]);
    expect(fromHead).toMatchObject({ action: 'rejected', reason: 'too-large', counted: false });
    expect(downloads).toBe(0);
    const item = (await setAside()).find((i) => i.rawKey === key);
    expect(item).toMatchObject({ outcome: 'rejected', reason: 'too-large', detail: `${big.byteLength} bytes` });
    expect(await drainFeedbackQueue()).toHaveLength(0);
  });

  it('retries only the message whose raw input cannot be read from S3', async () => {
    const { record } = await delivered(fixture('gmail-complaint.eml'));
    const testEvent = sqsRecord(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'x' }));
    const bucket = emulators.config.aws.rawBucket;
    emulators.reconfigure({ EARSHOT_RAW_BUCKET: 'earshot-bucket-that-does-not-exist' });
    try {
      const response = await handler(sqsEvent(record, testEvent), context());
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    } finally {
      emulators.reconfigure({ EARSHOT_RAW_BUCKET: bucket });
    }
    expect((await handler(sqsEvent(record), context())).batchItemFailures).toEqual([]);
    expect(await drainFeedbackQueue()).toHaveLength(1);
  });

  it('turns the same complaint delivered twice (two stored copies, each notified twice) into one record and one alert', async () => {
    // Prepare
    const raw = fixture('gmail-wrapped-attribution.eml');
    const a = await delivered(raw);
    const b = await delivered(raw);

    // Act
    await handler(sqsEvent(a.record, b.record, { ...a.record, messageId: 'again' }), context());
    const messages = await drainFeedbackQueue();
    const processed = await processFeedback(sqsEvent(...messages.map((m) => sqsRecord(JSON.stringify(m)))), context());

    // Assess
    expect(messages).toHaveLength(3);
    expect(new Set(messages.map((m) => m.id)).size).toBe(1);
    expect(processed.batchItemFailures).toEqual([]);
    const emails = await emulators.sentEmails();
    expect(emails.map((e) => e.subject)).toEqual(['New complaint from Nadia Rahman']);
    expect(emails[0]!.body.text).toContain('nobody answers my calls');
    expect(emails[0]!.body.text).not.toContain('How did we do');
  });

  it('ties an email to the survey customer whose address differs only in letter case: second complaint, both shown', async () => {
    // Prepare: a survey complaint from dana.white@example.com
    const survey = feedbackMessage({ customer: { email: 'dana.white@example.com', name: 'Dana White' }, text: 'The cake was stale and the staff were rude.' });
    await processFeedback(sqsEvent(sqsRecord(JSON.stringify(survey))), context());
    const raw = Buffer.from(
      [
        'From: Dana White <Dana.WHITE@Example.COM>',
        'To: hello@cornerbakery.example',
        'Subject: Again',
        'Message-ID: <dana-2@example.com>',
        'Date: Mon, 23 Nov 2026 09:14:03 +0000',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Waited 50 minutes for my order today and nobody answers my calls.',
        '',
      ].join('\r\n'),
    );

    // Act
    const { record } = await delivered(raw);
    await handler(sqsEvent(record), context());
    const messages = await drainFeedbackQueue();
    await processFeedback(sqsEvent(...messages.map((m) => sqsRecord(JSON.stringify(m)))), context());

    // Assess
    expect(messages[0]!.customer.email).toBe('dana.white@example.com');
    const urgent = (await emulators.sentEmails()).find((e) => e.subject === 'URGENT: Second complaint from Dana White');
    expect(urgent).toBeDefined();
    expect(urgent!.body.text).toContain('The cake was stale');
    expect(urgent!.body.text).toContain('Waited 50 minutes');
  });

  it('folds a follow-up in the same email thread into the open alert instead of sending another', async () => {
    const first = Buffer.from(
      ['From: Leo Grant <leo.grant@example.com>', 'Subject: Broken order', 'Message-ID: <leo-1@example.com>', 'Content-Type: text/plain; charset=utf-8', '', 'The order arrived broken and nobody answers my calls.', ''].join('\r\n'),
    );
    const followUp = Buffer.from(
      [
        'From: Leo Grant <leo.grant@example.com>',
        'Subject: Re: Broken order',
        'Message-ID: <leo-2@example.com>',
        'In-Reply-To: <leo-1@example.com>',
        'References: <leo-1@example.com>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Also the cake inside was crushed and the staff were rude on the phone.',
        '',
        'On Mon, 23 Nov 2026 at 09:00, Leo Grant <leo.grant@example.com> wrote:',
        '> The order arrived broken and nobody answers my calls.',
        '',
      ].join('\r\n'),
    );
    for (const raw of [first, followUp]) {
      await handler(sqsEvent((await delivered(raw)).record), context());
      const messages = await drainFeedbackQueue();
      expect(messages[0]!.email?.threadId).toBe('leo-1@example.com');
      await processFeedback(sqsEvent(...messages.map((m) => sqsRecord(JSON.stringify(m)))), context());
    }
    const subjects = (await emulators.sentEmails()).map((e) => e.subject);
    expect(subjects.filter((s) => s.includes('Leo Grant'))).toEqual(['New complaint from Leo Grant']);
    const stored = await emulators.clients.dynamo.send(new GetCommand({ TableName: emulators.config.aws.tableName, Key: FEEDBACK.key({ id: emailFeedbackId('leo-2@example.com') }) }));
    expect(stored.Item).toMatchObject({ complaint: true, incident: 'email:leo-1@example.com' });
    const alert = await emulators.clients.dynamo.send(new GetCommand({ TableName: emulators.config.aws.tableName, Key: ALERT.key({ incidentKey: `complaint:${emailFeedbackId('leo-1@example.com')}` }) }));
    expect(JSON.stringify(alert.Item)).toContain(emailFeedbackId('leo-2@example.com'));
  });
});
