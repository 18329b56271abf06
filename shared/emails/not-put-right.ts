import { emailLayout, quoteBlock, quoteText } from '#shared/emails/layout.ts';
import { headerSafe, html, multiline } from '#shared/web/html.ts';

/** The subject owners' mail filters rely on (contract): `URGENT: Not put right for <name or email>`. */
export function notPutRightSubject(customer: string): string {
  return headerSafe(`URGENT: Not put right for ${customer}`, 250);
}

const BUTTON = 'display:inline-block;padding:12px 20px;margin:0 8px 8px 0;border-radius:6px;font-weight:bold;text-decoration:none;font-size:16px;';

/**
 * The urgent alert when a customer answers the check-in "Not yet": who, what they wrote, what was
 * done when the case was marked handled, and one click to the case (which is open again).
 */
export function notPutRightEmail(input: { customer: string; comment?: string; whatWasDone?: string; handledAt: string; caseUrl: string; timeZone: string }): { subject: string; html: string; text: string } {
  const subject = notPutRightSubject(input.customer);
  const handled = new Intl.DateTimeFormat('en-GB', { timeZone: input.timeZone, dateStyle: 'medium' }).format(new Date(input.handledAt));
  const steps = [
    `Call or write to ${input.customer} today: they told you the problem is not solved.`,
    'Read the whole case first, so they do not have to explain it again.',
    'Promise a next step with a date, and keep it.',
  ];
  const body = html`<p style="margin:0 0 8px;padding:4px 8px;border:2px solid #b91c1c;color:#b91c1c;font-weight:bold;display:inline-block;">URGENT</p>
<p style="margin:0 0 8px;font-size:20px;font-weight:bold;">Not put right for ${input.customer}</p>
<p style="margin:0 0 12px;">You marked this case handled on ${handled}. Asked "Did we put it right?", the customer answered <b>Not yet</b>. The case is open again.</p>
<p style="margin:16px 0 8px;"><a href="${input.caseUrl}" style="${BUTTON}background:#1d4ed8;color:#ffffff;">Open case</a></p>
${input.comment ? html`<p style="margin:12px 0 0;font-weight:bold;">What they wrote</p>${quoteBlock(multiline(input.comment))}` : html`<p style="margin:12px 0;color:#52525b;">(They left no comment.)</p>`}
${input.whatWasDone ? html`<p style="margin:12px 0 0;font-weight:bold;">What was done</p>${quoteBlock(multiline(input.whatWasDone))}` : ''}
<p style="margin:16px 0 4px;font-weight:bold;">What to do now</p>
<ol style="margin:0;padding-left:20px;">${steps.map((s) => html`<li style="margin:4px 0;">${s}</li>`)}</ol>`;
  const text = [
    subject,
    '',
    `You marked this case handled on ${handled}. Asked "Did we put it right?", the customer answered Not yet. The case is open again.`,
    '',
    `Open case: ${input.caseUrl}`,
    '',
    ...(input.comment ? ['What they wrote:', quoteText(input.comment), ''] : ['(They left no comment.)', '']),
    ...(input.whatWasDone ? ['What was done:', quoteText(input.whatWasDone), ''] : []),
    'What to do now:',
    ...steps.map((s, i) => `${i + 1}. ${s}`),
  ].join('\n');
  return { subject, html: emailLayout({ title: subject, preheader: input.comment ?? 'The customer says it is not put right yet.', body }), text };
}
