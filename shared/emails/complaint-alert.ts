import { html, multiline, type SafeHtml } from '#shared/web/html.ts';
import type { CustomerProfile, EarlierComplaint } from '#shared/domain/customer.ts';
import { customerLabel, type FeedbackRecord } from '#shared/domain/feedback.ts';
import { emailLayout, quoteBlock, quoteText } from '#shared/emails/layout.ts';

const CHANNEL_NAMES: Record<FeedbackRecord['channel'], string> = {
  survey: 'survey',
  email: 'email',
  social: 'social media',
};

/** Facts about one feedback item, as lines of text, for both the HTML and the text part. */
function facts(item: AlertFeedback, timeZone: string): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['Customer', [item.customer.name, item.customer.email, item.customer.handle].filter(Boolean).join(' · ') || 'unknown'],
    ['Channel', CHANNEL_NAMES[item.channel]],
    ['Received', formatDate(item.receivedAt, timeZone)],
  ];
  if (item.orderIds.length) rows.push(['Order', item.orderIds.join(', ')]);
  if (item.score !== undefined) rows.push(['Score', `${item.score} / 10`]);
  if (item.rating !== undefined) rows.push(['Rating', `${'★'.repeat(item.rating)}${'☆'.repeat(5 - item.rating)} (${item.rating} / 5)`]);
  if (item.source) rows.push(['Source', item.source]);
  if (item.followers !== undefined) rows.push(['Audience', `${item.followers.toLocaleString('en-US')} followers`]);
  if (item.url) rows.push(['Link', item.url]);
  if (item.classification.topics.length) rows.push(['Topics', item.classification.topics.join(', ')]);
  if (item.classification.cues.length) rows.push(['Urgent cues', item.classification.cues.join(', ')]);
  return rows;
}

/** Formats a timestamp for the owner, in the business's time zone. */
export function formatDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

function factsTable(rows: Array<[string, string]>): SafeHtml {
  return html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0;font-size:14px;">${rows.map(
    ([label, value]) =>
      html`<tr><td style="padding:2px 12px 2px 0;color:#52525b;vertical-align:top;">${label}</td><td style="padding:2px 0;vertical-align:top;">${value}</td></tr>`,
  )}</table>`;
}

/** What an alert shows of the item it is about (kept small: alerts store their content). */
export type AlertFeedback = Pick<FeedbackRecord, 'id' | 'channel' | 'receivedAt' | 'text' | 'customer' | 'orderIds' | 'score' | 'rating' | 'source' | 'url' | 'followers'> & {
  classification: Pick<FeedbackRecord['classification'], 'topics' | 'cues'>;
};

/** What an alert shows of the customer. */
export type AlertCustomer = Pick<CustomerProfile, 'orderCount' | 'orderIds' | 'orderValue' | 'currency'>;

/** The part of an item an alert shows. */
export function alertFeedback(item: FeedbackRecord): AlertFeedback {
  return {
    id: item.id,
    channel: item.channel,
    receivedAt: item.receivedAt,
    text: item.text,
    customer: item.customer,
    orderIds: item.orderIds,
    ...(item.score !== undefined ? { score: item.score } : {}),
    ...(item.rating !== undefined ? { rating: item.rating } : {}),
    ...(item.source ? { source: item.source } : {}),
    ...(item.url ? { url: item.url } : {}),
    ...(item.followers !== undefined ? { followers: item.followers } : {}),
    classification: { topics: item.classification.topics, cues: item.classification.cues },
  };
}

/** The part of a customer an alert shows. */
export function alertCustomer(profile: CustomerProfile): AlertCustomer {
  return {
    orderCount: profile.orderCount,
    orderIds: profile.orderIds.slice(0, 10),
    orderValue: profile.orderValue,
    ...(profile.currency ? { currency: profile.currency } : {}),
  };
}

/** The content of an alert about a complaint; `subject` is decided by the alert rules. */
export interface ComplaintAlertContent {
  subject: string;
  headline: string;
  feedback: AlertFeedback;
  /** What to do now, one step per entry. */
  nextSteps: string[];
  businessName: string;
  timeZone: string;
  /** Earlier complaints of the same customer (second and later complaints). */
  earlier?: EarlierComplaint[];
  /** The customer's orders and their value. */
  customer?: AlertCustomer;
  /** Quotes of the other complaints (recurring problems). */
  quotes?: Quote[];
}

/** A quote of one complaint, for recurring-problem alerts. */
export interface Quote {
  at: string;
  quote: string;
  customer: string;
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
  if (!customer.orderCount && !customer.orderIds.length) return 'No orders on record';
  const count = Math.max(customer.orderCount, customer.orderIds.length);
  return `${count} order${count === 1 ? '' : 's'}, ${money(customer.orderValue, customer.currency)} in total: ${customer.orderIds.slice(0, 10).join(', ')}`;
}

function earlierHtml(entries: EarlierComplaint[], timeZone: string): SafeHtml {
  return html`<p style="margin:16px 0 4px;font-weight:bold;">Earlier complaints</p>
