import { dayLabel } from '#shared/domain/promise.ts';
import { emailLayout } from '#shared/emails/layout.ts';
import type { OutgoingEmail } from '#shared/ports/mailer.ts';
import { headerSafe, html } from '#shared/web/html.ts';

/** One promise in the reminder, with its signed one-click links. */
export interface ReminderItem {
  customer: string;
  text: string;
  dueDate: string;
  keptUrl: string;
  openUrl: string;
}

const BUTTON = 'display:inline-block;padding:10px 16px;margin:0 8px 8px 0;border-radius:6px;font-weight:bold;text-decoration:none;font-size:16px;';

/** The subject owners' mail filters rely on (contract): `Promises due today: <n>`. */
export function reminderSubject(count: number): string {
  return `Promises due today: ${count}`;
}

/**
 * The morning email on a promise's due day: every promise due today, each with `Kept` and
 * `Open case` (signed links that open a confirmation page; only its button acts).
 */
export function promiseReminderEmail(input: { to: string; businessName: string; day: string; items: ReminderItem[] }): OutgoingEmail {
  const subject = reminderSubject(input.items.length);
  const lead = `${input.items.length === 1 ? 'This promise is' : `These ${input.items.length} promises are`} due today, ${dayLabel(input.day)}. Keep ${input.items.length === 1 ? 'it' : 'them'}, or give the customer a new date.`;
  const body = html`<p style="margin:0 0 8px;font-size:20px;font-weight:bold;">${subject}</p>
<p style="margin:0 0 16px;">${lead}</p>
${input.items.map(
  (item) => html`<div style="margin:0 0 16px;padding:12px;border:1px solid #d4d4d8;border-radius:6px;">
<p style="margin:0 0 4px;font-weight:bold;">${item.customer}</p>
<p style="margin:0 0 12px;">${item.text}</p>
<p style="margin:0;"><a href="${item.keptUrl}" style="${BUTTON}background:#15803d;color:#ffffff;">Kept</a><a href="${item.openUrl}" style="${BUTTON}background:#ffffff;color:#1d4ed8;border:2px solid #1d4ed8;">Open case</a></p>
</div>`,
)}`;
  const text = [
    subject,
    '',
    lead,
    '',
    ...input.items.flatMap((item) => [`${headerSafe(item.customer, 120)}: ${item.text}`, `Kept: ${item.keptUrl}`, `Open case: ${item.openUrl}`, '']),
  ].join('\n');
  return {
    to: [input.to],
    subject,
    html: emailLayout({ title: subject, preheader: input.items[0] ? `${input.items[0].customer}: ${input.items[0].text}` : subject, body, footer: html`Sent by Earshot for ${input.businessName} on the day promises are due.` }),
    text,
    headers: { 'X-Earshot-Reminder': input.day, 'List-Id': 'Earshot alerts <alerts.earshot.local>' },
  };
}
