import { createHash } from 'node:crypto';
import { DEFAULT_ACCENT, type Branding } from '#shared/domain/branding.ts';
import type { ReviewLink } from '#shared/domain/review-link.ts';
import { recommendQuestion, REVIEW_INVITATION, SCALE_ENDS } from '#shared/domain/survey-wording.ts';
import { html, raw, type SafeHtml } from '#shared/web/html.ts';

/**
 * The survey pages customers see: mobile-first, no JavaScript, accessible (a fieldset with a
 * legend for the score, a label for every field, visible focus, WCAG AA contrast), in the
 * business's name, logo and accent colour. The only style sheet is inline and allowed by its hash,
 * so the Content Security Policy forbids everything else.
 */
function styleFor(accent: string): string {
  return `
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#18181b;background:#f4f4f5}
main{max-width:36rem;margin:0 auto;padding:1.25rem 1rem 2.5rem;background:#fff;min-height:100vh}
.brand{display:flex;align-items:center;gap:.75rem;margin:0 0 1rem;padding:0 0 .75rem;border-bottom:4px solid ${accent}}
.brand img{display:block;height:48px;width:auto;max-width:50%;object-fit:contain}
.brand p{margin:0;font-weight:700;font-size:1.125rem;line-height:1.3}
h1{font-size:1.375rem;line-height:1.3;margin:.5rem 0 1rem}
h2{font-size:1.125rem;line-height:1.3;margin:1.5rem 0 .5rem}
p{margin:0 0 1rem}
a{color:${accent}}
fieldset{border:0;margin:0 0 1.25rem;padding:0;min-width:0}
legend{font-weight:600;margin-bottom:.5rem;padding:0}
.scale{display:grid;grid-template-columns:repeat(6,1fr);gap:.375rem}
@media (min-width:30rem){.scale{grid-template-columns:repeat(11,1fr)}}
.scale input{position:absolute;opacity:0;width:1px;height:1px}
.scale label{display:flex;align-items:center;justify-content:center;min-height:2.75rem;border:2px solid #71717a;border-radius:.375rem;font-weight:600;cursor:pointer;background:#fff}
.scale input:checked+label{background:${accent};border-color:${accent};color:#fff}
.scale input:focus-visible+label{outline:3px solid #b45309;outline-offset:2px}
.ends{display:flex;justify-content:space-between;gap:1rem;font-size:.875rem;color:#3f3f46;margin-top:.375rem}
label.field{display:block;font-weight:600;margin-bottom:.375rem}
.hint{font-size:.875rem;color:#3f3f46;margin:-.25rem 0 .5rem}
textarea{display:block;width:100%;min-height:8rem;padding:.625rem;font:inherit;border:2px solid #71717a;border-radius:.375rem;resize:vertical}
textarea:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #b45309;outline-offset:2px}
button{display:block;width:100%;margin-top:1.25rem;padding:.875rem 1rem;font:inherit;font-weight:700;color:#fff;background:${accent};border:0;border-radius:.375rem;cursor:pointer}
.error{border-left:4px solid #b91c1c;background:#fef2f2;color:#7f1d1d;padding:.75rem 1rem;margin:0 0 1rem}
.reviews{list-style:none;margin:0 0 1rem;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.reviews a{display:inline-block;padding:.625rem 1rem;border:2px solid ${accent};border-radius:.375rem;font-weight:600;text-decoration:none}
footer{margin-top:2rem;font-size:.875rem;color:#3f3f46}
`;
}

const styles = new Map<string, { style: string; hash: string }>();

function styleOf(accent: string): { style: string; hash: string } {
  let known = styles.get(accent);
  if (!known) {
    const style = styleFor(accent);
    known = { style, hash: createHash('sha256').update(style).digest('base64') };
    styles.set(accent, known);
  }
  return known;
}

function brandingFrom(business: string | Branding): Branding {
  return typeof business === 'string' ? { name: business, accent: DEFAULT_ACCENT } : business;
}

/**
 * The Content Security Policy of a customer page: same-origin form posts, the page's own style by
 * hash, and images only from the logo's origin.
 */
