import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_EMAIL_BYTES, orderReferences, readInboundEmail } from '#shared/email/inbound-email.ts';
import { splitReply } from '#shared/email/reply-text.ts';

interface Expected {
  verdict: 'accept' | 'skip' | 'reject';
  reason?: string;
  sender?: string;
  name?: string;
  subject?: string;
  threadId?: string;
  orderIds?: string[];
  attachments?: number;
  contains?: string[];
  notContains?: string[];
}

const dir = 'test/fixtures/email';
const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8')) as Record<string, Expected>;

describe('inbound email fixtures', () => {
  it('has an expected outcome for each of at least 30 messages', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(expected).sort()).toEqual(files.sort());
  });

  for (const [file, want] of Object.entries(expected)) {
    it(`${file}: ${want.verdict}${want.reason ? ` (${want.reason})` : ''}`, async () => {
      const verdict = await readInboundEmail(readFileSync(`${dir}/${file}`), { orderPatterns: [] });
      expect(verdict.action).toBe(want.verdict);
      if (want.reason) expect('reason' in verdict && verdict.reason).toBe(want.reason);
      const email = verdict.email;
      if (want.sender) expect(email?.sender).toBe(want.sender);
      if (want.name) expect(email?.name).toBe(want.name);
      if (want.subject) expect(email?.subject).toBe(want.subject);
      if (want.threadId) expect(email?.threadId).toBe(want.threadId);
      if (want.orderIds) expect(email?.orderIds).toEqual(want.orderIds);
      if (want.attachments !== undefined) expect(verdict.action === 'accept' && verdict.email.attachments).toBe(want.attachments);
      for (const phrase of want.contains ?? []) expect(email?.text).toContain(phrase);
      for (const phrase of want.notContains ?? []) expect(email?.text ?? '').not.toContain(phrase);
    });
  }
});

describe('reply text', () => {
  it('cuts an "On … wrote:" header wrapped over two lines', () => {
    const { text } = splitReply('Fine, thanks.\n\nOn Mon, 23 Nov 2026 at 08:00, Corner Bakery <hello@cornerbakery.example>\nwrote:\n> quoted');
    expect(text).toBe('Fine, thanks.');
  });

  it('rejects a message over 10 MB without parsing it', async () => {
    const verdict = await readInboundEmail(new Uint8Array(MAX_EMAIL_BYTES + 1));
    expect(verdict).toMatchObject({ action: 'reject', reason: 'too-large' });
  });

  it('finds configured order patterns', () => {
    expect(orderReferences('ref BK-99812 please', ['\\b(BK-\\d{5})\\b'])).toEqual(['BK-99812']);
  });
});
