import { describe, expect, it } from 'vitest';
import { escapeHtml, headerSafe, html, multiline } from '#shared/web/html.ts';

describe('HTML escaping', () => {
  it('escapes every interpolated value', () => {
    const evil = `"><script>alert('x')</script>&`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>',
    );
    expect(escapeHtml('`')).toBe('&#96;');
  });

  it('nests safe fragments without escaping them twice', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${[html`<br>`, '<br>']}</p>`.value).toBe('<p><b>&lt;i&gt;</b><br>&lt;br&gt;</p>');
  });

  it('keeps line breaks of quoted text', () => {
    expect(multiline('a<b\nc').value).toBe('a&lt;b<br>c');
  });

  it('keeps CR and LF out of headers', () => {
    expect(headerSafe('Jane\r\nBcc: victim@example.com')).toBe('Jane Bcc: victim@example.com');
    expect(headerSafe('x'.repeat(300), 20)).toHaveLength(20);
    expect(headerSafe('a\u2028b')).toBe('a b');
  });
});
