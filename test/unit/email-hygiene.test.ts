import { describe, expect, it } from 'vitest';
import { customerTextView, defang, viewCustomerUrl } from '#shared/domain/customer-url.ts';
import { complaintAlertEmail } from '#shared/emails/complaint-alert.ts';
import { hygienicEmail, MAX_LINE_LENGTH, oneLine, showInvisible, wrapHtml, wrapText } from '#shared/emails/hygiene.ts';
import { headerSafe } from '#shared/web/html.ts';

const INVISIBLE = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\uFEFF'];
const HIDDEN = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

describe('headers', () => {
  it.each(INVISIBLE.map((c) => [`U+${c.charCodeAt(0).toString(16).toUpperCase()}`, c]))('removes %s from header text', (_name, char) => {
    expect(headerSafe(`URGENT: Illness reported by ${char}gnp.exe Ann`)).toBe('URGENT: Illness reported by gnp.exe Ann');
  });

  it('keeps line breaks, C1 controls and NUL out of the subject and every header, and drops bad header names', () => {
    // Act
    const email = hygienicEmail({
      to: ['owner@example.com', 'bad\u202E@example.com', 'two words@example.com'],
      subject: 'New complaint from Eve\r\nBcc: victim@example.com\u0085\u0000',
      html: '<p>x</p>',
      text: 'x',
      headers: { 'X-Earshot-Alert': 'first\r\n complaint\u202E', 'Bad Name': 'x', 'X:Colon': 'y' },
      replyTo: ['eve@example.com\r\nBcc: x@example.com'],
    });

    // Assess
    expect(email.subject).toBe('New complaint from Eve Bcc: victim@example.com');
    expect(email.to).toEqual(['owner@example.com']);
    expect(email.headers).toEqual({ 'X-Earshot-Alert': 'first complaint' });
    expect(email.replyTo).toBeUndefined();
  });

  it("keeps the business's named sender (a reply from the console), on one line", () => {
    const email = hygienicEmail({ from: '"Corner Bakery" <hello@cornerbakery.example>', to: ['maria@example.com'], subject: 's', html: '<p>x</p>', text: 'x' });
    expect(email.from).toBe('"Corner Bakery" <hello@cornerbakery.example>');
    expect(hygienicEmail({ from: '"Corner\r\nBcc: x@example.com" <a@b.example>', to: ['m@example.com'], subject: 's', html: '', text: '' }).from).not.toMatch(/[\r\n]/);
  });
});

