import { CHECK_IN_WORDING, type CheckInLanguage } from '#shared/domain/check-in.ts';
import { buttonLink, emailLayout } from '#shared/emails/layout.ts';
import type { OutgoingEmail } from '#shared/ports/mailer.ts';
import { headerSafe, html } from '#shared/web/html.ts';

/**
 * The check-in to the customer: a short email from the business asking "Did we put it right?" in
 * the customer's language, with two links (Yes, Not yet) that open a page where the answer is
 * confirmed with a button (mail scanners open every link; a GET records nothing), and a one-click
 * unsubscribe that stops survey mail as well.
 */
export function checkInEmail(input: {
  to: string;
  name?: string;
  language: CheckInLanguage;
  businessName: string;
  yesUrl: string;
  notYetUrl: string;
  unsubscribeUrl: string;
}): OutgoingEmail {
  const words = CHECK_IN_WORDING[input.language];
  const business = input.businessName;
  const body = html`<p style="margin:0 0 12px;">${words.greeting(input.name)}</p>
<p style="margin:0 0 16px;">${words.body(business)}</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>
<td style="padding:0 12px 8px 0;">${buttonLink(input.yesUrl, words.yes)}</td>
<td style="padding:0 0 8px 0;"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td style="border-radius:6px;border:2px solid #1d4ed8;background:#ffffff;"><a href="${input.notYetUrl}" style="display:inline-block;padding:10px 18px;font-family:Arial,Helvetica,sans-serif;font-size:16px;color:#1d4ed8;text-decoration:none;font-weight:bold;">${words.notYet}</a></td></tr></table></td>
</tr></table>
<p style="margin:12px 0 0;font-size:13px;color:#52525b;">${words.linksNote}</p>`;
  const subject = words.subject;
  return {
    to: [input.to],
    subject,
    html: emailLayout({
      title: subject,
      preheader: words.body(business),
      body,
      footer: html`${words.footer(business)} <a href="${input.unsubscribeUrl}" style="color:#52525b;">${words.unsubscribe}</a>.`,
    }).replace('<html lang="en">', `<html lang="${input.language}">`),
    text: [
      words.greeting(input.name ? headerSafe(input.name, 80) : undefined),
      '',
      words.body(business),
      '',
      `${words.yes}: ${input.yesUrl}`,
      `${words.notYet}: ${input.notYetUrl}`,
      '',
      words.linksNote,
      '',
      `${words.footer(business)} ${words.unsubscribe}: ${input.unsubscribeUrl}`,
    ].join('\n'),
    headers: { 'List-Unsubscribe': `<${input.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Earshot-Check-In': '1' },
  };
}
