import { readdirSync, readFileSync } from 'node:fs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackMessageSchema } from '#shared/domain/feedback.ts';
import { localDate } from '#shared/domain/week.ts';
import { readInboundEmail } from '#shared/email/inbound-email.ts';
import { emailMessage } from '#shared/use-cases/ingest-email.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

/**
 * Whatever the email parser accepts, the queue accepts: every fixture and generated edge case goes
 * through parse -> queue message schema, and then through the local stack, where each one ends as
 * a record or as a set-aside input with its reason; none is retried into the dead-letter queue.
 */
const FIXTURES = 'test/fixtures/email';

function mail(headers: Record<string, string>, body: string): Buffer {
  const head = {
    From: 'Lee Park <lee@example.com>',
    To: 'hello@cornerbakery.example',
    Subject: 'My order',
    'Message-ID': `<edge-${Math.abs(hash(JSON.stringify(headers) + body)).toString(36)}@mail.example.com>`,
    Date: 'Mon, 23 Nov 2026 09:14:03 +0000',
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  };
  return Buffer.from(`${Object.entries(head).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${body}\r\n`, 'utf8');
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/** A deterministic generator (mulberry32), so the generated cases are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPLAINT = 'The bread was stale and the staff were rude. Please call me.';

/** Named edge cases: the fields the parser reads, at and beyond every limit the queue message has. */
const EDGE_CASES: Array<[string, Buffer]> = [
  ['a From address of 300 characters', mail({ From: `Long <${'a'.repeat(288)}@example.com>` }, COMPLAINT)],
  ['a From address of exactly 254 characters', mail({ From: `Edge <${'b'.repeat(242)}@example.com>` }, COMPLAINT)],
  ['an order reference of 200 characters', mail({}, `${COMPLAINT} My order #A${'7'.repeat(199)} never came.`)],
  ['an order reference of 128 characters', mail({}, `${COMPLAINT} Order #A${'7'.repeat(127)} never came.`)],
  ['40 order references', mail({}, `${COMPLAINT} ${Array.from({ length: 40 }, (_, i) => `order #${1000 + i}`).join(', ')}`)],
  ['a display name of 500 characters', mail({ From: `"${'N'.repeat(500)}" <name@example.com>` }, COMPLAINT)],
  ['a subject of 3,000 characters', mail({ Subject: 'S'.repeat(3000) }, COMPLAINT)],
  ['a Message-ID of 2,000 characters', mail({ 'Message-ID': `<${'m'.repeat(1985)}@example.com>` }, COMPLAINT)],
  ['References with 100 long ids', mail({ References: Array.from({ length: 100 }, (_, i) => `<${'r'.repeat(300)}${i}@example.com>`).join(' ') }, COMPLAINT)],
  ['a body of 200,000 characters', mail({}, `${COMPLAINT} ${'word '.repeat(40_000)}`)],
  ['an emoji split at the 20,000th character', mail({}, `${'x'.repeat(19_999)}😡 ${COMPLAINT}`)],
  ['control characters and non-characters in the body', mail({}, `${COMPLAINT} \u0001\u0007\u001b[31m\uFFFE\uFFFF\u202Egnp.exe`)],
  ['control characters in the subject and name', mail({ From: '"Eve\u0007 \u202EAnn" <eve@example.com>', Subject: 'Bad\u0000 order\u001b' }, COMPLAINT)],
  ['a relay sender with an over-long Reply-To', mail({ From: 'no-reply@forms.example.com', 'Reply-To': `${'c'.repeat(290)}@example.com` }, COMPLAINT)],
  ['a group as From', mail({ From: 'Complaints: ann@example.com, bob@example.com;' }, COMPLAINT)],
  ['an internationalised domain', mail({ From: 'José <jose@bäckerei.example>' }, COMPLAINT)],
];

// Generated cases: random lengths around every limit, from a fixed seed.
const next = random(11);
const pick = <T,>(values: T[]) => values[Math.floor(next() * values.length)]!;
for (let i = 0; i < 24; i += 1) {
  const local = 'x'.repeat(pick([1, 60, 64, 200, 250, 400]));
  const reference = `R${'9'.repeat(pick([2, 100, 126, 127, 128, 129, 500]))}`;
  EDGE_CASES.push([
    `generated case ${i + 1}`,
    mail(
      {
        From: `"${'n'.repeat(pick([0, 119, 120, 121, 300]))}" <${local}@d.example>`,
        Subject: `${'s'.repeat(pick([0, 499, 500, 501, 2000]))} order ${reference}`,
        'Message-ID': `<${'i'.repeat(pick([1, 399, 400, 401, 900]))}.${i}@example.com>`,
      },
      `${COMPLAINT} ${'ü'.repeat(pick([0, 19_990, 20_000, 25_000]))} invoice ${reference}`,
    ),
  ]);
}

const fixtures = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.eml'))
  .sort()
  .map((file) => [file, readFileSync(`${FIXTURES}/${file}`)] as [string, Buffer]);

describe('parse -> queue message schema', () => {
  it.each([...fixtures, ...EDGE_CASES])('%s: accepted mail makes a valid queue message', async (_name, raw) => {
    // Act
    const verdict = await readInboundEmail(raw, { orderPatterns: ['\\b(ZZ-\\w+)\\b'] });

    // Assess
    if (verdict.action !== 'accept') {
      expect(verdict.reason).toMatch(/^[a-z-]+$/);
      return;
    }
    const message = feedbackMessageSchema.safeParse(emailMessage(verdict.email, 'email-test', 'inbound/2026-11-23/x.eml', new Date()));
    expect(message.success, message.success ? '' : JSON.stringify(message.error.issues.slice(0, 3))).toBe(true);
  });

  it('refuses a From address longer than an address can be, with the reason', async () => {
    // Act
    const verdict = await readInboundEmail(EDGE_CASES[0]![1]);

    // Assess
    expect(verdict).toMatchObject({ action: 'reject', reason: 'missing-from' });
    expect('detail' in verdict && verdict.detail).toContain('300 characters');
  });

  it('keeps order references an order id can be, and drops longer ones', async () => {
    // Act
    const long = await readInboundEmail(EDGE_CASES[2]![1]);
    const limit = await readInboundEmail(EDGE_CASES[3]![1]);

    // Assess
    expect(long.action).toBe('accept');
    expect(long.email?.orderIds).toEqual([]);
    expect(limit.email?.orderIds).toEqual([`A${'7'.repeat(127)}`]);
  });
});

describe('through the local stack', () => {
  let stack: TestStack;
  let dynamo: DynamoDBDocumentClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    stack = await startTestStack({ EARSHOT_FIRST_COMPLAINT_ALERTS: 'off', EARSHOT_RECURRING_TOPIC_THRESHOLD: '100' }, { retryDelaySeconds: 0 });
    ({ dynamo, sqs } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function outcome(id: string): Promise<{ recorded: boolean; setAside?: { reason: string } }> {
    const get = (pk: string, sk: string) => dynamo.send(new GetCommand({ TableName: 'earshot', Key: { pk, sk }, ConsistentRead: true }));
    const recorded = Boolean((await get(`FEEDBACK#${id}`, '#FEEDBACK')).Item);
    const aside = (await get(`DAY#${localDate(new Date(), stack.config.business.timeZone)}`, `SETASIDE#${id}`)).Item;
    return { recorded, ...(aside ? { setAside: { reason: String(aside.reason) } } : {}) };
  }

  async function deadLetters(): Promise<number> {
    let total = 0;
    for (const queue of Object.values(stack.queues)) {
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
      total += Number(Attributes?.ApproximateNumberOfMessages ?? 0);
    }
    return total;
  }

  it('ends every fixture and edge case as a record or a set-aside input with its reason', { timeout: 120_000 }, async () => {
    // Act
    const ids = new Map<string, string>();
    for (const [name, raw] of [...fixtures, ...EDGE_CASES]) {
      const answer = await stack.fetch('/_local/inbound-email', { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: raw });
      expect(answer.status, name).toBe(202);
      ids.set(name, ((await answer.json()) as { id: string }).id);
    }

    // Assess
    const deadline = Date.now() + 90_000;
    const pending = new Map(ids);
    while (pending.size && Date.now() < deadline) {
      for (const [name, id] of pending) {
        const result = await outcome(id);
        if (result.recorded || result.setAside) pending.delete(name);
      }
      if (pending.size) await new Promise((r) => setTimeout(r, 200));
    }
    expect([...pending.keys()]).toEqual([]);
    expect(await outcome(ids.get('a From address of 300 characters')!)).toMatchObject({ recorded: false, setAside: { reason: 'missing-from' } });
    expect((await outcome(ids.get('an order reference of 200 characters')!)).recorded).toBe(true);
    expect(await deadLetters()).toBe(0);
  });

  it('sets aside a queue message that does not match the schema, with its reason, instead of retrying it', async () => {
    // Prepare: a message as an older or foreign producer might send it.
    const message = { version: 1, id: 'email-foreign-1', channel: 'email', receivedAt: new Date().toISOString(), rawKey: 'inbound/x.eml', text: 'Hi', customer: { email: `${'q'.repeat(300)}@example.com` }, orderIds: [] };

    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl: stack.queues.feedback.url, MessageBody: JSON.stringify(message) }));

    // Assess
    const deadline = Date.now() + 15_000;
    let result = await outcome('email-foreign-1');
    while (!result.setAside && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      result = await outcome('email-foreign-1');
    }
    expect(result).toEqual({ recorded: false, setAside: { reason: 'invalid-message' } });
    expect(await deadLetters()).toBe(0);
  });
});
