import { createHash } from 'node:crypto';
import { agoLabel, type CaseEvent, type CaseRecord, type CaseStatus } from '#shared/domain/case.ts';
import type { Channel } from '#shared/domain/classification.ts';
import type { CustomerProfile } from '#shared/domain/customer.ts';
import { customerLabel, type FeedbackRecord } from '#shared/domain/feedback.ts';
import type { Order } from '#shared/domain/order.ts';
import { topicList } from '#shared/domain/topics.ts';
import { formatDate } from '#shared/emails/complaint-alert.ts';
import type { AlertState, SetAsideEntry } from '#shared/ports/store.ts';
import { html, multiline, raw, type SafeHtml } from '#shared/web/html.ts';
import type { CheckInRecord } from '#shared/domain/check-in.ts';
import { dayLabel } from '#shared/domain/promise.ts';
import { checkInOption, checkInSummary, promisesPanel, type PromisePanelView } from '#shared/web/promise-panel.ts';

/**
 * The owner's console pages: server-rendered, phone first, no JavaScript. Every value is escaped by
 * the `html` template; the one stylesheet is inline and allowed by its hash, so the Content
 * Security Policy forbids every script and every other style.
 */
const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#18181b;background:#f4f4f5}
a{color:#1d4ed8}
header.top{background:#18181b;color:#fff}
header.top .bar{max-width:48rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem}
header.top .brand{font-weight:700;margin-right:auto;color:#fff;text-decoration:none;padding:.5rem 0}
header.top nav{display:flex;gap:.25rem;align-items:center}
header.top nav a{color:#fff;text-decoration:none;padding:.5rem .625rem;border-radius:.375rem}
header.top nav a[aria-current=page]{background:#3f3f46}
@media (max-width:40rem){header.top nav{order:3;flex-basis:100%}}
header.top form{margin:0}
header.top button{background:transparent;color:#fff;border:1px solid #a1a1aa;padding:.375rem .75rem;margin:0;width:auto;font-weight:600}
main{max-width:48rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.375rem;line-height:1.3;margin:.5rem 0 1rem}
h2{font-size:1.125rem;margin:1.75rem 0 .75rem}
h3{font-size:1rem;margin:0 0 .25rem}
p{margin:0 0 1rem}
.panel{background:#fff;border:1px solid #e4e4e7;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.panel>h2:first-child{margin-top:0}
label{display:block;font-weight:600;margin:0 0 .375rem}
.hint{font-size:.875rem;color:#3f3f46;margin:-.125rem 0 .5rem}
input[type=email],input[type=text],input[type=search],input[type=tel],input[type=date],select,textarea{display:block;width:100%;padding:.625rem;font:inherit;border:2px solid #71717a;border-radius:.375rem;background:#fff;color:#18181b}
input[inputmode=numeric]{font-size:1.5rem;letter-spacing:.3em;max-width:12rem}
textarea{min-height:7rem;resize:vertical}
textarea.tall{min-height:14rem}
input:focus-visible,select:focus-visible,textarea:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #b45309;outline-offset:2px}
button{display:block;width:100%;margin:.75rem 0 0;padding:.75rem 1rem;font:inherit;font-weight:700;color:#fff;background:#1d4ed8;border:2px solid #1d4ed8;border-radius:.375rem;cursor:pointer}
button.secondary{background:#fff;color:#1d4ed8}
button.danger{background:#b91c1c;border-color:#b91c1c}
@media (min-width:40rem){button{width:auto;display:inline-block}}
.notice{border-left:4px solid #15803d;background:#f0fdf4;color:#14532d;padding:.75rem 1rem;margin:0 0 1rem}
.error{border-left:4px solid #b91c1c;background:#fef2f2;color:#7f1d1d;padding:.75rem 1rem;margin:0 0 1rem}
.tabs{display:flex;gap:.5rem;margin:0 0 .75rem;flex-wrap:wrap}
.tabs a{padding:.5rem .875rem;border-radius:999px;border:1px solid #a1a1aa;text-decoration:none;color:#18181b;background:#fff}
.tabs a[aria-current=page]{background:#18181b;color:#fff;border-color:#18181b}
.filters{display:grid;grid-template-columns:1fr;gap:.5rem;margin:0 0 1rem}
.filters button{margin:0}
@media (min-width:40rem){.filters{grid-template-columns:2fr 1fr auto;align-items:end}}
ul.cases{list-style:none;margin:0;padding:0}
ul.cases li{background:#fff;border:1px solid #e4e4e7;border-radius:.5rem;margin:0 0 .625rem}
ul.cases a.case{display:block;padding:.75rem 1rem;color:inherit;text-decoration:none}
ul.cases a.case:hover .who{text-decoration:underline}
.who{font-weight:700;color:#1d4ed8}
.meta{font-size:.875rem;color:#3f3f46;display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin:.125rem 0 .375rem}
.quote{margin:0;color:#27272a;overflow-wrap:anywhere;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
.badge{display:inline-block;font-size:.75rem;font-weight:700;padding:.125rem .5rem;border-radius:999px;background:#e4e4e7;color:#18181b;text-transform:uppercase;letter-spacing:.02em}
.badge.urgent{background:#b91c1c;color:#fff}
.badge.new{background:#1d4ed8;color:#fff}
.badge.handled{background:#15803d;color:#fff}
.badge.promised{background:#7c2d12;color:#fff}
blockquote{margin:.5rem 0;padding:.5rem .75rem;border-left:4px solid #a1a1aa;background:#fafafa;overflow-wrap:anywhere}
dl.facts{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;margin:0 0 .5rem;font-size:.9375rem}
dl.facts dt{color:#3f3f46}
dl.facts dd{margin:0;overflow-wrap:anywhere}
ol.timeline{list-style:none;margin:0;padding:0;border-left:3px solid #d4d4d8}
ol.timeline li{position:relative;margin:0 0 1rem;padding-left:1rem}
ol.timeline .when{font-size:.875rem;color:#3f3f46}
ol.timeline .what{font-weight:600}
.pager{display:flex;justify-content:space-between;gap:1rem;margin:1rem 0}
.actions form{margin:0 0 1rem}
.row{display:flex;flex-wrap:wrap;gap:.5rem}
.row form{margin:0}
table.data{width:100%;border-collapse:collapse;font-size:.9375rem;background:#fff}
table.data th,table.data td{text-align:left;padding:.5rem;border-bottom:1px solid #e4e4e7;vertical-align:top;overflow-wrap:anywhere}
ul.promises{list-style:none;margin:0 0 1rem;padding:0}
ul.promises li{border-bottom:1px solid #e4e4e7;padding:.75rem 0}
ul.promises .what{font-weight:600;margin:0 0 .25rem;overflow-wrap:anywhere}
ul.promises form{margin:0 0 .5rem}
ul.promises form.change{border:1px solid #e4e4e7;border-radius:.375rem;padding:.75rem;margin-top:.5rem}
ul.promises form.change label{margin-top:.5rem}
.promise-line{font-size:.875rem;color:#3f3f46;margin:0 0 .375rem}
p.check{display:flex;gap:.5rem;align-items:flex-start;margin:.75rem 0 0}
p.check input{width:1.25rem;height:1.25rem;margin:.125rem 0 0;flex:none}
p.check label{font-weight:400;margin:0}
ul.check-ins{margin:0 0 .5rem;padding-left:1.25rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer.foot{max-width:48rem;margin:0 auto;padding:0 1rem 2rem;font-size:.875rem;color:#3f3f46}
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** The Content Security Policy of every console page: no script at all, the hashed style, same-origin forms. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Who is looking at a page, and what the header shows. */
export interface PageFrame {
  businessName: string;
  /** The signed-in owner (the header then shows the navigation and `Sign out`). */
  owner?: string;
  /** Which navigation entry is current. */
  section?: 'inbox' | 'monitor' | 'figures';
  timeZone: string;
}

/** The frame of every console page. */
export function consoleLayout(title: string, frame: PageFrame, content: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${title} · Earshot · ${frame.businessName}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header class="top"><div class="bar">
<a class="brand" href="/console">Earshot · ${frame.businessName}</a>
${
  frame.owner
    ? html`<nav aria-label="Console"><a href="/console"${frame.section === 'inbox' ? html` aria-current="page"` : ''}>Inbox</a><a href="/console/figures"${frame.section === 'figures' ? html` aria-current="page"` : ''}>Figures</a><a href="/console/monitor"${frame.section === 'monitor' ? html` aria-current="page"` : ''}>Monitor</a></nav>
<form method="post" action="/console/sign-out"><button type="submit">Sign out</button></form>`
    : ''
}
</div></header>
<main>
${content}
</main>
${frame.owner ? html`<footer class="foot">Signed in as ${frame.owner}</footer>` : ''}
</body>
</html>`.value;
}

const CHANNELS: Record<Channel, string> = { survey: 'Survey', email: 'Email', social: 'Public post' };
const STATUS_NAMES: Record<CaseStatus, string> = { new: 'New', acknowledged: 'Answered', promised: 'Promised', handled: 'Handled' };

function statusBadge(status: CaseStatus): SafeHtml {
  return html`<span class="badge ${status}">${STATUS_NAMES[status]}</span>`;
}

/** The sign-in page: one field, one button; the answer is the same for any address. */
export function signInPage(frame: PageFrame, input: { next: string; error?: string; reason?: string }): string {
  return consoleLayout(
    'Sign in',
    frame,
    html`<h1>Sign in</h1>
${input.reason ? html`<p class="notice">${input.reason}</p>` : ''}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<div class="panel">
<p>Type your email address. If it is an owner address of ${frame.businessName}, we email you a sign-in link and a code.</p>
<form method="post" action="/console/sign-in">
<input type="hidden" name="next" value="${input.next}">
<label for="email">Email address</label>
<input type="email" id="email" name="email" autocomplete="email" required maxlength="254">
<button type="submit">Sign in</button>
</form>
</div>`,
  );
}

/** After asking for a link: check your email, or type the code here. */
export function checkEmailPage(frame: PageFrame, input: { email: string; next: string; error?: string }): string {
  return consoleLayout(
    'Check your email',
    frame,
    html`<h1>Check your email</h1>
${input.error ? html`<p class="error" role="alert" id="code-error">${input.error}</p>` : ''}
<p>If <strong>${input.email}</strong> is an owner address, a sign-in link is on its way. It works once, for 15 minutes.</p>
<div class="panel">
<form method="post" action="/console/code">
<input type="hidden" name="email" value="${input.email}">
<input type="hidden" name="next" value="${input.next}">
<label for="code">Code</label>
<p class="hint" id="code-hint">Reading the email on another device? Type the 6-digit code from it.</p>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength="7" required aria-describedby="code-hint${input.error ? ' code-error' : ''}">
<button type="submit">Use code</button>
</form>
</div>
<p><a href="/console">Use another address</a></p>`,
  );
}

/** The page an emailed sign-in link opens: only its button (a POST) signs in. */
export function signInLinkPage(frame: PageFrame, action: string): string {
  return consoleLayout(
    'Sign in',
    frame,
    html`<h1>Sign in to Earshot</h1>
<div class="panel">
<p>Press the button to sign in on this device.</p>
<form method="post" action="${action}"><button type="submit">Sign in</button></form>
</div>`,
  );
}

/** A link or page that cannot be used: unknown or forged (404), expired or used (410), refused (403, 429). */
export function consoleErrorPage(frame: PageFrame, status: number, detail?: string): string {
  const texts: Record<number, [string, string]> = {
    400: ['Please check the form', 'Something in the form could not be read.'],
    403: ['Not allowed', 'This request was refused. Open the page again from the console and retry.'],
    404: ['Not found', 'This link is not valid. Check that you opened the whole link from the email.'],
    410: ['Link no longer works', 'This link has expired or has been used already. Ask for a new one.'],
    429: ['Too many attempts', 'Please wait a few minutes and try again.'],
    500: ['Something went wrong', 'Sorry, that did not work. Please try again in a minute.'],
  };
  const [title, text] = texts[status] ?? texts[500]!;
  return consoleLayout(
    title,
    frame,
    html`<h1>${title}</h1>
<p>${detail ?? text}</p>
<p><a href="/console">Go to the console</a></p>`,
  );
}

/** What the inbox shows. */
export interface InboxView {
  cases: CaseRecord[];
  handled: boolean;
  channel?: Channel;
  query?: string;
  /** Cursor of the next page. */
  next?: string;
  /** Set when the page is not the first. */
  paged?: boolean;
  now: Date;
  notice?: string;
}

function inboxHref(view: Pick<InboxView, 'handled' | 'channel' | 'query'>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (view.handled) params.set('status', 'handled');
  if (view.channel) params.set('channel', view.channel);
  if (view.query) params.set('q', view.query);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const query = params.toString();
  return `/console${query ? `?${query}` : ''}`;
}

function caseItem(record: CaseRecord, now: Date): SafeHtml {
  const who = customerLabel(record.customer);
  return html`<li><a class="case" href="${`/console/cases/${record.caseId}`}">
<span class="who">${who}</span>
<span class="meta">${record.urgent && record.status !== 'handled' ? html`<span class="badge urgent">Urgent</span>` : ''}${statusBadge(record.status)}<span>${CHANNELS[record.channel]}${record.source ? ` · ${record.source}` : ''}</span><span>${agoLabel(record.openedAt, now)}</span></span>
${record.promise && record.status !== 'handled' ? html`<p class="promise-line">${record.promise.overdue ? html`<span class="badge urgent">Promise overdue</span> ` : ''}Promised by ${dayLabel(record.promise.dueDate)}: ${record.promise.text}</p>` : ''}
<p class="quote">${record.quote || '(no comment)'}</p>
</a></li>`;
}

/** The inbox: open cases (urgent first, then oldest), or handled ones; filters, search, pages. */
export function inboxPage(frame: PageFrame, view: InboxView): string {
  const title = view.query ? `Search: ${view.query}` : view.handled ? 'Handled cases' : 'Open cases';
  return consoleLayout(
    title,
    { ...frame, section: 'inbox' },
    html`<h1>${title}</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
<nav class="tabs" aria-label="Case status">
<a href="${inboxHref({ handled: false, ...(view.channel ? { channel: view.channel } : {}) })}"${!view.handled && !view.query ? html` aria-current="page"` : ''}>Open</a>
<a href="${inboxHref({ handled: true, ...(view.channel ? { channel: view.channel } : {}) })}"${view.handled && !view.query ? html` aria-current="page"` : ''}>Handled</a>
</nav>
<form class="filters" method="get" action="/console" role="search">
${view.handled ? html`<input type="hidden" name="status" value="handled">` : ''}
<div><label for="q">Search</label><input type="search" id="q" name="q" value="${view.query ?? ''}" placeholder="Name, email, phone or order" maxlength="200"></div>
<div><label for="channel">Channel</label><select id="channel" name="channel">
<option value="">All channels</option>
${(['survey', 'email', 'social'] as Channel[]).map((c) => html`<option value="${c}"${view.channel === c ? html` selected` : ''}>${CHANNELS[c]}</option>`)}
</select></div>
<button type="submit">Show</button>
</form>
${
  view.cases.length
    ? html`<ul class="cases">${view.cases.map((c) => caseItem(c, view.now))}</ul>`
    : html`<p class="panel">${view.query ? 'No case matches that search.' : view.handled ? 'No handled cases yet.' : 'Nothing waiting for you. New complaints show up here.'}</p>`
}
<div class="pager">${view.paged ? html`<a href="${inboxHref(view)}">First page</a>` : html`<span></span>`}${view.next ? html`<a href="${inboxHref(view, { after: view.next })}">Next page</a>` : ''}</div>`,
  );
}

/** What the case page shows. */
export interface CaseView {
  record: CaseRecord;
  events: CaseEvent[];
  items: FeedbackRecord[];
  profile?: CustomerProfile;
  orders: Order[];
  /** Order numbers the sender quoted without being that order's customer (not linked), with the order when on record. */
  quotedOrders?: Array<{ orderId: string; order?: Order }>;
  /** The customer's other cases, newest first. */
  otherCases: CaseRecord[];
  alerts: AlertState[];
  suggestedReply: string;
  /** For a public post: a suggested public answer to copy. */
  publicReply?: string;
  canEmail: boolean;
  notice?: string;
  error?: string;
  now: Date;
  /** Promises (panel) and check-ins of the case, and whether handling it plans a check-in. */
  followThrough?: {
    panel: PromisePanelView;
    checkIns: CheckInRecord[];
    checkIn: { enabled: boolean; delayHours: number };
  };
}

const EVENT_NAMES: Record<CaseEvent['kind'], string> = {
  opened: 'Case opened',
  'follow-up': 'Follow-up received',
  alert: 'Alert sent',
  reply: 'Reply sent',
  'replied-elsewhere': 'Replied elsewhere',
  handled: 'Marked handled',
  reopened: 'Reopened',
  note: 'Note',
  'customer-reply': 'Customer answered',
  'order-linked': "Linked to the order's customer",
  'promise-made': 'Promise made',
  'promise-kept': 'Promise kept',
  'promise-changed': 'Promise changed',
  'promise-overdue': 'Promise overdue',
  'check-in-sent': 'Check-in sent',
  'check-in-answered': 'Check-in answered',
  'check-in-unanswered': 'Check-in not answered',
  'check-in-cancelled': 'Check-in not sent',
};

function itemFacts(item: FeedbackRecord, timeZone: string): SafeHtml {
  const rows: Array<[string, string]> = [['Received', formatDate(item.receivedAt, timeZone)], ['Channel', `${CHANNELS[item.channel]}${item.source ? ` · ${item.source}` : ''}`]];
  if (item.score !== undefined) rows.push(['Score', `${item.score} / 10`]);
  if (item.rating !== undefined) rows.push(['Rating', `${item.rating} / 5`]);
  if (item.subject) rows.push(['Subject', item.subject]);
  if (item.orderIds.length) rows.push(['Order', item.orderIds.join(', ')]);
  if (item.claimedOrderIds?.length) rows.push(['Quoted order', `${item.claimedOrderIds.join(', ')} (not linked)`]);
  if (item.classification.topics.length) rows.push(['Topics', topicList(item.classification.topics)]);
  if (item.classification.cues.length) rows.push(['Urgent cues', item.classification.cues.join(', ')]);
  rows.push(['Tone', item.classification.sentiment]);
  return html`<dl class="facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

function timeline(events: CaseEvent[], timeZone: string): SafeHtml {
  return html`<ol class="timeline">${events.map(
    (e) => html`<li><div class="what">${EVENT_NAMES[e.kind]}</div><div class="when">${formatDate(e.at, timeZone)} · ${e.by}</div>${e.text ? html`<blockquote>${multiline(e.text)}</blockquote>` : ''}</li>`,
  )}</ol>`;
}

/** A case: what the customer said, who they are, what happened, and the actions. */
export function casePage(frame: PageFrame, view: CaseView): string {
  const { record } = view;
  const who = customerLabel(record.customer);
  const open = record.status !== 'handled';
  const tz = frame.timeZone;
  const base = `/console/cases/${record.caseId}`;
  return consoleLayout(
    `Case: ${who}`,
    { ...frame, section: 'inbox' },
    html`<p><a href="/console">← Inbox</a></p>
<h1>${who}</h1>
<p class="meta">${record.urgent && open ? html`<span class="badge urgent">Urgent</span>` : ''}${statusBadge(record.status)}<span>${CHANNELS[record.channel]}</span><span>opened ${agoLabel(record.openedAt, view.now)}</span></p>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
<section class="panel" aria-labelledby="customer-h">
<h2 id="customer-h" class="visually-hidden">Customer</h2>
<dl class="facts">
${record.customer.name ? html`<dt>Name</dt><dd>${record.customer.name}</dd>` : ''}
${record.customer.email ? html`<dt>Email</dt><dd>${record.customer.email}</dd>` : ''}
${record.customer.phone ? html`<dt>Phone</dt><dd><a href="${`tel:${record.customer.phone.replace(/[^\d+]/g, '')}`}">${record.customer.phone}</a></dd>` : ''}
${record.customer.handle ? html`<dt>Handle</dt><dd>${record.customer.handle}</dd>` : ''}
${view.profile ? html`<dt>Orders</dt><dd>${view.profile.orderCount} (${view.profile.orderValue.toFixed(2)}${view.profile.currency ? ` ${view.profile.currency}` : ''})</dd>` : ''}
</dl>
${record.customerId ? html`<a href="${`/console/customers/${record.customerId}`}">Customer history</a>` : ''}
</section>
<h2>What they said</h2>
${view.items.map(
  (item) => html`<article class="panel"><h3>${item.id === record.openedBy ? 'Complaint' : item.channel === 'email' ? 'Email' : 'Follow-up'}</h3>${itemFacts(item, tz)}<blockquote>${multiline(item.text.trim() || '(no comment)')}</blockquote>${item.url ? html`<p><a href="${safeUrl(item.url)}" rel="noopener noreferrer">Open the post</a></p>` : ''}</article>`,
)}
${view.quotedOrders?.length ? quotedOrdersPanel(view.quotedOrders, base, tz) : ''}
<h2>Act</h2>
<div class="actions">
${
  view.canEmail
    ? html`<form method="post" action="${`${base}/reply`}" class="panel">
<label for="reply">Reply</label>
<p class="hint" id="reply-hint">Sent by email from ${frame.businessName} to ${record.customer.email ?? ''}. Their answer comes back to this case.</p>
<textarea id="reply" name="reply" class="tall" required maxlength="20000" aria-describedby="reply-hint">${view.suggestedReply}</textarea>
<button type="submit">Send reply</button>
</form>`
    : html`<div class="panel"><p>${record.url ? 'This was posted in public. Answer there, calmly, then take it private:' : 'There is no email address to reply to. Call or write to them, then record it here.'}</p>
${view.publicReply ? html`<label for="public-reply">Suggested public reply</label><textarea id="public-reply" readonly>${view.publicReply}</textarea>` : ''}
${record.url ? html`<p><a href="${safeUrl(record.url)}" rel="noopener noreferrer">Open the post to answer</a></p>` : ''}</div>`
}
<div class="row">
<form method="post" action="${`${base}/replied-elsewhere`}"><button type="submit" class="secondary">Replied elsewhere</button></form>
</div>
${view.followThrough ? promisesPanel(view.followThrough.panel) : ''}
${view.followThrough?.checkIns.length ? html`<section class="panel" aria-labelledby="check-ins-h"><h2 id="check-ins-h">Did we put it right?</h2>${checkInSummary(view.followThrough.checkIns)}</section>` : ''}
${
  open
    ? html`<form method="post" action="${`${base}/handled`}" class="panel">
<label for="done">What was done</label>
<p class="hint" id="done-hint">Optional: a refund, a call, a replacement.</p>
<textarea id="done" name="done" maxlength="5000" aria-describedby="done-hint"></textarea>
${view.followThrough ? html`<input type="hidden" name="checkInChoice" value="1">${checkInOption({ ...view.followThrough.checkIn, ...(record.customer.email ? { email: record.customer.email } : {}) })}` : ''}
<button type="submit">Mark handled</button>
</form>`
    : html`<form method="post" action="${`${base}/reopen`}"><button type="submit" class="secondary">Reopen</button></form>`
}
<form method="post" action="${`${base}/note`}" class="panel">
<label for="note">Note</label>
<textarea id="note" name="note" required maxlength="5000"></textarea>
<button type="submit" class="secondary">Add note</button>
</form>
</div>
<h2>Timeline</h2>
${timeline(view.events, tz)}
${
  view.otherCases.length
    ? html`<h2>Earlier complaints</h2><ul class="cases">${view.otherCases.map((c) => caseItem(c, view.now))}</ul>`
    : ''
}
${
  view.orders.length
    ? html`<h2>Orders</h2><table class="data"><thead><tr><th scope="col">Order</th><th scope="col">Date</th><th scope="col">Total</th></tr></thead><tbody>${view.orders.map(
        (o) => html`<tr><td>${o.orderId}</td><td>${formatDate(o.purchasedAt, tz)}</td><td>${o.total !== undefined ? `${o.total.toFixed(2)}${o.currency ? ` ${o.currency}` : ''}` : ''}</td></tr>`,
      )}</tbody></table>`
    : ''
}`,
  );
}

/**
 * Order numbers the sender quoted but is not the customer of: whose order it is, and a button to
 * link the sender to that customer when the owner knows they are the same person.
 */
function quotedOrdersPanel(quoted: NonNullable<CaseView['quotedOrders']>, base: string, tz: string): SafeHtml {
  return html`<section class="panel" aria-labelledby="quoted-h">
<h2 id="quoted-h">${quoted.length === 1 ? 'Quoted order' : 'Quoted orders'}</h2>
${quoted.map(({ orderId, order }, index) =>
  order
    ? html`<p id="${`quoted-${index}`}">They quoted order <strong>${orderId}</strong> of ${order.name ? html`${order.name} (${order.email})` : order.email}, placed ${formatDate(order.purchasedAt, tz)}. It is not linked: this sender is not that order's customer. Link them only if you know they are the same person; their histories become one.</p>
<form method="post" action="${`${base}/link-order`}"><input type="hidden" name="order" value="${orderId}"><button type="submit" class="secondary" aria-describedby="${`quoted-${index}`}">Link to this customer</button></form>`
    : html`<p>They quoted order <strong>${orderId}</strong>, which is not on record.</p>`,
)}
</section>`;
}

/** Only http(s) links from customer data become hrefs. */
function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}

/** One entry of a customer's timeline. */
export interface CustomerTimelineEntry {
  at: string;
  what: string;
  text?: string;
  href?: string;
}

/** What the customer page shows. */
export interface CustomerView {
  profile: CustomerProfile;
  timeline: CustomerTimelineEntry[];
  cases: CaseRecord[];
  notice?: string;
  error?: string;
  now: Date;
}

/** A customer: identities (link another), cases, the timeline of everything, erasure. */
export function customerPage(frame: PageFrame, view: CustomerView): string {
  const { profile } = view;
  const name = profile.name ?? profile.emails[0] ?? profile.handles[0] ?? 'Customer';
  const base = `/console/customers/${profile.customerId}`;
  return consoleLayout(
    name,
    frame,
    html`<p><a href="/console">← Inbox</a></p>
<h1>${name}</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
<section class="panel" aria-labelledby="ids-h">
<h2 id="ids-h">Identities</h2>
<dl class="facts">
${profile.emails.map((e) => html`<dt>Email</dt><dd>${e}</dd>`)}
${profile.phones.map((p) => html`<dt>Phone</dt><dd>${p}</dd>`)}
${profile.handles.map((h) => html`<dt>Handle</dt><dd>${h}</dd>`)}
<dt>Orders</dt><dd>${profile.orderCount} (${profile.orderValue.toFixed(2)}${profile.currency ? ` ${profile.currency}` : ''})</dd>
</dl>
<form method="post" action="${`${base}/identities`}">
<label for="id-type">Link another</label>
<select id="id-type" name="type"><option value="handle">Social handle</option><option value="phone">Phone</option><option value="email">Email</option></select>
<label for="id-value">Handle, phone or email</label>
<input type="text" id="id-value" name="value" required maxlength="254">
<label for="id-source">Where (for a handle)</label>
<input type="text" id="id-source" name="source" maxlength="64" placeholder="bluesky, mastodon, reddit, google">
<button type="submit" class="secondary">Link identity</button>
</form>
</section>
${view.cases.length ? html`<h2>Cases</h2><ul class="cases">${view.cases.map((c) => caseItem(c, view.now))}</ul>` : ''}
<h2>Timeline</h2>
${
  view.timeline.length
    ? html`<ol class="timeline">${view.timeline.map(
        (e) => html`<li><div class="what">${e.href ? html`<a href="${e.href}">${e.what}</a>` : e.what}</div><div class="when">${formatDate(e.at, frame.timeZone)}</div>${e.text ? html`<blockquote>${multiline(e.text)}</blockquote>` : ''}</li>`,
      )}</ol>`
    : html`<p>Nothing yet.</p>`
}
<h2>Personal data</h2>
<p><a href="${`${base}/erase`}">Erase customer</a></p>`,
  );
}

/** The confirmation step before erasing a customer. */
export function eraseConfirmPage(frame: PageFrame, profile: CustomerProfile): string {
  const name = profile.name ?? profile.emails[0] ?? 'this customer';
  return consoleLayout(
    'Erase customer',
    frame,
    html`<h1>Erase ${name}?</h1>
<div class="panel">
<p>This removes everything Earshot keeps about them: profile and identities, feedback and the raw inputs, alerts, cases, orders and survey links. It cannot be undone.</p>
<form method="post" action="${`/console/customers/${profile.customerId}/erase`}"><button type="submit" class="danger">Erase customer</button></form>
<p><a href="${`/console/customers/${profile.customerId}`}">Keep them</a></p>
</div>`,
  );
}

/** After an erasure. */
export function erasedPage(frame: PageFrame, removed: Record<string, number>): string {
  return consoleLayout(
    'Customer erased',
    frame,
    html`<h1>Customer erased</h1>
<p class="notice" role="status">Removed: ${Object.entries(removed)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ') || 'nothing left to remove'}.</p>
<p><a href="/console">Back to the inbox</a></p>`,
  );
}

/** What the monitor page shows. */
export interface MonitorView {
  setAside: SetAsideEntry[];
  sources: Array<{ source: string; silent: boolean; lastSuccessAt?: string; lastError?: string }>;
  deadLetters: Record<string, number> | undefined;
  pendingAlerts: AlertState[];
}

/** The monitor: what was set aside this week, silent sources, dead letters, alerts waiting for a retry. */
export function monitorPage(frame: PageFrame, view: MonitorView): string {
  const tz = frame.timeZone;
  return consoleLayout(
    'Monitor',
    { ...frame, section: 'monitor' },
    html`<h1>Monitor</h1>
<h2>Set aside this week</h2>
${
  view.setAside.length
    ? html`<table class="data"><thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Why</th></tr></thead><tbody>${view.setAside.map(
        (e) => html`<tr><td>${formatDate(e.at, tz)}</td><td>${e.channel}${e.sender ? ` · ${e.sender}` : ''}${e.subject ? ` · ${e.subject}` : ''}</td><td>${e.outcome}: ${e.reason}${e.detail ? ` (${e.detail})` : ''}</td></tr>`,
      )}</tbody></table>`
    : html`<p>Nothing was set aside this week.</p>`
}
<h2>Mention sources</h2>
${
  view.sources.length
    ? html`<table class="data"><thead><tr><th scope="col">Source</th><th scope="col">State</th><th scope="col">Last error</th></tr></thead><tbody>${view.sources.map(
        (s) => html`<tr><td>${s.source}</td><td>${s.silent ? 'Silent' : 'Working'}${s.lastSuccessAt ? `, last read ${formatDate(s.lastSuccessAt, tz)}` : ''}</td><td>${s.lastError ?? ''}</td></tr>`,
      )}</tbody></table>`
    : html`<p>No mention sources are configured.</p>`
}
<h2>Dead-letter queues</h2>
${
  view.deadLetters
    ? html`<table class="data"><thead><tr><th scope="col">Queue</th><th scope="col">Messages</th></tr></thead><tbody>${Object.entries(view.deadLetters).map(([q, n]) => html`<tr><td>${q}</td><td>${n}</td></tr>`)}</tbody></table>`
    : html`<p>Not available.</p>`
}
<h2>Alerts waiting to be sent</h2>
${
  view.pendingAlerts.length
    ? html`<table class="data"><thead><tr><th scope="col">Alert</th><th scope="col">Next try</th><th scope="col">Attempts</th><th scope="col">Last error</th></tr></thead><tbody>${view.pendingAlerts.map(
        (a) => html`<tr><td>${a.subject}</td><td>${formatDate(a.nextAttemptAt, tz)}</td><td>${a.attempts}</td><td>${a.lastError ?? ''}</td></tr>`,
      )}</tbody></table>`
    : html`<p>None: every alert went out.</p>`
}`,
  );
}

/** The page an emailed action link opens: says what its button will do; only the POST acts. */
export function actionConfirmPage(frame: PageFrame, input: { action: 'open' | 'handled'; record: CaseRecord; postTo: string; handledAlready: boolean }): string {
  const who = customerLabel(input.record.customer);
  if (input.action === 'open') {
    return consoleLayout(
      'Open case',
      frame,
      html`<h1>Case: ${who}</h1>
<div class="panel"><p class="quote">${input.record.quote}</p>
<form method="post" action="${input.postTo}"><button type="submit">Open case</button></form></div>`,
    );
  }
  return consoleLayout(
    'Mark handled',
    frame,
    html`<h1>Mark the case of ${who} handled?</h1>
<div class="panel"><p class="quote">${input.record.quote}</p>
${
  input.handledAlready
    ? html`<p class="notice" role="status">This case is handled already.</p>`
    : html`<form method="post" action="${input.postTo}">
<label for="done">What was done</label>
<p class="hint" id="done-hint">Optional.</p>
<textarea id="done" name="done" maxlength="5000" aria-describedby="done-hint"></textarea>
<button type="submit">Mark handled</button>
</form>`
}</div>`,
  );
}

/** After "Mark handled" from an email link. */
export function handledPage(frame: PageFrame, record: CaseRecord, changed: boolean): string {
  return consoleLayout(
    'Case handled',
    frame,
    html`<h1>${changed ? 'Case marked handled' : 'Already handled'}</h1>
<p class="notice" role="status">The case of ${customerLabel(record.customer)} is handled.</p>
<p><a href="${`/console/cases/${record.caseId}`}">Open case</a></p>`,
  );
}
