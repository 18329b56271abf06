import { afterAll, beforeAll, expect, it } from 'vitest';
import { signMention } from '#shared/domain/mention.ts';
import { TEST_ENV } from '../helpers/emulators.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

/**
 * Hostile characters from customers against every email the local stack sends (alerts, the
 * invitation, the digest), read back from the SES emulator's store: no invisible format character,
 * CR or LF in any header; invisible characters only as visible escapes in bodies; no customer line
 * break starting a line of its own in a text part; no line over 998 characters; customer links as
 * text, deceptive ones flagged.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ EARSHOT_INVITE_DELAY_HOURS: '0', EARSHOT_RECURRING_TOPIC_THRESHOLD: '100' });
});

afterAll(async () => {
  await stack?.stop();
});

const HIDDEN = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
const BIDI_NAME = '\u202Egnp.exe Ann\u2066\u200B';
const LONG_WORD = 'A'.repeat(5000);

function mention(body: object) {
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  return stack.fetch('/v1/mentions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-earshot-timestamp': String(timestamp), 'x-earshot-signature': signMention(TEST_ENV.EARSHOT_WEBHOOK_SECRET, timestamp, raw) },
    body: raw,
  });
}

it('keeps hostile customer characters out of every header and every text-part line of every email sent', { timeout: 60_000 }, async () => {
  // Prepare and act: an alert from a mention, an alert from an email, an invitation, the digest.
  const posted = await mention({
    source: 'Google',
    externalId: 'hostile-1',
    url: 'https://xn--pypal-4ve.com/review/1',
    author: { name: `${BIDI_NAME}\r\nBcc: victim@example.com`, handle: '@eve\nTo: x' },
    text: `I got food poisoning here. Refund at https://paypal.com@evil.example/refund \u202Eexe.txt ${LONG_WORD}`,
    rating: 1,
    publishedAt: new Date().toISOString(),
  });
  expect(posted.status).toBe(202);
  const raw = [
    `From: =?utf-8?B?${Buffer.from(`${BIDI_NAME} Mallory`).toString('base64')}?= <mallory@example.com>`,
    'To: hello@cornerbakery.example',
    `Subject: =?utf-8?B?${Buffer.from('Sick after\u200B your \u202Ecake').toString('base64')}?=`,
    'Message-ID: <hostile-mail-1@example.com>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `My child was sick all night after your cake, we are calling a lawyer. ${'B'.repeat(3000)}`,
    '',
  ].join('\r\n');
  expect((await stack.fetch('/_local/inbound-email', { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: raw })).status).toBe(202);
  const order = (name: string) =>
    stack.fetch('/v1/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ENV.EARSHOT_API_KEY}` },
      body: JSON.stringify({ orderId: `H-${name.length}`, customer: { email: 'ann@example.com', name } }),
    });
  expect((await order('Ann\r\nBcc: victim@example.com')).status).toBe(400);
  expect((await order(BIDI_NAME)).status).toBe(202);
  await stack.waitForEmails((all) => all.filter((e) => e.subject.startsWith('URGENT:')).length >= 2, 15_000);
  await stack.runInvitations();
  expect((await stack.fetch('/_local/run/digest', { method: 'POST' })).status).toBe(200);
  const emails = await stack.outbox();

  // Assess
  expect(emails.length).toBeGreaterThanOrEqual(4);
  for (const email of emails) {
    for (const value of [email.subject, email.from, ...email.to, ...Object.entries(email.headers).flat()]) {
      expect(value, `header of "${email.subject}"`).not.toMatch(HIDDEN);
      expect(value, `header of "${email.subject}"`).not.toMatch(/[\r\n\u0000]/);
    }
    expect(email.text).not.toMatch(HIDDEN);
    expect(email.html).not.toMatch(HIDDEN);
    for (const line of [...email.text.split(/\r?\n/), ...email.html.split(/\r?\n/)]) expect(line.length, `a line of "${email.subject}"`).toBeLessThanOrEqual(998);
    expect(email.text.split(/\r?\n/).filter((line) => /^\s*(Bcc|Cc|To):/i.test(line)), `"${email.subject}"`).toEqual([]);
    expect(email.html).not.toMatch(/href="https?:\/\/(?:[^"]*@|xn--|paypal)/);
  }
  const alert = emails.find((e) => e.subject.startsWith('URGENT: Negative review on Google'))!;
  expect(alert.subject).toBe('URGENT: Negative review on Google (illness reported)');
  expect(alert.text).toContain('[U+202E]gnp.exe Ann');
  expect(alert.text).toContain('look-alike letters');
  expect(alert.text).toContain('only pretends to be the site: the link goes to evil[.]example');
  const mailAlert = emails.find((e) => e.subject.includes('Mallory'))!;
  expect(mailAlert.subject).toMatch(/^URGENT: .* by gnp\.exe Ann Mallory$/);
  const invitation = emails.find((e) => e.to.includes('ann@example.com'))!;
  expect(invitation.text).toContain('Hi [U+202E]gnp.exe Ann[U+2066][U+200B],');
});
