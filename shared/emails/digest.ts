import { followThroughLines } from '#shared/digest/follow-through.ts';
import type { Change, Digest, OrderValue } from '#shared/digest/build.ts';
import { listWords, plural } from '#shared/domain/words.ts';
import { topicName } from '#shared/domain/topics.ts';
import { customerTextView } from '#shared/domain/customer-url.ts';
import { emailLayout, quoteText } from '#shared/emails/layout.ts';
import { headerSafe, html, type SafeHtml } from '#shared/web/html.ts';

/** `2026-11-16` -> `16 Nov 2026`. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** The digest's subject (contract): `Weekly digest: <business name>, <first day> to <last day>`. */
export function digestSubject(digest: Pick<Digest, 'businessName' | 'firstDay' | 'lastDay'>): string {
  return headerSafe(`Weekly digest: ${digest.businessName}, ${formatDay(digest.firstDay)} to ${formatDay(digest.lastDay)}`, 250);
}

function delta({ now, before }: Change): string {
  if (now === before) return 'same as the week before';
  return `${now > before ? 'up' : 'down'} from ${before} the week before`;
}

function inputs(count: number): string {
  return plural(count, 'input');
}

/** "3 complaints from 2 customers", "2 complaints" (each from another customer). */
function topicCount(t: Digest['recurringTopics'][number]): string {
  return t.complaints === t.customers ? `${plural(t.complaints, 'complaint')}, each from another customer` : `${plural(t.complaints, 'complaint')} from ${plural(t.customers, 'customer')}`;
}

function percent(value: number | undefined): string {
  return value === undefined ? '–' : `${Math.round(value * 100)}%`;
}