export function pageCsp(business: string | Branding): string {
  const brand = brandingFrom(business);
  return [
    "default-src 'none'",
    `style-src 'sha256-${styleOf(brand.accent).hash}'`,
    ...(brand.logoUrl ? [`img-src ${new URL(brand.logoUrl).origin}`] : []),
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The Content Security Policy of pages in the default look (no logo, the default accent). */
export const PAGE_CSP = pageCsp('');

/**
 * The frame of every public page (survey, thank-you, error, unsubscribe): the business's name and
 * logo on top in its accent colour; one stylesheet, allowed by hash in `pageCsp`.
 */
export function pageLayout(title: string, business: string | Branding, content: SafeHtml): string {
  const brand = brandingFrom(business);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${title} · ${brand.name}</title>
<style>${raw(styleOf(brand.accent).style)}</style>
</head>
<body>
<main>
<header class="brand">${brand.logoUrl ? html`<img src="${brand.logoUrl}" alt="" height="48">` : ''}<p>${brand.name}</p></header>
${content}
<footer>${brand.name}</footer>
</main>
</body>
</html>`.value;
}

/** What the survey form shows. */
export interface SurveyFormInput {
  business: string | Branding;
  /** Path the form posts to (`/s/<token>`). */
  action: string;
  customerName?: string;
  /** Pre-selected score (from a one-click link in the email or a rejected submission). */
  score?: number;
  comment?: string;
  error?: string;
}

/** The survey form: a 0-10 score and an optional comment. */
export function surveyFormPage(input: SurveyFormInput): string {
  const brand = brandingFrom(input.business);
  const scores = Array.from({ length: 11 }, (_, score) => score);
  const content = html`<h1>${input.customerName ? `Thanks for your order, ${input.customerName}` : 'Thanks for your order'}</h1>
<p>Two quick questions. It takes less than a minute.</p>
${input.error ? html`<p class="error" role="alert" id="form-error">${input.error}</p>` : ''}
<form method="post" action="${input.action}" novalidate>
<fieldset${input.error ? html` aria-describedby="form-error"` : ''}>
<legend>${recommendQuestion(brand.name)}</legend>
<div class="scale">
${scores.map(
  (score) =>
    html`<input type="radio" id="${`score-${score}`}" name="score" value="${score}" required${input.score === score ? html` checked` : ''}><label for="${`score-${score}`}">${score}</label>
`,
)}</div>
<div class="ends" aria-hidden="true"><span>0 · ${SCALE_ENDS.low}</span><span>10 · ${SCALE_ENDS.high}</span></div>
</fieldset>
<label class="field" for="comment">What is the main reason for your score?</label>
<p class="hint" id="comment-hint">Optional. Tell us what went well or what we should fix.</p>
<textarea id="comment" name="comment" maxlength="5000" aria-describedby="comment-hint">${input.comment ?? ''}</textarea>
<button type="submit">Send my answer</button>
</form>`;
  return pageLayout('Your feedback', brand, content);
}

/** The review invitation: the same block, in the same words, for every customer. */
export function reviewInvitation(links: readonly ReviewLink[]): SafeHtml {
  if (!links.length) return html``;
  return html`<section aria-labelledby="reviews-heading">
<h2 id="reviews-heading">${REVIEW_INVITATION.heading}</h2>
<p>${REVIEW_INVITATION.text}</p>
<ul class="reviews">${links.map((link) => html`<li><a href="${link.url}">${REVIEW_INVITATION.link(link.name)}</a></li>`)}</ul>
</section>`;
}

/** What the thank-you page may offer beyond the thanks. */
export interface ThankYouOptions {
  /** The owner's promise to low scores: someone gets back within this many hours (unset: no promise). */
  callBackWithinHours?: number;
  /** The business's review sites, offered to every customer whatever the score. */
  reviewLinks?: readonly ReviewLink[];
}

/**
 * The page after an answer was recorded. A low score hears a promise of a call-back only when the
 * owner configured one; the review invitation is the same for every score.
 */
export function thankYouPage(business: string | Branding, score: number, options: ThankYouOptions = {}): string {
  const brand = brandingFrom(business);
  const hours = options.callBackWithinHours;
  const followUp =
    score <= 6
      ? hours
        ? `We are sorry it was not better. Someone from ${brand.name} will get back to you within ${hours === 1 ? 'an hour' : `${hours} hours`}.`
        : `We are sorry it was not better. ${brand.name} reads every answer.`
      : 'Your answer helps us keep doing what works.';
  return pageLayout(
    'Thank you',
    brand,
    html`<h1>Thank you for your answer</h1>
<p>${followUp}</p>
${reviewInvitation(options.reviewLinks ?? [])}`,
  );
}

/** The page for a link that cannot be used (unknown, tampered, answered, expired) or another error. */
export function errorPage(business: string | Branding, kind: 'not-found' | 'answered' | 'expired' | 'invalid' | 'error', detail?: string): string {
  const texts: Record<typeof kind, [string, string]> = {
    'not-found': ['Survey not found', 'This survey link is not valid. Please check that you copied the whole link from the email.'],
    answered: ['Already answered', 'This survey has already been answered. Thank you!'],
    expired: ['Survey closed', 'This survey link has expired. Thank you for your interest.'],
    invalid: ['Please check your answer', detail ?? 'Something in the answer could not be read.'],
    error: ['Something went wrong', 'Sorry, your answer could not be saved just now. Please try again in a minute.'],
  };
  const [title, text] = texts[kind];
  return pageLayout(title, business, html`<h1>${title}</h1>
<p>${text}</p>`);
}
