import type { Branding } from '#shared/domain/branding.ts';
import type { ReviewLink } from '#shared/domain/review-link.ts';
import { recommendQuestion, REVIEW_INVITATION, SCALE_ENDS } from '#shared/domain/survey-wording.ts';
import { oneLine } from '#shared/emails/hygiene.ts';
import { buttonLink, emailLayout } from '#shared/emails/layout.ts';
import type { OutgoingEmail } from '#shared/ports/mailer.ts';
import { html, type SafeHtml } from '#shared/web/html.ts';

/**
 * The 0-10 score links: boxes that wrap onto a second row on a narrow screen (six and five at
 * 375 px) instead of making the email wider than the phone. They only pre-fill the form, so a mail
 * scanner that follows links records nothing.
 */
function scoreLinks(surveyUrl: string): SafeHtml {
  const scores = Array.from({ length: 11 }, (_, score) => score);
  return html`<p style="margin:12px 0 4px;line-height:1;">${scores.map(
    (score) =>
      html`<a href="${`${surveyUrl}?score=${score}`}" aria-label="${`${score} out of 10`}" style="display:inline-block;width:40px;margin:0 4px 8px 0;padding:10px 0;text-align:center;border:1px solid #71717a;border-radius:4px;color:#18181b;text-decoration:none;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:20px;">${score}</a>`,
  )}</p>
<p style="margin:0;font-size:13px;color:#52525b;">0 = ${SCALE_ENDS.low.toLowerCase()}, 10 = ${SCALE_ENDS.high.toLowerCase()}</p>`;
}

/** The review invitation in an email: the same words as on the thank-you page, for every customer. */
function reviewBlock(links: readonly ReviewLink[], accent: string): SafeHtml {
  return html`<p style="margin:24px 0 4px;font-weight:bold;">${REVIEW_INVITATION.heading}</p>
<p style="margin:0 0 8px;">${REVIEW_INVITATION.text}</p>
${links.map((link) => html`<p style="margin:0 0 6px;"><a href="${link.url}" style="${`color:${accent};font-weight:bold;`}">${REVIEW_INVITATION.link(link.name)}</a></p>`)}`;
}

/**
 * The survey invitation a customer receives after a purchase: one question (the same words as the
 * survey page), one-click score links, the survey link, and a one-click unsubscribe (link and
 * `List-Unsubscribe` / `List-Unsubscribe-Post` headers, RFC 8058). When the owner turned it on, the
 * business's review links too, in the same words for every customer.
 */
export function invitationEmail(input: {
  to: string;
  name?: string;
  business: Branding;
  surveyUrl: string;
  /** The customer's own signed unsubscribe address (`/u/c.…`). */
  unsubscribeUrl: string;
  /** Review sites through the business's counting redirect; empty unless the owner offers them by email. */
  reviewLinks?: readonly ReviewLink[];
}): OutgoingEmail {
  const { business } = input;
  const greeting = input.name ? `Hi ${oneLine(input.name)},` : 'Hello,';
  const question = recommendQuestion(business.name);
  const reviews = input.reviewLinks ?? [];
  const body = html`<p style="margin:0 0 12px;">${greeting}</p>
<p style="margin:0 0 12px;">Thank you for your recent order with ${business.name}. Could you spare a minute to tell us how it went?</p>
<p style="margin:0 0 4px;font-weight:bold;">${question}</p>
${scoreLinks(input.surveyUrl)}
<p style="margin:16px 0;">Or open the short survey:</p>
${buttonLink(input.surveyUrl, 'Answer the survey', business.accent)}
<p style="margin:16px 0 0;font-size:13px;color:#52525b;">If the button does not work, copy this link: ${input.surveyUrl}</p>
${reviews.length ? reviewBlock(reviews, business.accent) : ''}`;
  return {
    to: [input.to],
    subject: `How was your order with ${business.name}?`,
    headers: {
      'List-Unsubscribe': `<${input.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    html: emailLayout({
      title: `Your feedback for ${business.name}`,
      preheader: question,
      body,
      footer: html`You receive this because you ordered from ${business.name}. The survey link works once and expires. <a href="${input.unsubscribeUrl}" style="color:#52525b;">Unsubscribe from survey emails</a>.`,
    }),
    text: [
      greeting,
      '',
      `Thank you for your recent order with ${business.name}. Could you spare a minute to tell us how it went?`,
      '',
      question,
      `Answer here: ${input.surveyUrl}`,
      '',
      'The link works once and expires.',
      ...(reviews.length ? ['', REVIEW_INVITATION.heading, REVIEW_INVITATION.text, ...reviews.map((link) => `${REVIEW_INVITATION.link(link.name)}: ${link.url}`)] : []),
      '',
      `Unsubscribe from survey emails: ${input.unsubscribeUrl}`,
    ].join('\n'),
  };
}
