import { followThroughLines, type FollowThroughDigest } from '#shared/digest/follow-through.ts';
import { dayLabel } from '#shared/domain/promise.ts';
import { consoleLayout, type PageFrame } from '#shared/web/console-pages.ts';
import { html } from '#shared/web/html.ts';

/**
 * The console's Figures page: the same promises-and-recoveries figures as the digest (recovery
 * rate for the last 7 days and 90 days, answers within 48 hours, median times, promises), read from
 * the day counters, then the overdue promises and the customers not put right yet, each linked to
 * its case.
 */
export function figuresPage(frame: PageFrame, view: { followThrough: FollowThroughDigest; firstDay: string; lastDay: string }): string {
  const { figures, notPutRight } = view.followThrough;
  return consoleLayout(
    'Figures',
    { ...frame, section: 'figures' },
    html`<h1>Figures</h1>
<p>The last 7 days (${dayLabel(view.firstDay)} to ${dayLabel(view.lastDay)}) and the last 90 days, counted as things happen.</p>
<table class="data"><caption class="visually-hidden">Promises and recoveries</caption><tbody>${followThroughLines(view.followThrough).map(
      ([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`,
    )}</tbody></table>
<h2>Overdue promises</h2>
${
  figures.promises.overdue.length
    ? html`<ul>${figures.promises.overdue.map((p) => html`<li><a href="${`/console/cases/${p.caseId}`}">${p.customer}</a>: ${p.text} (due ${dayLabel(p.dueDate)})</li>`)}</ul>${
        figures.promises.overdueCount > figures.promises.overdue.length ? html`<p>${figures.promises.overdueCount - figures.promises.overdue.length} more at the top of the inbox.</p>` : ''
      }`
    : html`<p>None: every promise is kept or still ahead.</p>`
}
<h2>Not put right yet</h2>
${
  notPutRight.length
    ? html`<ul>${notPutRight.map((c) => html`<li><a href="${`/console/cases/${c.caseId}`}">${c.customer}</a>${c.comment ? html`: <q>${c.comment}</q>` : ''}</li>`)}</ul>`
    : html`<p>No customer said it is not put right.</p>`
}`,
  );
}
