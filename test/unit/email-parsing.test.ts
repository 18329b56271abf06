import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cutHtmlQuote, decodeEntities, htmlToText } from '#shared/email/html-text.ts';
import { canDecodeCharset, MAX_EMAIL_BYTES, orderReferences, readInboundEmail } from '#shared/email/inbound-email.ts';
import { splitReply } from '#shared/email/reply-text.ts';

interface Expected {
  verdict: 'accept' | 'skip' | 'reject';
  reason?: string;
  sender?: string;
  name?: string;
  subject?: string;
  threadId?: string;
  messageIdPrefix?: string;
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
      if (want.messageIdPrefix) expect(email?.messageId?.startsWith(want.messageIdPrefix)).toBe(true);
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

function mail(headers: string[], body: string): Buffer {
  return Buffer.from([...headers, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'));
}

describe('reply text in other shapes', () => {
  it('cuts French, Spanish and German attributions, also wrapped over two lines', () => {
    expect(splitReply('Très déçu.\n\nLe lun. 23 nov. 2026 à 08:00, Corner Bakery <hello@cornerbakery.example> a\nécrit :\n> Merci').text).toBe('Très déçu.');
    expect(splitReply('Muy mal.\n\nEl lun, 23 nov 2026 a las 8:00, Corner Bakery (<hello@cornerbakery.example>) escribió:\n> Gracias').text).toBe('Muy mal.');
    expect(splitReply('Schlecht.\n\nAm Mo., 23. Nov. 2026 um 08:00 Uhr schrieb Corner Bakery <\nhello@cornerbakery.example>:\n> Danke').text).toBe('Schlecht.');
  });

  it('cuts an Outlook header block with localised labels and an "Original Message" separator', () => {
    expect(splitReply('Encore rien.\n\nDe : Corner Bakery <hello@cornerbakery.example>\nEnvoyé : vendredi 20 novembre 2026 16:12\nÀ : Moi').text).toBe('Encore rien.');
    expect(splitReply('Still broken.\n\n-----Original Message-----\nFrom: Corner Bakery\nSent: Friday').text).toBe('Still broken.');
  });

  it('keeps inline answers between quoted lines and drops the quoted lines', () => {
    expect(splitReply('> Was the cake fresh?\nNo, it was stale.\n> And the staff?\nRude.').text).toBe('No, it was stale.\nRude.');
  });

  it('cuts mobile footers and a closing formula with the name under it, but never the whole message', () => {
    expect(splitReply('The bread was stale.\n\nSent from my Galaxy S24').text).toBe('The bread was stale.');
    expect(splitReply('The bread was stale.\n\nVon meinem iPhone gesendet').text).toBe('The bread was stale.');
    expect(splitReply('The bread was stale.\n\nKind regards,\nJane Doe\nHead of Office').text).toBe('The bread was stale.');
    expect(splitReply('Thanks!').text).toBe('Thanks!');
    expect(splitReply('Best regards to the baker, the cake was lovely.').text).toBe('Best regards to the baker, the cake was lovely.');
  });
});

describe('HTML to text', () => {
  it('decodes named (case-sensitive Latin-1) and numeric entities, and leaves unknown names', () => {
    expect(decodeEntities('caf&eacute; &Eacute;T&Eacute; &euro;5 &#8364; &#x201C;x&#x201D; &bogus;')).toBe('café ÉTÉ €5 € “x” &bogus;');
  });

  it('turns blocks, lists, tables and images into readable lines without markup, styles or scripts', () => {
    const text = htmlToText(
      '<html><head><style>p{color:red}</style></head><body><h1>Order</h1><p>Line one<br>line two</p><ul><li>a</li><li>b</li></ul><table><tr><td>Cake</td><td>2</td></tr></table><img src="x" alt="logo"><script>alert(1)</script><pre>keep\nlines</pre></body></html>',
    );
    expect(text).toBe('Order\n\nLine one\nline two\n\n- a\n- b\n\nCake 2\n\nlogo\nkeep\nlines');
  });

  it('cuts Gmail, Apple Mail, Outlook and Thunderbird quotes and Gmail signatures', () => {
    expect(htmlToText(cutHtmlQuote('<div>New</div><div class="gmail_signature">Jane</div><div class="gmail_quote">Old</div>'))).toBe('New');
    expect(htmlToText(cutHtmlQuote('<div>New</div><blockquote type="cite">Old</blockquote>'))).toBe('New');
    expect(htmlToText(cutHtmlQuote('<p>New</p><div id="divRplyFwdMsg"><b>From:</b> x</div>'))).toBe('New');
    expect(htmlToText(cutHtmlQuote('<p>New</p><div class="moz-cite-prefix">On … wrote:</div>'))).toBe('New');
  });
});

describe('inbound email decisions', () => {
  const base = ['To: hello@cornerbakery.example', 'Subject: Late', 'Message-ID: <d-1@example.com>', 'Date: Mon, 23 Nov 2026 09:00:00 +0000'];

  it('takes Reply-To only when From is a relay address, and rejects a message without From', async () => {
    const relay = await readInboundEmail(mail(['From: Website <wordpress@cornerbakery.example>', 'Reply-To: Kim Lee <Kim.Lee@Example.com>', ...base], 'The cake was late.'));
    expect(relay).toMatchObject({ action: 'accept', email: { sender: 'kim.lee@example.com', name: 'Kim Lee' } });
    const noFrom = await readInboundEmail(mail(['Reply-To: Kim Lee <kim@example.com>', ...base], 'The cake was late.'));
    expect(noFrom).toMatchObject({ action: 'reject', reason: 'missing-from' });
  });

  it('does not take a complaint about being away for an out-of-office reply', async () => {
    const verdict = await readInboundEmail(mail(['From: Kim Lee <kim@example.com>', ...base], 'I was away last week and when I came back my order was still not delivered.'));
    expect(verdict.action).toBe('accept');
  });

  it('skips Precedence junk and list, and accepts Precedence first-class', async () => {
    for (const [precedence, action] of [['junk', 'skip'], ['list', 'skip'], ['first-class', 'accept']] as const) {
      const verdict = await readInboundEmail(mail(['From: Kim Lee <kim@example.com>', `Precedence: ${precedence}`, ...base], 'The cake was late.'));
      expect(verdict.action).toBe(action);
    }
  });

  it('knows which charsets it can decode, as postal-mime looks them up', () => {
    for (const label of ['utf-8', 'ISO-8859-1', 'windows-1252', 'cp1252', 'x-euc-jp', 'ks_c_5601-1987', 'cp932', 'us-ascii']) expect(canDecodeCharset(label)).toBe(true);
    for (const label of ['x-klingon-99', 'cp850', 'utf-7']) expect(canDecodeCharset(label)).toBe(false);
  });

  it('gives the same Message-ID-less message the same id each time', async () => {
    const raw = mail(['From: Kim Lee <kim@example.com>', 'To: hello@cornerbakery.example', 'Subject: Late'], 'The cake was late.');
    const [a, b] = await Promise.all([readInboundEmail(raw), readInboundEmail(raw)]);
    expect(a.email?.messageId).toMatch(/^sha256-/);
    expect(a.email?.messageId).toBe(b.email?.messageId);
  });
});