${entries.map(
  (entry) => html`<p style="margin:8px 0 0;font-size:14px;color:#52525b;">${formatDate(entry.at, timeZone)} · ${CHANNEL_NAMES[entry.channel]}${entry.score !== undefined ? ` · score ${entry.score}/10` : ''}</p>
${quoteBlock(multiline(entry.excerpt || '(no comment)'))}`,
)}`;
}

function earlierText(entries: EarlierComplaint[], timeZone: string): string[] {
  return [
    'Earlier complaints:',
    ...entries.flatMap((entry) => [
      `- ${formatDate(entry.at, timeZone)} (${CHANNEL_NAMES[entry.channel]}${entry.score !== undefined ? `, score ${entry.score}/10` : ''})`,
      quoteText(entry.excerpt || '(no comment)'),
    ]),
    '',
  ];
}

function quotesHtml(quotes: Quote[], timeZone: string): SafeHtml {
  return html`<p style="margin:16px 0 4px;font-weight:bold;">What customers said</p>
${quotes.map((q) => html`<p style="margin:8px 0 0;font-size:14px;color:#52525b;">${formatDate(q.at, timeZone)} · ${q.customer}</p>${quoteBlock(multiline(q.quote))}`)}`;
}

/** Renders the owner's alert email about a complaint: HTML and text, customer text escaped. */
export function complaintAlertEmail(content: ComplaintAlertContent): { html: string; text: string } {
  const { feedback, timeZone } = content;
  const comment = feedback.text.trim();
  const who = customerLabel(feedback.customer);
  const body = html`<p style="margin:0 0 8px;font-size:20px;font-weight:bold;">${content.headline}</p>
${factsTable(facts(feedback, timeZone))}
${comment ? quoteBlock(multiline(comment)) : html`<p style="margin:12px 0;color:#52525b;">(No comment was left.)</p>`}
${content.customer ? html`<p style="margin:8px 0;font-size:14px;"><strong>Customer:</strong> ${ordersLine(content.customer)}</p>` : ''}
${content.earlier?.length ? earlierHtml(content.earlier, timeZone) : ''}
${content.quotes?.length ? quotesHtml(content.quotes, timeZone) : ''}
<p style="margin:16px 0 4px;font-weight:bold;">What to do now</p>
<ol style="margin:0;padding-left:20px;">${content.nextSteps.map((step) => html`<li style="margin:2px 0;">${step}</li>`)}</ol>
${feedback.customer.email ? html`<p style="margin:16px 0 0;">Reply to ${who}: <a href="${`mailto:${feedback.customer.email}`}">${feedback.customer.email}</a></p>` : ''}`;
  const text = [
    content.headline,
    '',
    ...facts(feedback, timeZone).map(([label, value]) => `${label}: ${value}`),
    '',
    comment ? quoteText(comment) : '(No comment was left.)',
    '',
    ...(content.customer ? [`Customer: ${ordersLine(content.customer)}`, ''] : []),
    ...(content.earlier?.length ? earlierText(content.earlier, timeZone) : []),
    ...(content.quotes?.length
      ? ['What customers said:', ...content.quotes.flatMap((q) => [`- ${formatDate(q.at, timeZone)}, ${q.customer}`, quoteText(q.quote)]), '']
      : []),
    'What to do now:',
    ...content.nextSteps.map((step, i) => `${i + 1}. ${step}`),
    '',
    `-- Earshot for ${content.businessName}`,
  ].join('\n');
  return {
    html: emailLayout({
      title: content.subject,
      preheader: comment.slice(0, 120),
      body,
      footer: html`Earshot alert for ${content.businessName}. Feedback id ${feedback.id}.`,
    }),
    text,
  };
}
