import { describe, expect, it } from 'vitest';
import { ageLabel, agoLabel, applyCaseAction, caseIdFor, CaseStateError, inboxSortKey, isCaseId, openCase, searchWords, type CaseRecord } from '#shared/domain/case.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import { caseFinders, finderFor, suggestedReply } from '#shared/use-cases/cases.ts';

const NOW = new Date('2026-11-20T10:00:00Z');

function item(overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return {
    id: 'survey-1',
    channel: 'survey',
    receivedAt: '2026-11-20T09:00:00Z',
    processedAt: '2026-11-20T09:00:01Z',
    rawKey: 'raw/1',
    text: 'The bread was stale.',
    customer: { email: 'Maria@Example.com', name: 'María López' },
    orderIds: ['A-1001'],
    classification: { sentiment: 'negative', score: -0.6, complaint: true, urgent: false, cues: [], topics: ['product-quality'], language: 'en' },
    complaint: true,
    customerId: 'c_1',
    ...overrides,
  };
}

const act = (record: CaseRecord, action: Parameters<typeof applyCaseAction>[1], at = NOW) => applyCaseAction(record, action, 'owner@example.com', at, `${at.toISOString()}#x`);

describe('case ids', () => {
  it('derives one lower-case id per opening item, the same every time', () => {
    expect(caseIdFor('survey-1')).toBe(caseIdFor('survey-1'));
    expect(caseIdFor('survey-1')).not.toBe(caseIdFor('survey-2'));
    expect(isCaseId(caseIdFor('survey-1'))).toBe(true);
    expect(isCaseId('ABCDEFGHIJKLMNOP')).toBe(false);
    expect(isCaseId('../../etc/passwd')).toBe(false);
  });
});

describe('case state', () => {
  it('opens new, with the customer, quote, order and item', () => {
    const record = openCase(item(), false, NOW);
    expect(record).toMatchObject({ status: 'new', urgent: false, channel: 'survey', openedBy: 'survey-1', feedbackIds: ['survey-1'], orderIds: ['A-1001'], version: 0 });
    expect(record.customer.email).toBe('maria@example.com');
    expect(record.quote).toBe('The bread was stale.');
  });

  it('is acknowledged by the first reply, which sets the first response once', () => {
    const opened = openCase(item(), false, NOW);
    const { next, event } = act(opened, { kind: 'reply', text: 'Sorry', messageId: 'm1' });
    expect(next).toMatchObject({ status: 'acknowledged', firstResponseAt: NOW.toISOString(), replies: 1, version: 1 });
    expect(event).toMatchObject({ kind: 'reply', by: 'owner@example.com', text: 'Sorry', messageId: 'm1' });
    const later = new Date(NOW.getTime() + 60_000);
    expect(act(next, { kind: 'replied-elsewhere' }, later).next.firstResponseAt).toBe(NOW.toISOString());
  });

  it('closes when handled, refuses to close twice, and reopens acknowledged when it was answered', () => {
    const answered = act(openCase(item(), false, NOW), { kind: 'replied-elsewhere' }).next;
    const handled = act(answered, { kind: 'handled', text: 'Refunded' });
    expect(handled.next).toMatchObject({ status: 'handled', handledAt: NOW.toISOString() });
    expect(handled.event.text).toBe('Refunded');
    expect(() => act(handled.next, { kind: 'handled' })).toThrow(CaseStateError);
    const reopened = act(handled.next, { kind: 'reopen' });
    expect(reopened.next.status).toBe('acknowledged');
    expect(reopened.next.handledAt).toBeUndefined();
    expect(reopened.event.kind).toBe('reopened');
    expect(() => act(reopened.next, { kind: 'reopen' })).toThrow(CaseStateError);
  });

  it('reopens as new when the customer answers, urgent when the answer is', () => {
    const handled = act(act(openCase(item(), false, NOW), { kind: 'reply', text: 'Sorry', messageId: 'm' }).next, { kind: 'handled' }).next;
    const { next, event } = act(handled, { kind: 'customer-reply', feedbackId: 'email-2', urgent: true, text: 'Still broken' });
    expect(next).toMatchObject({ status: 'new', urgent: true, feedbackIds: ['survey-1', 'email-2'] });
    expect(next.handledAt).toBeUndefined();
    expect(event).toMatchObject({ kind: 'customer-reply', feedbackId: 'email-2', text: 'Still broken' });
  });

  it('keeps notes on the timeline without changing the state', () => {
    const opened = openCase(item(), false, NOW);
    const { next, event } = act(opened, { kind: 'note', text: 'Called, no answer' });
    expect(next.status).toBe('new');
    expect(event).toMatchObject({ kind: 'note', text: 'Called, no answer', by: 'owner@example.com' });
  });

  it('adds follow-ups and alerts once each', () => {
    let record = openCase(item(), false, NOW);
    record = act(record, { kind: 'follow-up', feedbackId: 'survey-2', urgent: false }).next;
    record = act(record, { kind: 'follow-up', feedbackId: 'survey-2', urgent: false }).next;
    record = act(record, { kind: 'alert', incidentKey: 'complaint:survey-1', subject: 'New complaint', urgent: true }).next;
    record = act(record, { kind: 'alert', incidentKey: 'complaint:survey-1', subject: 'New complaint', urgent: true }).next;
    expect(record.feedbackIds).toEqual(['survey-1', 'survey-2']);
    expect(record.alertKeys).toEqual(['complaint:survey-1']);
    expect(record.urgent).toBe(true);
  });

  it('takes the order and its customer when the owner links a quoted order, keeping the status', () => {
    const record = openCase(item({ orderIds: [], customerId: 'c_sender' }), false, NOW);
    const { next, event } = act(record, { kind: 'order-linked', orderId: 'B-7', customerId: 'c_order' });
    expect(next).toMatchObject({ orderIds: ['B-7'], customerId: 'c_order', status: 'new', version: 1 });
    expect(event).toMatchObject({ kind: 'order-linked', by: 'owner@example.com', text: 'Order B-7' });
    expect(act(next, { kind: 'order-linked', orderId: 'B-7', customerId: 'c_order' }).next.orderIds).toEqual(['B-7']);
  });

  it('sorts open cases urgent first, then oldest; handled ones by when they were handled', () => {
    const older = { status: 'new' as const, urgent: false, openedAt: '2026-11-01T00:00:00Z', caseId: 'a' };
    const newerUrgent = { status: 'acknowledged' as const, urgent: true, openedAt: '2026-11-10T00:00:00Z', caseId: 'b' };
    const newer = { status: 'new' as const, urgent: false, openedAt: '2026-11-05T00:00:00Z', caseId: 'c' };
    expect([older, newerUrgent, newer].map(inboxSortKey).sort()).toEqual([newerUrgent, older, newer].map(inboxSortKey));
    expect(inboxSortKey({ status: 'handled', urgent: true, openedAt: 'x', handledAt: '2026-11-12T00:00:00Z', caseId: 'd' })).toBe('2026-11-12T00:00:00Z#d');
  });

  it('says how old a case is', () => {
    expect(ageLabel('2026-11-20T09:58:00Z', NOW)).toBe('2 min');
    expect(ageLabel('2026-11-20T05:00:00Z', NOW)).toBe('5 h');
    expect(ageLabel('2026-11-15T10:00:00Z', NOW)).toBe('5 days');
  });

  it('says how long ago without "just now ago" (the inbox row and the case page read it)', () => {
    expect(agoLabel('2026-11-20T10:00:00Z', NOW)).toBe('just now');
    expect(agoLabel('2026-11-20T09:58:00Z', NOW)).toBe('2 min ago');
    expect(agoLabel('2026-11-15T10:00:00Z', NOW)).toBe('5 days ago');
  });
});

