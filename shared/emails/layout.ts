import { html, type SafeHtml } from '#shared/web/html.ts';

/**
 * The frame of every HTML email: table layout and inline styles, because many email clients drop
 * `<style>` blocks and ignore modern CSS; no scripts; readable at phone width.
 */
export function emailLayout(options: { title: string; preheader?: string; body: SafeHtml; footer?: SafeHtml }): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${options.title}</title>
</head>
<body style="margin:0;padding:0;background:#f4f4f5;">
<div style="display:none;max-height:0;overflow:hidden;">${options.preheader ?? ''}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f5;">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-radius:8px;">
<tr><td style="padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#18181b;word-wrap:break-word;overflow-wrap:anywhere;">
${options.body}
</td></tr>
${options.footer ? html`<tr><td style="padding:16px 24px;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:1.5;color:#52525b;border-top:1px solid #e4e4e7;">${options.footer}</td></tr>` : ''}
</table>
</td></tr>
</table>
</body>
</html>`.value;
}

/** A quoted block of customer text in an email, escaped, line breaks kept. */
export function quoteBlock(text: SafeHtml): SafeHtml {
  return html`<blockquote style="margin:12px 0;padding:8px 12px;border-left:4px solid #a1a1aa;background:#fafafa;color:#27272a;white-space:normal;">${text}</blockquote>`;
}

/** A bullet-proof button link (table cell, inline styles) in the business's accent colour. */
export function buttonLink(href: string, label: string, accent = '#1d4ed8'): SafeHtml {
  return html`<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td style="${`border-radius:6px;background:${accent};`}"><a href="${href}" style="${`display:inline-block;padding:12px 20px;font-family:Arial,Helvetica,sans-serif;font-size:16px;color:#ffffff;text-decoration:none;font-weight:bold;background:${accent};border-radius:6px;`}">${label}</a></td></tr></table>`;
}

/** Text for the plain-text part: customer text quoted with `> `, line by line. */
export function quoteText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}
