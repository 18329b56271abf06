import { html, multiline, type SafeHtml } from '#shared/web/html.ts';
import type { AlertCustomer, AlertFeedback, ComplaintAlertContent, Quote } from '#shared/domain/alert-content.ts';
import type { EarlierComplaint } from '#shared/domain/customer.ts';
import { customerLabel, type FeedbackRecord } from '#shared/domain/feedback.ts';
import { cuePhrase } from '#shared/domain/alert-rules.ts';
import { reachOf } from '#shared/domain/mention.ts';
import { topicList } from '#shared/domain/topics.ts';
import { customerTextView, viewCustomerUrl } from '#shared/domain/customer-url.ts';
import { oneLine } from '#shared/emails/hygiene.ts';
import { emailLayout, quoteBlock, quoteText } from '#shared/emails/layout.ts';

export { alertCustomer, alertFeedback } from '#shared/domain/alert-content.ts';
export type { AlertCustomer, AlertFeedback, ComplaintAlertContent, Quote } from '#shared/domain/alert-content.ts';

const CHANNEL_NAMES: Record<FeedbackRecord['channel'], string> = {
  survey: 'survey',
  email: 'email',
  social: 'social media',
};

/**
 * Facts about one feedback item, as label/value rows, for both the HTML and the text part. Each
 * value is on one line (a line break in a customer's name never starts a line of its own in the
 * text part), and a link the customer gave is shown as text with its real host, flagged when it
 * may deceive.
 */
function facts(item: AlertFeedback, timeZone: string, customer: AlertCustomer | undefined): Array<[string, string]> {
  return factRows(item, timeZone, customer).map(([label, value]) => [label, oneLine(value)]);
}

function factRows(item: AlertFeedback, timeZone: string, customer: AlertCustomer | undefined): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['Customer', [item.customer.name, item.customer.email, item.customer.handle].filter(Boolean).join(' · ') || 'unknown'],
    ['Channel', CHANNEL_NAMES[item.channel]],
    ['Received', formatDate(item.receivedAt, timeZone)],
  ];
  if (item.orderIds.length) rows.push([item.orderIds.length === 1 ? 'Order' : 'Orders', item.orderIds.join(', ')]);
  if (item.claimedOrderIds?.length) {
    rows.push(['Quoted order', `${item.claimedOrderIds.join(', ')}: not linked, this sender is not that order's customer (check before linking them)`]);
  }
  if (customer) rows.push(['All orders', ordersLine(customer)]);
  if (item.score !== undefined) rows.push(['Score', `${item.score} / 10`]);
  if (item.rating !== undefined) rows.push(['Rating', `${'★'.repeat(item.rating)}${'☆'.repeat(5 - item.rating)} (${item.rating} / 5)`]);
  if (item.source) rows.push(['Source', item.source]);
  if (item.followers !== undefined) rows.push(['Reach', `${plural(item.followers, 'follower')} (${reachOf(item.followers)})`]);
  if (item.url) {
    const link = viewCustomerUrl(item.url);
    rows.push(['Post', `${link.text}${link.host ? ` (site: ${link.host})` : ''}`]);
    for (const warning of link.warnings) rows.push(['Link warning', `This link may deceive: ${warning}.`]);
  }
  if (item.classification.topics.length) rows.push([item.classification.topics.length === 1 ? 'Topic' : 'Topics', topicList(item.classification.topics)]);
  if (item.classification.cues.length) rows.push(['Warning signs', item.classification.cues.map((cue) => cuePhrase(cue)).join(', ')]);
  return rows;
}

/** "1 follower", "1,200 followers". */
function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** Formats a timestamp for the owner, in the business's time zone. */
export function formatDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/**
 * Label and value side by side in a fixed layout: the label column keeps its width (labels never
 * break inside a word at 375 px), the value column takes the rest and wraps long addresses.
 */
function factsTable(rows: Array<[string, string]>): SafeHtml {
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0;font-size:14px;width:100%;table-layout:fixed;">${rows.map(
    ([label, value]) =>
      html`<tr><td width="104" style="width:104px;padding:2px 8px 2px 0;color:#52525b;vertical-align:top;white-space:nowrap;">${label}</td><td style="padding:2px 0;vertical-align:top;overflow-wrap:anywhere;word-wrap:break-word;">${value}</td></tr>`,
  )}</table>`;
}

/** The marker of an urgent alert: a word and a framed box, not colour alone. */
function urgentBanner(priority: ComplaintAlertContent['priority']): SafeHtml {
  return html`<p style="margin:0 0 12px;padding:6px 10px;border:2px solid #b91c1c;border-radius:4px;background:#fef2f2;color:#7f1d1d;font-size:15px;font-weight:bold;letter-spacing:0.04em;"><span aria-hidden="true">⚠ </span>URGENT${priority ? ` · ${priority} priority` : ''}: act today</p>`;
}

function urgentLine(priority: ComplaintAlertContent['priority']): string {
  return `URGENT${priority ? ` (${priority} priority)` : ''}: act today`;
}

const BUTTON = 'display:inline-block;padding:12px 20px;margin:0 8px 8px 0;border-radius:6px;font-weight:bold;text-decoration:none;font-size:16px;';

function actionButtons(links: { open: string; handled: string }): SafeHtml {
  return html`<p style="margin:16px 0 8px;"><a href="${links.open}" style="${BUTTON}background:#1d4ed8;color:#ffffff;">Open case</a><a href="${links.handled}" style="${BUTTON}background:#ffffff;color:#1d4ed8;border:2px solid #1d4ed8;">Mark handled</a></p>`;
}

function money(value: number, currency: string | undefined): string {
  if (!currency) return value.toFixed(2);
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** One line about the customer's orders, e.g. "3 orders, €120.50 in total: A-1, A-2, A-3". */
function ordersLine(customer: AlertCustomer): string {
  if (!customer.orderCount && !customer.orderIds.length) return 'none on record';
  const count = Math.max(customer.orderCount, customer.orderIds.length);
  return `${count} order${count === 1 ? '' : 's'}, ${money(customer.orderValue, customer.currency)} in total: ${customer.orderIds.slice(0, 10).join(', ')}`;
}

function earlierHtml(entries: EarlierComplaint[], timeZone: string): SafeHtml {
  return html`<h2 style="margin:16px 0 4px;font-size:16px;">Earlier complaints</h2>
