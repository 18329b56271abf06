import { CHECK_IN_COMMENT_MAX, CHECK_IN_WORDING, type CheckInAnswer, type CheckInLanguage } from '#shared/domain/check-in.ts';
import type { ReviewLink } from '#shared/domain/review-link.ts';
import { html, type SafeHtml } from '#shared/web/html.ts';
import { pageLayout } from '#shared/web/survey-pages.ts';

/**
 * The pages the check-in's links open, in the survey's style (same layout, stylesheet and CSP):
 * phone first, no JavaScript, a label for every field. The review invitation, when the business
 * has review links, is the same on the Yes and the Not yet pages: asking only happy customers for
 * reviews is not allowed (no gating).
 */
export type { ReviewLink } from '#shared/domain/review-link.ts';

function inLanguage(page: string, language: CheckInLanguage): string {
  return page.replace('<html lang="en">', `<html lang="${language}">`);
}

/** The review invitation block: identical whatever the customer answered. */
export function reviewInvitation(language: CheckInLanguage, businessName: string, links: ReviewLink[]): SafeHtml | '' {
  if (!links.length) return '';
  return html`<section aria-labelledby="reviews-heading">
<h2 id="reviews-heading" style="font-size:1.125rem;margin:1.5rem 0 .5rem">${CHECK_IN_WORDING[language].reviewInvitation(businessName)}</h2>
<ul>${links.map((l) => html`<li><a href="${l.url}" rel="noopener">${l.name}</a></li>`)}</ul>
</section>`;
}

/** The page a Yes or Not yet link opens: a comment and `Send` (only the POST records the answer). */
export function checkInAnswerPage(input: {
  language: CheckInLanguage;
  businessName: string;
  answer: CheckInAnswer;
  action: string;
  name?: string;
  comment?: string;
  error?: string;
  reviewLinks: ReviewLink[];
}): string {
  const words = CHECK_IN_WORDING[input.language];
  const yes = input.answer === 'yes';
  const content = html`<h1>${yes ? words.yesHeading : words.notYetHeading}</h1>
<p>${yes ? words.yesLead : words.notYetLead}</p>
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<form method="post" action="${input.action}">
<input type="hidden" name="answer" value="${input.answer}">
<label class="field" for="comment">${words.comment}</label>
<p class="hint" id="comment-hint">${words.commentHint}</p>
<textarea id="comment" name="comment" maxlength="${CHECK_IN_COMMENT_MAX}" aria-describedby="comment-hint">${input.comment ?? ''}</textarea>
<button type="submit">${words.send}</button>
</form>
${reviewInvitation(input.language, input.businessName, input.reviewLinks)}`;
  return inLanguage(pageLayout(words.pageTitle, input.businessName, content), input.language);
}

/** After the answer was recorded. */
export function checkInThanksPage(input: { language: CheckInLanguage; businessName: string; answer: CheckInAnswer; reviewLinks: ReviewLink[] }): string {
  const words = CHECK_IN_WORDING[input.language];
  const content = html`<h1>${words.thanksHeading}</h1>
<p>${input.answer === 'yes' ? words.thanksYes : words.thanksNotYet}</p>
${reviewInvitation(input.language, input.businessName, input.reviewLinks)}`;
  return inLanguage(pageLayout(words.thanksHeading, input.businessName, content), input.language);
}

/** A link that cannot be used (unknown or tampered, answered already, expired), or an answer not saved. */
export function checkInErrorPage(language: CheckInLanguage, businessName: string, kind: 'not-found' | 'answered' | 'expired' | 'failed'): string {
  const words = CHECK_IN_WORDING[language];
  const text = kind === 'answered' ? words.used : kind === 'expired' ? words.expired : kind === 'failed' ? words.failed : words.notFound;
  return inLanguage(pageLayout(words.pageTitle, businessName, html`<h1>${words.pageTitle}</h1>
<p>${text}</p>`), language);
}