function money(value: number, currency?: string): string {
  if (!currency) return `${value.toFixed(2)} (no currency given)`;
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** What the week's orders were worth, one total per currency: "€152.50 (3 orders) and £12.00 (1 order)". */
function worth(count: number, values: OrderValue[]): string {
  if (values.length === 1 && (values[0]!.orders === undefined || values[0]!.orders === count)) return money(values[0]!.value, values[0]!.currency);
  return listWords(values.map((v) => `${money(v.value, v.currency)}${v.orders !== undefined ? ` (${plural(v.orders, 'order')})` : ''}`));
}

/** Orders, their value per currency and the returning customers' share, against the week before. */
function ordersLine(digest: Digest): string {
  const { orders } = digest;
  const value = orders.values.length ? `, worth ${worth(orders.count, orders.values)}` : '';
  return `${plural(orders.count, 'order')} (${orders.before} the week before)${value}; ${orders.returning} from returning customers (${percent(orders.repeatRate)}, ${percent(orders.repeatRateBefore)} the week before)`;
}

/** The alert emails the owner received, and what is counted. */
function alertsLine(digest: Digest): string {
  const { alerts } = digest;
  return `${plural(alerts.now, 'alert email')}, ${alerts.urgent.now} of them urgent (${alerts.before} and ${alerts.urgent.before} the week before)`;
}

function showReviews(digest: Digest): boolean {
  return digest.reviewClicks.offered || digest.reviewClicks.now > 0 || digest.reviewClicks.before > 0;
}

/** "(Google 3, Tripadvisor 2; 4 the week before)": clicks on the review links customers were offered. */
function reviewsDetail(digest: Digest): string {
  const { bySite, before } = digest.reviewClicks;
  return `(${bySite.length ? `${bySite.map((s) => `${s.site} ${s.clicks}`).join(', ')}; ` : ''}${before} the week before)`;
}

const ALERTS_COUNTED = 'Each alert email sent to you counts once; an hourly batch counts as one.';

/** The reconciler's week: inputs archived but not recorded, found and driven through again. */
function reconciledLine(count: number): string {
  return `${inputs(count)} archived but not recorded (a lost queue message or a crash) ${count === 1 ? 'was' : 'were'} found and driven through again.`;
}

/** When a source was last read, in UTC minutes. */
function lastRead(at: string | undefined): string {
  return at ? `${at.slice(0, 16).replace('T', ' ')} UTC` : 'it was set up';
}

/** An error message on one short line. */
function clipLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

const H2 = 'margin:24px 0 8px;font-size:18px;line-height:1.3;color:#18181b;';
const CELL = 'padding:4px 8px 4px 0;vertical-align:top;font-size:14px;';
const MUTED = 'color:#52525b;font-size:13px;';

/** A horizontal bar as table cells (works in every email client, no images). */
function bar(value: number, max: number, color: string): SafeHtml {
  const width = max > 0 ? Math.max(2, Math.round((value / max) * 100)) : 0;
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="table-layout:fixed;"><tr>${
    width > 0 ? html`<td width="${width}%" style="background:${color};height:10px;font-size:0;line-height:0;">&nbsp;</td>` : ''
  }${width < 100 ? html`<td style="font-size:0;line-height:0;">&nbsp;</td>` : ''}</tr></table>`;
}

function section(title: string, body: SafeHtml | string): SafeHtml {
  return html`<h2 style="${H2}">${title}</h2>${body}`;
}

function table(rows: SafeHtml[]): SafeHtml {
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="table-layout:fixed;">${rows}</table>`;
}

function quote(customerText: string): SafeHtml {
  // Links customers wrote are shown as text, never as links.
  const text = customerTextView(customerText).text;
  return html`<div style="margin:4px 0 0;padding:4px 8px;border-left:3px solid #a1a1aa;color:#27272a;font-size:14px;">${text}</div>`;
}

/** The digest as an email: HTML (table layout, inline styles, no scripts) and plain text. */
export function renderDigestEmail(
  digest: Digest,
  unsubscribeUrl: string,
  /** The console page of a case (open complaints and repeat complainers link to theirs). */
  caseUrl?: (caseId: string) => string,
): { subject: string; html: string; text: string } {
  const caseLink = (caseId: string | undefined) => (caseId && caseUrl ? html` <a href="${caseUrl(caseId)}">Open case</a>` : '');
  const subject = digestSubject(digest);
  const channels = Object.entries(digest.volume.byChannel) as Array<[string, Change]>;
  const maxChannel = Math.max(1, ...channels.map(([, c]) => c.now));
  const body: SafeHtml[] = [];
  body.push(html`<h1 style="margin:0 0 4px;font-size:22px;line-height:1.3;">${digest.businessName}: your week</h1><p style="margin:0 0 16px;${MUTED}">${formatDay(digest.firstDay)} to ${formatDay(digest.lastDay)}</p>`);
  if (digest.quiet) {
    body.push(html`<p>A quiet week: no feedback, orders or complaints came in. Nothing needs you.</p>`);
  } else {
    if (digest.actions.length) {
      body.push(section('Act on this', html`<ol style="margin:0;padding-left:20px;">${digest.actions.map((a) => html`<li style="margin:4px 0;">${a}</li>`)}</ol>`));
    }
    body.push(
      section(
        'Feedback',
        table([
          html`<tr><td style="${CELL}" width="40%">Total</td><td style="${CELL}"><b>${digest.volume.now}</b> <span style="${MUTED}">${delta(digest.volume)}</span></td></tr>`,
          ...channels.map(
            ([name, c]) => html`<tr><td style="${CELL}">${name === 'social' ? 'Social and reviews' : name === 'email' ? 'Email' : 'Survey'}</td><td style="${CELL}">${bar(c.now, maxChannel, '#2563eb')}<span style="${MUTED}">${c.now} (${c.before} the week before)</span></td></tr>`,
          ),
          html`<tr><td style="${CELL}">Complaints</td><td style="${CELL}"><b>${digest.complaints.now}</b> <span style="${MUTED}">${delta(digest.complaints)}</span></td></tr>`,
          html`<tr><td style="${CELL}">Negative</td><td style="${CELL}">${percent(digest.negativeShare.now)} <span style="${MUTED}">(${percent(digest.negativeShare.before)} the week before)</span></td></tr>`,
          html`<tr><td style="${CELL}">NPS</td><td style="${CELL}">${digest.nps.now ?? '–'} <span style="${MUTED}">from ${plural(digest.nps.responses, 'answer')} (${digest.nps.before ?? '–'} the week before)</span></td></tr>`,
          html`<tr><td style="${CELL}">Survey response rate</td><td style="${CELL}">${percent(digest.responseRate.now)} <span style="${MUTED}">of ${plural(digest.responseRate.invitations, 'invitation')} (${percent(digest.responseRate.before)} the week before)</span></td></tr>`,
          ...(showReviews(digest) ? [html`<tr><td style="${CELL}">Review links followed</td><td style="${CELL}"><b>${digest.reviewClicks.now}</b> <span style="${MUTED}">${reviewsDetail(digest)}</span></td></tr>`] : []),
          html`<tr><td style="${CELL}">Alert emails to you</td><td style="${CELL}"><b>${digest.alerts.now}</b>, ${digest.alerts.urgent.now} of them urgent <span style="${MUTED}">(${digest.alerts.before} and ${digest.alerts.urgent.before} the week before). ${ALERTS_COUNTED}</span></td></tr>`,
        ]),
      ),
    );
    if (digest.followThrough) {
      body.push(section('Promises and recoveries', table(followThroughLines(digest.followThrough).map(([label, value]) => html`<tr><td style="${CELL}" width="40%">${label}</td><td style="${CELL}">${value}</td></tr>`))));
    }
    if (digest.openComplaints.length) {
      body.push(
        section(
          `Open complaints${digest.moreOpenComplaints ? ' (oldest 10)' : ''}`,
          html`${digest.openComplaints.map((c) => html`<p style="margin:8px 0;font-size:14px;"><b>${c.customer}</b> <span style="${MUTED}">${c.channel}, ${c.at.slice(0, 10)}</span>${caseLink(c.caseId)}${quote(c.quote)}</p>`)}<p style="${MUTED}">Open a case to reply to the customer or mark it handled.</p>`,
        ),
      );
    }
    if (digest.repeatComplainers.length) {
      body.push(section('Repeat complainers', table(digest.repeatComplainers.map((r) => html`<tr><td style="${CELL}"><b>${r.customer}</b>${caseLink(r.caseId)}</td><td style="${CELL}">${plural(r.complaints, 'complaint')}, last ${r.lastAt.slice(0, 10)}</td></tr>`))));
    }
    if (digest.recurringTopics.length) {
      const max = Math.max(...digest.recurringTopics.map((t) => t.customers));
      body.push(
        section(
          'Recurring problems',
          html`${digest.recurringTopics.map((t) => html`<p style="margin:8px 0;font-size:14px;"><b>${topicName(t.topic)}</b>: ${topicCount(t)}${bar(t.customers, max, '#dc2626')}${t.quote ? quote(t.quote) : ''}</p>`)}`,
        ),
      );
    }
    if (digest.staffPraise.length || digest.praise.length) {
      body.push(
        section(
          'Praise',
          html`${digest.staffPraise.map((s) => html`<p style="margin:8px 0;font-size:14px;"><b>${s.name}</b>, named ${plural(s.mentions, 'time')}${s.quote ? quote(s.quote) : ''}</p>`)}${digest.praise.map((p) => quote(p))}`,
        ),
      );
    }
    body.push(
      section(
        'Customers',
        html`<p style="margin:4px 0;font-size:14px;">${ordersLine(digest)}.</p>${
          digest.topCustomers.length
            ? table(digest.topCustomers.map((c) => html`<tr><td style="${CELL}">${c.name}</td><td style="${CELL}">${plural(c.orderCount, 'order')}, ${money(c.orderValue, c.currency)}</td></tr>`))
            : ''
        }`,
      ),
    );
  }
  const health: SafeHtml[] = [];
  if (digest.setAside.skipped || digest.setAside.rejected) {
    health.push(
      html`<p style="margin:4px 0;font-size:14px;">${inputs(digest.setAside.skipped)} skipped (auto-replies, bulk mail, spam) and ${digest.setAside.rejected} rejected: ${digest.setAside.reasons.map((r, i) => html`${i ? ', ' : ''}${r.reason} ${r.count}`)}.</p>`,
    );
  }
  if (digest.reconciled) health.push(html`<p style="margin:4px 0;font-size:14px;">${reconciledLine(digest.reconciled)}</p>`);
  for (const source of digest.silentSources) health.push(html`<p style="margin:4px 0;font-size:14px;color:#b91c1c;">${source.source} has not been read since ${lastRead(source.lastSuccessAt)}${source.lastError ? html`: ${clipLine(source.lastError)}` : ''}.</p>`);
  if (digest.mail.bounces || digest.mail.complaints) health.push(html`<p style="margin:4px 0;font-size:14px;">${mailLine(digest.mail)}</p>`);
  body.push(section('The monitor itself', health.length ? html`${health}` : html`<p style="margin:4px 0;font-size:14px;">All inputs were processed; no source is silent.</p>`));

  const footer = html`You receive this weekly digest as the owner of ${digest.businessName}. <a href="${unsubscribeUrl}" style="color:#52525b;">Unsubscribe</a>.`;
  return { subject, html: emailLayout({ title: subject, preheader: digest.actions[0] ?? 'Your week at a glance', body: html`${body}`, footer }), text: renderText(digest, unsubscribeUrl, subject, caseUrl) };
}

/** Bounces and complaints SES reported this week, and what Earshot did about them. */
function mailLine(mail: Digest['mail']): string {
  const parts = [mail.bounces ? `${plural(mail.bounces, 'email')} bounced` : '', mail.complaints ? `${plural(mail.complaints, 'recipient')} marked an email as spam` : ''].filter(Boolean);
  return `Mail: ${parts.join(' and ')}. Earshot sends nothing more to an address that bounced for good or complained.`;
}

function renderText(digest: Digest, unsubscribeUrl: string, subject: string, caseUrl?: (caseId: string) => string): string {
  const lines: string[] = [subject, ''];
  if (digest.quiet) lines.push('A quiet week: no feedback, orders or complaints came in. Nothing needs you.', '');
  else {
    if (digest.actions.length) lines.push('ACT ON THIS', ...digest.actions.map((a, i) => `${i + 1}. ${a}`), '');
    lines.push(
      'FEEDBACK',
      `Total: ${digest.volume.now}, ${delta(digest.volume)}`,
      `Survey ${digest.volume.byChannel.survey.now}, email ${digest.volume.byChannel.email.now}, social and reviews ${digest.volume.byChannel.social.now}`,
      `Complaints: ${digest.complaints.now}, ${delta(digest.complaints)}`,
      `Negative: ${percent(digest.negativeShare.now)} (${percent(digest.negativeShare.before)} the week before)`,
      `NPS: ${digest.nps.now ?? '–'} from ${plural(digest.nps.responses, 'answer')} (${digest.nps.before ?? '–'} the week before)`,
      `Survey response rate: ${percent(digest.responseRate.now)} of ${plural(digest.responseRate.invitations, 'invitation')} (${percent(digest.responseRate.before)} the week before)`,
      ...(showReviews(digest) ? [`Review links followed: ${digest.reviewClicks.now} ${reviewsDetail(digest)}`] : []),
      `Alert emails to you: ${alertsLine(digest)}`,
      `(${ALERTS_COUNTED})`,
      '',
    );
    if (digest.followThrough) lines.push('PROMISES AND RECOVERIES', ...followThroughLines(digest.followThrough).map(([label, value]) => `${label}: ${value}`), '');
    if (digest.openComplaints.length) {
      lines.push(`OPEN COMPLAINTS${digest.moreOpenComplaints ? ' (oldest 10)' : ''}`);
      for (const c of digest.openComplaints) lines.push(`${c.customer} (${c.channel}, ${c.at.slice(0, 10)})`, quoteText(customerTextView(c.quote).text), ...(c.caseId && caseUrl ? [`Open case: ${caseUrl(c.caseId)}`] : []));
      lines.push('');
    }
    if (digest.repeatComplainers.length) {
      lines.push('REPEAT COMPLAINERS', ...digest.repeatComplainers.map((r) => `${r.customer}: ${plural(r.complaints, 'complaint')}, last ${r.lastAt.slice(0, 10)}${r.caseId && caseUrl ? `, open case: ${caseUrl(r.caseId)}` : ''}`), '');
    }
    if (digest.recurringTopics.length) {
      lines.push('RECURRING PROBLEMS');
      for (const t of digest.recurringTopics) lines.push(`${topicName(t.topic)}: ${topicCount(t)}`, ...(t.quote ? [quoteText(customerTextView(t.quote).text)] : []));
      lines.push('');
    }
    if (digest.staffPraise.length || digest.praise.length) {
      lines.push('PRAISE');
      for (const s of digest.staffPraise) lines.push(`${s.name}, named ${plural(s.mentions, 'time')}`, ...(s.quote ? [quoteText(customerTextView(s.quote).text)] : []));
      for (const p of digest.praise) lines.push(quoteText(customerTextView(p).text));
      lines.push('');
    }
    lines.push('CUSTOMERS', ordersLine(digest));
    for (const c of digest.topCustomers) lines.push(`${c.name}: ${plural(c.orderCount, 'order')}, ${money(c.orderValue, c.currency)}`);
    lines.push('');
  }
  lines.push('THE MONITOR ITSELF');
  if (digest.setAside.skipped || digest.setAside.rejected) {
    lines.push(`${inputs(digest.setAside.skipped)} skipped and ${digest.setAside.rejected} rejected: ${digest.setAside.reasons.map((r) => `${r.reason} ${r.count}`).join(', ')}`);
  }
  if (digest.reconciled) lines.push(reconciledLine(digest.reconciled));
  for (const s of digest.silentSources) lines.push(`${s.source} has not been read since ${lastRead(s.lastSuccessAt)}${s.lastError ? `: ${clipLine(s.lastError)}` : ''}`);
  if (digest.mail.bounces || digest.mail.complaints) lines.push(mailLine(digest.mail));
  if (!digest.setAside.skipped && !digest.setAside.rejected && !digest.reconciled && !digest.silentSources.length && !digest.mail.bounces && !digest.mail.complaints) lines.push('All inputs were processed; no source is silent.');
  lines.push('', `Unsubscribe: ${unsubscribeUrl}`);
  return lines.join('\n');
}