describe('bodies', () => {
  it('shows invisible format characters as escapes in both parts', () => {
    // Act
    const email = hygienicEmail({ to: ['o@example.com'], subject: 's', html: '<p>\u202Egnp.exe</p>', text: 'Customer: \u202Egnp.exe \u200B\uFEFF' });

    // Assess
    expect(email.text).toBe('Customer: [U+202E]gnp.exe [U+200B][U+FEFF]');
    expect(email.html).toBe('<p>[U+202E]gnp.exe</p>');
    expect(HIDDEN.test(email.text + email.html)).toBe(false);
    expect(showInvisible('plain')).toBe('plain');
  });

  it('wraps text lines longer than 998 characters at a space, or at the limit when there is none', () => {
    // Prepare
    const words = Array.from({ length: 600 }, (_, i) => `word${i}`).join(' ');
    const solid = 'x'.repeat(3000);
    const emoji = `${'y'.repeat(MAX_LINE_LENGTH - 1)}😡${'z'.repeat(10)}`;

    // Act
    const wrapped = [wrapText(words), wrapText(solid), wrapText(emoji)];

    // Assess
    for (const text of wrapped) for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
    expect(wrapped[0]!.replace(/\n/g, ' ')).toBe(words);
    expect(wrapped[1]!.replace(/\n/g, '')).toBe(solid);
    expect(wrapped[2]!.replace(/\n/g, '')).toBe(emoji);
    expect(wrapped[2]).not.toMatch(/[\ud800-\udbff]\n/);
  });

  it('wraps HTML lines longer than 998 characters without changing what is shown', () => {
    // Prepare: a long run of text with entities, a long run of attributes, and an emoji at the edge.
    const text = `${'&amp;'.repeat(400)}${'x'.repeat(2500)}${'😡'.repeat(600)}`;
    const markup = `<p style="color:#000" ${Array.from({ length: 200 }, (_, i) => `data-a${i}="v"`).join(' ')}>${text}</p>`;

    // Act
    const wrapped = wrapHtml(markup);

    // Assess
    for (const line of wrapped.split('\n')) expect(line.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
    expect(wrapped.replace(/<wbr\n>/g, '').replace(/\n/g, ' ')).toBe(markup);
    expect(wrapped).not.toMatch(/&[a-z]*<wbr/);
    expect(wrapped).not.toMatch(/[\ud800-\udbff]<wbr/);
  });

  it('puts a customer name with a line break on one line in the text part of an alert', () => {
    // Act
    const { text } = complaintAlertEmail({
      subject: 'New complaint from Eve',
      headline: 'New complaint from Eve',
      feedback: {
        id: 'f-1',
        channel: 'social',
        receivedAt: '2026-11-23T09:00:00.000Z',
        text: 'Terrible. See https://evil.example/x',
        customer: { name: 'Eve\r\nBcc: victim@example.com', handle: '@eve\nTo: x' },
        orderIds: ['A-1\r\nCc: y'],
        source: 'Google\nSubject: z',
        url: 'https://google.com@evil.example/review',
        classification: { topics: [], cues: [] },
      },
      nextSteps: ['Reply.'],
      businessName: 'Corner Bakery',
      timeZone: 'UTC',
    });

    // Assess
    expect(text.split('\n').filter((line) => /^(Bcc|Cc|To|Subject):/i.test(line))).toEqual([]);
    expect(text).toContain('Customer: Eve Bcc: victim@example.com');
    expect(text).toContain('Post: https[:]//evil[.]example/review (site: evil[.]example)');
    expect(text).toContain('Link warning: This link may deceive: the part before "@" only pretends to be the site: the link goes to evil[.]example.');
    expect(text).toContain('> Terrible. See https[:]//evil[.]example/x');
  });

  it('makes one line of any line break', () => {
    expect(oneLine('a\r\nb\nc\rd\u2028e\u2029f\u0085g')).toBe('a b c d e f g');
  });
});

describe('links from customers', () => {
  it('shows an ordinary link as text with its host, and no warning', () => {
    expect(viewCustomerUrl('https://maps.google.com/place/123?x=1')).toEqual({ text: 'https[:]//maps[.]google[.]com/place/123?x=1', host: 'maps[.]google[.]com', warnings: [] });
  });

  it.each([
    ['a user name before @', 'https://paypal.com@evil.example/login', /only pretends to be the site: the link goes to evil\[\.\]example/],
    ['a punycode host', 'https://xn--pypal-4ve.com/', /look-alike letters: pаypal\[\.\]com is really xn--pypal-4ve\[\.\]com/],
    ['look-alike letters from another alphabet', 'https://pаypal.com/', /look-alike letters/],
    ['a control character', 'https://shop.example/\u0007x', /hidden or control characters/],
    ['a bidi override', 'https://shop.example/\u202Egpj.exe', /hidden or control characters/],
    ['a scheme that is no web page', 'javascript:alert(1)', /a javascript link/],
    ['no link at all', 'not a link', /not a valid link/],
  ])('flags %s', (_name, raw, warning) => {
    const view = viewCustomerUrl(raw);
    expect(view.warnings.join(' | ')).toMatch(warning);
    expect(view.text).not.toMatch(/https?:\/\//);
  });

  it('writes the links in customer text as text and collects the warnings of deceptive ones', () => {
    // Act
    const view = customerTextView('See www.shop.example/a, and https://bank.example@evil.example/. Thanks!');

    // Assess
    expect(view.text).toBe('See www[.]shop[.]example/a, and https[:]//evil[.]example/. Thanks!');
    expect(view.warnings).toHaveLength(1);
    expect(view.warnings[0]).toContain('evil[.]example');
    expect(defang('a.b://c')).toBe('a[.]b[:]//c');
  });
});
