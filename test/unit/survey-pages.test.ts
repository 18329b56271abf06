import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorPage, PAGE_CSP, surveyFormPage, thankYouPage } from '#shared/web/survey-pages.ts';

describe('survey pages', () => {
  const page = surveyFormPage({ business: 'Bakery <b>', action: '/s/tok', customerName: '"><img src=x>', comment: '</textarea><script>x</script>', score: 7 });

  it('label every score and the comment, inside a fieldset with a legend', () => {
    for (let score = 0; score <= 10; score += 1) {
      expect(page).toContain(`id="score-${score}"`);
      expect(page).toContain(`<label for="score-${score}">${score}</label>`);
    }
    expect(page).toMatch(/<fieldset[^>]*>\s*<legend>/);
    expect(page).toContain('<label class="field" for="comment">');
    expect(page).toContain('value="7" required checked');
  });

  it('escape customer and business text', () => {
    expect(page).not.toContain('<img src=x>');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;');
    expect(page).toContain('Bakery &lt;b&gt;');
  });

  it('carry no script and only the style the CSP allows by hash', () => {
    expect(page).not.toMatch(/<script/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(PAGE_CSP).toContain(`'sha256-${hash}'`);
    expect(PAGE_CSP).toContain("default-src 'none'");
    expect(PAGE_CSP).toContain("form-action 'self'");
  });

  it('say what happened on the thank-you and error pages', () => {
    expect(thankYouPage('Bakery', 3)).toContain('sorry');
    expect(errorPage('Bakery', 'answered')).toContain('already been answered');
    expect(errorPage('Bakery', 'expired')).toContain('expired');
    expect(errorPage('Bakery', 'not-found')).toContain('not valid');
  });
});