describe('finding cases', () => {
  it('indexes email, phone, orders, name words (accents folded) and the customer', () => {
    const record = openCase(item({ customer: { email: 'maria@example.com', name: 'María López', phone: '+34 600 123 456' } }), false, NOW);
    expect(caseFinders(record)).toEqual([
      { kind: 'email', value: 'maria@example.com' },
      { kind: 'phone', value: '+34600123456' },
      { kind: 'order', value: 'A-1001' },
      { kind: 'name', value: 'maria' },
      { kind: 'name', value: 'lopez' },
      { kind: 'customer', value: 'c_1' },
    ]);
    expect(searchWords('  Dr. JOSÉ  o\'Neil ')).toEqual(['dr', 'jose', 'neil']);
  });

  it('reads the search box as an email, a phone, an order number or a name', () => {
    expect(finderFor('Maria@Example.com')).toEqual([{ kind: 'email', value: 'maria@example.com' }]);
    expect(finderFor('+34 600 123 456')).toContainEqual({ kind: 'phone', value: '+34600123456' });
    expect(finderFor('#a-1001')).toEqual([{ kind: 'order', value: 'A-1001' }]);
    expect(finderFor('López')).toEqual([{ kind: 'name', value: 'lopez' }]);
    expect(finderFor('   ')).toEqual([]);
  });
});

describe('suggested first reply', () => {
  it('greets by first name in the customer language, signed by the business', () => {
    expect(suggestedReply('en', 'Maria Lopez', 'Corner Bakery')).toMatch(/^Hello Maria,[\s\S]*Corner Bakery$/);
    expect(suggestedReply('de', 'Jonas Weber', 'Bäckerei')).toMatch(/^Hallo Jonas,/);
    expect(suggestedReply('fr', undefined, 'Chez Nous')).toMatch(/^Bonjour,/);
    expect(suggestedReply('xx', undefined, 'Shop')).toMatch(/^Hello there,/);
  });
});
