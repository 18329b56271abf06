import { CHECK_IN_WORDING, type CheckInRecord } from '#shared/domain/check-in.ts';
import { dayLabel, isOverdue, type PromiseRecord } from '#shared/domain/promise.ts';
import { html, type SafeHtml } from '#shared/web/html.ts';

/**
 * The promises part of the console's case page: each promise with its date and state, `Kept` and
 * `Changed` for open ones, and the form that records a new one (`Save promise`). A date picker that
 * works without JavaScript (`<input type="date">`); dates are the owner's calendar days.
 */
export interface PromisePanelView {
  /** The case page's path (`/console/cases/<id>`); forms post under it. */
  base: string;
  promises: PromiseRecord[];
  /** Whether the case is open (a handled case takes no new promise). */
  open: boolean;
  /** Today in the owner's time zone (YYYY-MM-DD). */
  today: string;
  timeZone: string;
}

function state(p: PromiseRecord, today: string): SafeHtml {
  if (p.status === 'kept') return html`<span class="badge handled">${p.keptOnTime ? 'Kept on time' : 'Kept late'}</span>`;
  if (isOverdue(p, today)) return html`<span class="badge urgent">Overdue</span>`;
  if (p.dueDate === today) return html`<span class="badge new">Due today</span>`;
  return html`<span class="badge promised">Open</span>`;
}

function promiseItem(p: PromiseRecord, view: PromisePanelView): SafeHtml {
  const id = p.promiseId.replace(/[^A-Za-z0-9_-]/g, '');
  const action = `${view.base}/promises/${encodeURIComponent(p.promiseId)}`;
  return html`<li class="promise">
<p class="what">${p.text}</p>
<p class="meta">${state(p, view.today)}<span>Due ${dayLabel(p.dueDate)}</span>${p.changes ? html`<span>first promised for ${dayLabel(p.firstDueDate)}</span>` : ''}</p>
${
  p.status === 'open'
    ? html`<form method="post" action="${`${action}/kept`}"><button type="submit">Kept</button></form>
<form method="post" action="${`${action}/changed`}" class="change">
<label for="${`new-date-${id}`}">New date</label>
<input type="date" id="${`new-date-${id}`}" name="due" value="${p.dueDate}" min="${view.today}" required>
<label for="${`wording-${id}`}">New wording</label>
<p class="hint" id="${`wording-hint-${id}`}">Optional: leave it as it is to keep the wording.</p>
<input type="text" id="${`wording-${id}`}" name="text" value="${p.text}" maxlength="500" aria-describedby="${`wording-hint-${id}`}">
<label for="${`why-${id}`}">Why it changed</label>
<input type="text" id="${`why-${id}`}" name="note" maxlength="1000" required>
<button type="submit" class="secondary">Changed</button>
</form>`
    : ''
}
</li>`;
}

/**
 * The promises panel of a case page. The section is not labelled by its heading, so the one thing
 * labelled with "promise" is the field the contract names (`getByLabel('promise')` finds it alone).
 */
export function promisesPanel(view: PromisePanelView): SafeHtml {
  const open = view.promises.filter((p) => p.status === 'open');
  const kept = view.promises.filter((p) => p.status === 'kept');
  return html`<section class="panel">
<h2>Promises</h2>
${view.promises.length ? html`<ul class="promises">${[...open, ...kept].map((p) => promiseItem(p, view))}</ul>` : html`<p>Nothing promised yet. Promise the next step with a date, and Earshot reminds you on the day.</p>`}
${
  view.open
    ? html`<form method="post" action="${`${view.base}/promise`}">
<label for="promise">What you promise</label>
<p class="hint" id="promise-hint">For example: a refund by Friday, a new cake on Saturday.</p>
<input type="text" id="promise" name="promise" maxlength="500" required aria-describedby="promise-hint">
<label for="due">Due date</label>
<p class="hint" id="due-hint">Your calendar (${view.timeZone}). Earshot reminds you on the day.</p>
<input type="date" id="due" name="due" min="${view.today}" required aria-describedby="due-hint">
<button type="submit">Save promise</button>
</form>`
    : ''
}
</section>`;
}

/**
 * The check-in choice on the Mark handled form: ticked by default when follow-ups are on and the
 * customer has an email address; unticking it skips the check-in for this handling.
 */
export function checkInOption(input: { enabled: boolean; email?: string; delayHours: number }): SafeHtml | '' {
  if (!input.enabled || !input.email) return '';
  const when = input.delayHours === 0 ? 'now' : input.delayHours % 24 === 0 ? `in ${input.delayHours / 24} day${input.delayHours === 24 ? '' : 's'}` : `in ${input.delayHours} hours`;
  return html`<p class="check"><input type="checkbox" id="check-in" name="checkIn" value="yes" checked><label for="check-in">Ask ${input.email} ${when}: "${CHECK_IN_WORDING.en.subject}"</label></p>`;
}

/** The check-ins of a case, for its page: when each went out and what the customer answered. */
export function checkInSummary(checkIns: CheckInRecord[]): SafeHtml | '' {
  const shown = checkIns.filter((c) => c.status !== 'cancelled');
  if (!shown.length) return '';
  const line = (c: CheckInRecord): string => {
    if (c.status === 'scheduled') return `Check-in planned for ${c.dueAt.slice(0, 10)}`;
    if (c.status === 'sent') return `Check-in sent ${c.sentAt?.slice(0, 10) ?? ''}, no answer yet`;
    if (c.status === 'unknown') return 'Check-in not answered within 14 days';
    return c.answer === 'yes' ? 'Customer says it is put right: recovered' : 'Customer says it is not put right yet';
  };
  return html`<ul class="check-ins">${shown.map((c) => html`<li>${line(c)}${c.comment ? html`<blockquote>${c.comment}</blockquote>` : ''}</li>`)}</ul>`;
}
