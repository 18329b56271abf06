import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SuppressingMailer } from '#shared/adapters/suppressing-mailer.ts';
import { parseMailEvent, type MailEvent } from '#shared/domain/mail-event.ts';
import type { Mailer, OutgoingEmail } from '#shared/ports/mailer.ts';
import type { SuppressionList } from '#shared/ports/suppression.ts';
import { MAIL_COUNTERS, recordMailEvent } from '#shared/use-cases/mail-events.ts';
import { snsNotification } from '../helpers/events.ts';

const fixture = (name: string) => readFileSync(`test/fixtures/ses/${name}.json`, 'utf8');

function event(name: string): MailEvent {
  const result = parseMailEvent(fixture(name));
  if (!('event' in result)) throw new Error(JSON.stringify(result));
  return result.event;
}

/** The suppression list's port, in memory (the Dynamo adapter is tested against the emulator). */
function memorySuppressions(): SuppressionList & { addresses: Map<string, string> } {
  const addresses = new Map<string, string>();
  const events = new Set<string>();
  return {
    addresses,
    suppress: async (address, reason) => (addresses.has(address) ? false : (addresses.set(address, reason), true)),
    suppressed: async (list) => new Set(list.filter((a) => addresses.has(a))),
    firstTime: async (id) => (events.has(id) ? false : (events.add(id), true)),
  };
}

describe('SES bounce and complaint events', () => {
  it('reads SES event records, raw or inside an SNS notification, and ignores other event types', () => {
    expect(event('bounce-permanent')).toEqual({
      kind: 'bounce',
      id: '01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000',
      suppress: true,
      recipients: ['gone@customer.example'],
      reason: 'Permanent/General',
      messageId: 'EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000',
      at: '2026-03-02T09:41:02.669Z',
    });
    expect(event('complaint')).toMatchObject({ kind: 'complaint', suppress: true, recipients: ['annoyed@customer.example'], reason: 'complaint: abuse' });
    expect(event('bounce-transient')).toMatchObject({ kind: 'bounce', suppress: false, reason: 'Transient/MailboxFull' });
    expect(parseMailEvent(snsNotification(fixture('complaint')))).toEqual({ event: event('complaint') });
    expect(parseMailEvent(fixture('delivery'))).toEqual({ ignored: 'Delivery' });
    expect(parseMailEvent('{"eventType":"Bounce","bounce":{}}')).toMatchObject({ invalid: expect.stringContaining('bounce.') });
    expect(parseMailEvent('not json')).toEqual({ invalid: 'message body is not JSON' });
  });

  it('suppresses a permanently bounced or complaining address once, counts every bounce and complaint once per event', async () => {
    const suppressions = memorySuppressions();
    const counted: Array<[string, Record<string, number>]> = [];
    const deps = { suppressions, stats: { count: async (day: string, counters: Record<string, number>) => (counted.push([day, counters]), counters) }, timeZone: 'Europe/Madrid', now: () => new Date('2026-03-02T12:00:00Z') };
    expect(await recordMailEvent(event('bounce-permanent'), deps)).toEqual({ counted: true, suppressed: ['gone@customer.example'] });
    expect(await recordMailEvent(event('bounce-permanent'), deps)).toEqual({ counted: false, suppressed: [] });
    expect(await recordMailEvent(event('complaint'), deps)).toEqual({ counted: true, suppressed: ['annoyed@customer.example'] });
    expect(await recordMailEvent(event('bounce-transient'), deps)).toEqual({ counted: true, suppressed: [] });
    expect([...suppressions.addresses.keys()]).toEqual(['gone@customer.example', 'annoyed@customer.example']);
    expect(counted).toEqual([
      ['2026-03-02', { [MAIL_COUNTERS.bounce]: 1 }],
      ['2026-03-02', { [MAIL_COUNTERS.complaint]: 1 }],
      ['2026-03-02', { [MAIL_COUNTERS.bounce]: 1 }],
    ]);
  });

  it('sends no further mail to a suppressed address', async () => {
    const suppressions = memorySuppressions();
    await suppressions.suppress('gone@customer.example', 'Permanent/General', new Date());
    const sent: OutgoingEmail[] = [];
    const inner: Mailer = { send: async (email) => (sent.push(email), { messageId: `m-${sent.length}` }) };
    const mailer = new SuppressingMailer(inner, suppressions);
    const email = (to: string[]) => ({ to, subject: 'How was your order?', html: '<p>Hi</p>', text: 'Hi' });
    expect(await mailer.send(email(['Gone@Customer.example']))).toEqual({ messageId: 'suppressed', suppressed: ['Gone@Customer.example'] });
    expect(await mailer.send(email(['owner@shop.example', 'gone@customer.example']))).toEqual({ messageId: 'm-1', suppressed: ['gone@customer.example'] });
    expect(await mailer.send(email(['fine@customer.example']))).toEqual({ messageId: 'm-2' });
    expect(sent.map((e) => e.to)).toEqual([['owner@shop.example'], ['fine@customer.example']]);
  });
});
