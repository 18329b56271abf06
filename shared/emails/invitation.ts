import { html } from '#shared/web/html.ts';
import type { OutgoingEmail } from '#shared/ports/mailer.ts';
import { oneLine } from '#shared/emails/hygiene.ts';
import { buttonLink, emailLayout } from '#shared/emails/layout.ts';

/**
 * The survey invitation a customer receives after a purchase: one question, one-click score links
 * (which only pre-fill the form, so mail scanners that follow links record nothing), and the link.
 */
export function invitationEmail(input: {
  to: string;
  name?: string;
  businessName: string;
  surveyUrl: string;
}): OutgoingEmail {
  const greeting = input.name ? `Hi ${oneLine(input.name)},` : 'Hello,';
  const question = `How likely are you to recommend ${input.businessName} to a friend?`;
  const scores = Array.from({ length: 11 }, (_, score) => score);
  const scoreLinks = html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:12px 0;"><tr>${scores.map(
    (score) =>
      html`<td style="padding:2px;"><a href="${`${input.surveyUrl}?score=${score}`}" style="display:inline-block;min-width:28px;padding:8px 4px;text-align:center;border:1px solid #a1a1aa;border-radius:4px;color:#18181b;text-decoration:none;font-family:Arial,Helvetica,sans-serif;">${score}</a></td>`,
  )}</tr></table>
<p style="margin:0;font-size:13px;color:#52525b;">0 = not at all likely, 10 = extremely likely</p>`;
  const body = html`<p style="margin:0 0 12px;">${greeting}</p>
<p style="margin:0 0 12px;">Thank you for your recent order with ${input.businessName}. Could you spare a minute to tell us how it went?</p>
<p style="margin:0 0 4px;font-weight:bold;">${question}</p>
${scoreLinks}
<p style="margin:16px 0;">Or open the short survey:</p>
${buttonLink(input.surveyUrl, 'Answer the survey')}
<p style="margin:16px 0 0;font-size:13px;color:#52525b;">If the button does not work, copy this link: ${input.surveyUrl}</p>`;
  return {
    to: [input.to],
    subject: `How was your order with ${input.businessName}?`,
    html: emailLayout({
      title: `Your feedback for ${input.businessName}`,
      preheader: question,
      body,
      footer: html`You receive this because you ordered from ${input.businessName}. The link works once and expires.`,
    }),
    text: [
      greeting,
      '',
      `Thank you for your recent order with ${input.businessName}. Could you spare a minute to tell us how it went?`,
      '',
      question,
      `Answer here: ${input.surveyUrl}`,
      '',
      'The link works once and expires.',
    ].join('\n'),
  };
}