${entries.map(
  (entry) => html`<p style="margin:8px 0 0;font-size:14px;color:#52525b;">${formatDate(entry.at, timeZone)} · ${CHANNEL_NAMES[entry.channel]}${entry.score !== undefined ? ` · score ${entry.score}/10` : ''}</p>
${quoteBlock(multiline(customerTextView(entry.excerpt || '(no comment)').text))}`,
)}`;
}

function earlierText(entries: EarlierComplaint[], timeZone: string): string[] {
  return [
    'Earlier complaints:',
    ...entries.flatMap((entry) => [
      `- ${formatDate(entry.at, timeZone)} (${CHANNEL_NAMES[entry.channel]}${entry.score !== undefined ? `, score ${entry.score}/10` : ''})`,
      quoteText(customerTextView(entry.excerpt || '(no comment)').text),
    ]),
    '',
  ];
}

function quotesHtml(quotes: Quote[], timeZone: string): SafeHtml {
  return html`<h2 style="margin:16px 0 4px;font-size:16px;">What customers said</h2>
${quotes.map((q) => html`<p style="margin:8px 0 0;font-size:14px;color:#52525b;">${formatDate(q.at, timeZone)} · ${oneLine(q.customer)}</p>${quoteBlock(multiline(customerTextView(q.quote || '(no comment)').text))}`)}`;
}

function quotesText(quotes: Quote[], timeZone: string): string[] {
  return ['What customers said:', ...quotes.flatMap((q) => [`- ${formatDate(q.at, timeZone)}, ${oneLine(q.customer)}`, quoteText(customerTextView(q.quote || '(no comment)').text)]), ''];
}

/** Whether the alert is urgent (content recorded before the flag existed says so in its subject). */
function isUrgent(content: ComplaintAlertContent): boolean {
  return content.urgent ?? content.subject.startsWith('URGENT:');
}

/**
 * Renders the owner's alert email about a complaint: HTML and text, customer text escaped. An
 * alert about one item shows its facts and text; a recurring-problem alert (with quotes) shows what
 * each customer said instead.
 */
export function complaintAlertEmail(content: ComplaintAlertContent): { html: string; text: string } {
  const { feedback, timeZone } = content;
  // Links in the customer's text are shown as text, and flagged when they may deceive.
  const { text: comment, warnings: linkWarnings } = customerTextView(feedback.text.trim());
  const who = oneLine(customerLabel(feedback.customer));
  const urgent = isUrgent(content);
  const recurring = Boolean(content.quotes?.length);
  const item = recurring
    ? html``
    : html`${factsTable(facts(feedback, timeZone, content.customer))}
${comment ? quoteBlock(multiline(comment)) : html`<p style="margin:12px 0;color:#52525b;">(No comment was left.)</p>`}
${linkWarnings.map((warning) => html`<p style="margin:4px 0;font-size:14px;color:#7f1d1d;"><strong>Link warning:</strong> ${warning}</p>`)}
${content.earlier?.length ? earlierHtml(content.earlier, timeZone) : ''}`;
  const body = html`${urgent ? urgentBanner(content.priority) : ''}<h1 style="margin:0 0 8px;font-size:20px;line-height:1.3;">${content.headline}</h1>
${content.links ? actionButtons(content.links) : ''}
${item}
${recurring ? quotesHtml(content.quotes!, timeZone) : ''}
<h2 style="margin:16px 0 4px;font-size:16px;">What to do now</h2>
<ol style="margin:0;padding-left:20px;">${content.nextSteps.map((step) => html`<li style="margin:2px 0;">${step}</li>`)}</ol>
${!recurring && feedback.customer.email ? html`<p style="margin:16px 0 0;">Reply to ${who}: <a href="${`mailto:${feedback.customer.email}`}">${feedback.customer.email}</a></p>` : ''}`;
  const text = [
    ...(urgent ? [urgentLine(content.priority), ''] : []),
    content.headline,
    '',
    ...(content.links ? [`Open case: ${content.links.open}`, `Mark handled: ${content.links.handled}`, ''] : []),
    ...(recurring
      ? quotesText(content.quotes!, timeZone)
      : [
          ...facts(feedback, timeZone, content.customer).map(([label, value]) => `${label}: ${value}`),
          '',
          comment ? quoteText(comment) : '(No comment was left.)',
          ...linkWarnings.map((warning) => `Link warning: ${warning}`),
          '',
          ...(content.earlier?.length ? earlierText(content.earlier, timeZone) : []),
        ]),
    'What to do now:',
    ...content.nextSteps.map((step, i) => `${i + 1}. ${step}`),
    '',
    `-- Earshot for ${content.businessName}`,
  ].join('\n');
  return {
    html: emailLayout({
      title: content.subject,
      preheader: recurring ? content.headline : comment.slice(0, 120),
      body,
      footer: html`Earshot alert for ${content.businessName}. Feedback id ${feedback.id}.`,
    }),
    text,
  };
}
