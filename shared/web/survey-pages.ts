import { createHash } from 'node:crypto';
import { html, raw, type SafeHtml } from '#shared/web/html.ts';

/**
 * The survey pages customers see: mobile-first, no JavaScript, accessible (a fieldset with a
 * legend for the score, a label for every field, visible focus, WCAG AA contrast). The only style
 * sheet is inline and allowed by its hash, so the Content Security Policy forbids everything else.
 */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#18181b;background:#f4f4f5}
main{max-width:36rem;margin:0 auto;padding:1.25rem 1rem 2.5rem;background:#fff;min-height:100vh}
h1{font-size:1.375rem;line-height:1.3;margin:.5rem 0 1rem}
p{margin:0 0 1rem}
fieldset{border:0;margin:0 0 1.25rem;padding:0;min-width:0}
legend{font-weight:600;margin-bottom:.5rem;padding:0}
.scale{display:grid;grid-template-columns:repeat(6,1fr);gap:.375rem}
@media (min-width:30rem){.scale{grid-template-columns:repeat(11,1fr)}}
.scale input{position:absolute;opacity:0;width:1px;height:1px}
.scale label{display:flex;align-items:center;justify-content:center;min-height:2.75rem;border:2px solid #71717a;border-radius:.375rem;font-weight:600;cursor:pointer;background:#fff}
.scale input:checked+label{background:#1d4ed8;border-color:#1d4ed8;color:#fff}
.scale input:focus-visible+label{outline:3px solid #b45309;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.875rem;color:#3f3f46;margin-top:.375rem}
label.field{display:block;font-weight:600;margin-bottom:.375rem}
.hint{font-size:.875rem;color:#3f3f46;margin:-.25rem 0 .5rem}
textarea{display:block;width:100%;min-height:8rem;padding:.625rem;font:inherit;border:2px solid #71717a;border-radius:.375rem;resize:vertical}
textarea:focus-visible,button:focus-visible{outline:3px solid #b45309;outline-offset:2px}
button{display:block;width:100%;margin-top:1.25rem;padding:.875rem 1rem;font:inherit;font-weight:700;color:#fff;background:#1d4ed8;border:0;border-radius:.375rem;cursor:pointer}
.error{border-left:4px solid #b91c1c;background:#fef2f2;color:#7f1d1d;padding:.75rem 1rem;margin:0 0 1rem}
footer{margin-top:2rem;font-size:.875rem;color:#3f3f46}
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** The Content Security Policy of every survey page: same-origin form posts and the hashed style. */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The frame of every public page (survey, thank-you, unsubscribe): one stylesheet, allowed by hash in the CSP. */
export function pageLayout(title: string, businessName: string, content: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · ${businessName}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
${content}
<footer>${businessName}</footer>
</main>
</body>
</html>`.value;
}

/** What the survey form shows. */
export interface SurveyFormInput {
  businessName: string;
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
  const question = `How likely are you to recommend ${input.businessName} to a friend or colleague?`;
  const scores = Array.from({ length: 11 }, (_, score) => score);
  const content = html`<h1>${input.customerName ? `Thanks for your order, ${input.customerName}` : 'Thanks for your order'}</h1>
<p>Two quick questions. It takes less than a minute.</p>
${input.error ? html`<p class="error" role="alert" id="form-error">${input.error}</p>` : ''}
<form method="post" action="${input.action}" novalidate>
<fieldset${input.error ? html` aria-describedby="form-error"` : ''}>
<legend>${question}</legend>
<div class="scale">
${scores.map(
  (score) =>
    html`<input type="radio" id="${`score-${score}`}" name="score" value="${score}" required${input.score === score ? html` checked` : ''}><label for="${`score-${score}`}">${score}</label>
`,
)}</div>
<div class="ends" aria-hidden="true"><span>0 · Not at all likely</span><span>10 · Extremely likely</span></div>
</fieldset>
<label class="field" for="comment">What is the main reason for your score?</label>
<p class="hint" id="comment-hint">Optional. Tell us what went well or what we should fix.</p>
<textarea id="comment" name="comment" maxlength="5000" aria-describedby="comment-hint">${input.comment ?? ''}</textarea>
<button type="submit">Send my answer</button>
</form>`;
  return pageLayout('Your feedback', input.businessName, content);
}

/** The page after an answer was recorded. */
export function thankYouPage(businessName: string, score: number): string {
  const followUp =
    score <= 6
      ? 'We are sorry it was not better. Someone will read your answer and get back to you.'
      : 'Your answer helps us keep doing what works.';
  return pageLayout(
    'Thank you',
    businessName,
    html`<h1>Thank you for your answer</h1>
<p>${followUp}</p>`,
  );
}

/** The page for a link that cannot be used (unknown, tampered, answered, expired) or another error. */
export function errorPage(businessName: string, kind: 'not-found' | 'answered' | 'expired' | 'invalid' | 'error', detail?: string): string {
  const texts: Record<typeof kind, [string, string]> = {
    'not-found': ['Survey not found', 'This survey link is not valid. Please check that you copied the whole link from the email.'],
    answered: ['Already answered', 'This survey has already been answered. Thank you!'],
    expired: ['Survey closed', 'This survey link has expired. Thank you for your interest.'],
    invalid: ['Please check your answer', detail ?? 'Something in the answer could not be read.'],
    error: ['Something went wrong', 'Sorry, your answer could not be saved just now. Please try again in a minute.'],
  };
  const [title, text] = texts[kind];
  return pageLayout(title, businessName, html`<h1>${title}</h1>
<p>${text}</p>`);
}
