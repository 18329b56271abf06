import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

const API_KEY = 'test-api-key-123';
let stack: TestStack;

beforeAll(async () => {
  // Several complaints here share a topic; the recurring-problem alert is tested elsewhere.
  stack = await startTestStack({ EARSHOT_INVITE_DELAY_HOURS: '0', EARSHOT_RECURRING_TOPIC_THRESHOLD: '100' });
});

afterAll(async () => {
  await stack?.stop();
});

function sendMail(raw: string | Buffer) {
  return stack.fetch('/_local/inbound-email', { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: raw });
}

function mail(from: string, messageId: string, subject: string, text: string, extraHeaders = ''): string {
  const headers = [`From: ${from}`, 'To: hello@cornerbakery.example', `Subject: ${subject}`, `Message-ID: <${messageId}>`, 'Date: Mon, 23 Nov 2026 09:14:03 +0000', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8'];
  return [...headers, ...(extraHeaders ? [extraHeaders] : []), '', text, ''].join('\r\n');
}

const fixture = (name: string) => readFileSync(`test/fixtures/email/${name}`);

describe('inbound email on the local stack', () => {
  it('turns a complaint email into the owner alert', async () => {
    const answer = await sendMail(fixture('gmail-complaint.eml'));
    expect(answer.status).toBe(202);
    expect(((await answer.json()) as { id: string }).id).toMatch(/^email-/);
    const emails = await stack.waitForEmails((all) => all.some((e) => e.subject === 'New complaint from Maria Lopez'));
    expect(emails.filter((e) => e.subject === 'New complaint from Maria Lopez')).toHaveLength(1);
  });

  it('sends nothing for a thankful reply whose quoted text is angry, and one alert for a message delivered twice', async () => {
    await stack.clearOutbox();
    expect((await sendMail(fixture('thankful-reply-angry-quote.eml'))).status).toBe(202);
    const raw = fixture('outlook-html-reply.eml');
    expect((await sendMail(raw)).status).toBe(202);
    expect((await sendMail(raw)).status).toBe(202);
    const emails = await stack.waitForEmails((all) => all.some((e) => e.subject === 'New complaint from Ben Clark'));
    await new Promise((r) => setTimeout(r, 700));
    const all = await stack.outbox();
    expect(all.filter((e) => e.subject === 'New complaint from Ben Clark')).toHaveLength(1);
    expect(all.some((e) => e.subject.includes('Sam Green'))).toBe(false);
    expect(emails.length).toBeGreaterThan(0);
  });

  it('escalates a survey complaint followed by an email from the same address in other letter case', async () => {
    await stack.clearOutbox();
    const order = await stack.fetch('/v1/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ orderId: 'MAIL-1', customer: { email: 'dana.white@example.com', name: 'Dana White' }, total: 64 }),
    });
    const { surveyUrl } = (await order.json()) as { surveyUrl: string };
    const token = new URL(surveyUrl).pathname.split('/').pop();
    const answered = await stack.fetch('/v1/survey-responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, score: 2, comment: 'The cake was stale.' }),
    });
    expect(answered.status).toBe(202);
    await stack.waitForEmails((all) => all.some((e) => e.subject === 'New complaint from Dana White'));

    await sendMail(mail('Dana White <Dana.WHITE@Example.COM>', 'dana-2@example.com', 'Again!', 'And today the delivery was two hours late. Still no apology.'));
    const emails = await stack.waitForEmails((all) => all.some((e) => e.subject === 'URGENT: Second complaint from Dana White'));
    const urgent = emails.find((e) => e.subject === 'URGENT: Second complaint from Dana White');
    expect(urgent).toBeDefined();
    expect(urgent!.text).toContain('The cake was stale.');
    expect(urgent!.text).toContain('two hours late');
  });

  it('alerts on an HTML-only Apple Mail reply with its text decoded and the quote and footer cut', async () => {
    const answer = await sendMail(fixture('apple-mail-html-only-reply.eml'));
    expect(answer.status).toBe(202);
    const emails = await stack.waitForEmails((all) => all.some((e) => e.subject === 'New complaint from Zoe Turner'));
    const alert = emails.find((e) => e.subject === 'New complaint from Zoe Turner')!;
    expect(alert.text).toContain('stale and hard as a rock');
    expect(alert.text).toContain('€7');
    expect(alert.text).not.toContain('Sent from my iPhone');
    expect(alert.text).not.toContain('How was it?');
  });

  it('alerts urgently on a food-poisoning email from anyone', async () => {
    await sendMail(fixture('food-poisoning.eml'));
    const emails = await stack.waitForEmails((all) => all.some((e) => e.subject.startsWith('URGENT:') && e.subject.includes('Ruth Adams')));
    const urgent = emails.find((e) => e.subject.includes('Ruth Adams'))!;
    expect(urgent.subject).toMatch(/^URGENT: Illness reported/);
  });

  it('sets junk and broken mail aside: archived, counted, listed for the digest, never alerted', async () => {
    await stack.clearOutbox();
    for (const name of ['auto-reply-auto-submitted.eml', 'mailing-list.eml', 'bounce.eml', 'ses-spam-verdict.eml', 'missing-from.eml', 'unknown-charset.eml', 'broken-no-headers.eml']) {
      expect((await sendMail(fixture(name))).status).toBe(202);
    }
    // Oversized: rejected from the notification's size, without being read.
    expect((await sendMail(Buffer.concat([Buffer.from(mail('Big <big@example.com>', 'big-1@example.com', 'Big', 'x')), Buffer.alloc(10 * 1024 * 1024 + 10, 0x61)]))).status).toBe(202);

    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: stack.config.business.timeZone }).format(new Date());
    let items: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 100; i += 1) {
      const result = await documents.send(new QueryCommand({ TableName: stack.config.aws.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `DAY#${day}` } }));
      items = result.Items ?? [];
      // Each input is set aside first and counted right after: wait for both.
      const counted = items.find((item) => item.sk === '#STATS');
      if (items.filter((item) => String(item.sk).startsWith('SETASIDE#')).length >= 8 && Number(counted?.skipped ?? 0) + Number(counted?.rejected ?? 0) >= 8) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const setAside = items.filter((item) => String(item.sk).startsWith('SETASIDE#'));
    expect(setAside.map((item) => item.reason).sort()).toEqual(['auto-reply', 'bounce', 'bulk', 'malformed', 'missing-from', 'spam', 'too-large', 'unknown-charset']);
    const stats = items.find((item) => item.sk === '#STATS')!;
    expect(stats.skipped).toBe(4);
    expect(stats.rejected).toBe(4);
    expect((await stack.outbox()).map((e) => e.subject)).toEqual([]);
    expect(await (await stack.fetch('/_local/dead-letters')).json()).toEqual({ feedback: 0, inboundEmail: 0, mailEvents: 0, urgent: 0 });
  });
});
