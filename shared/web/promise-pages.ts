import { customerLabel } from '#shared/domain/feedback.ts';
import { dayLabel, type PromiseRecord } from '#shared/domain/promise.ts';
import type { CaseRecord } from '#shared/domain/case.ts';
import { consoleLayout, type PageFrame } from '#shared/web/console-pages.ts';
import { html } from '#shared/web/html.ts';

/**
 * The page a reminder's `Kept` link opens: what was promised to whom, and a `Kept` button (mail
 * scanners open every link; only the button's POST marks the promise kept), like every emailed
 * action.
 */
export function promiseKeptConfirmPage(frame: PageFrame, input: { record: CaseRecord; promise: PromiseRecord; postTo: string }): string {
  const who = customerLabel(input.record.customer);
  const kept = input.promise.status === 'kept';
  return consoleLayout(
    'Promise kept?',
    frame,
    html`<h1>Promise to ${who}</h1>
<div class="panel">
<p class="what">${input.promise.text}</p>
<p class="meta">Due ${dayLabel(input.promise.dueDate)}</p>
${
  kept
    ? html`<p class="notice" role="status">This promise is marked kept already.</p><p><a href="${`/console/cases/${input.record.caseId}`}">Open the case</a></p>`
    : html`<p>Did you do it? Marking it kept goes on the case's timeline.</p>
<form method="post" action="${input.postTo}"><button type="submit">Kept</button></form>`
}
</div>`,
  );
}

/** After the `Kept` button: done (or it was done already), with the way to the case. */
export function promiseKeptPage(frame: PageFrame, input: { record: CaseRecord; promise: PromiseRecord; changed: boolean }): string {
  const who = customerLabel(input.record.customer);
  return consoleLayout(
    'Promise kept',
    frame,
    html`<h1>${input.changed ? 'Promise marked kept' : 'Already marked kept'}</h1>
<div class="panel">
<p>${input.promise.text}: to ${who}, due ${dayLabel(input.promise.dueDate)}${input.promise.keptOnTime ? ', kept on time' : input.promise.status === 'kept' ? ', kept late' : ''}.</p>
<p>When the case is put right, mark it handled: Earshot then asks ${who} whether it was.</p>
<p><a href="${`/console/cases/${input.record.caseId}`}">Open the case</a></p>
</div>`,
  );
}
