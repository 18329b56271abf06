import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio, darkerShadeFor } from '#shared/domain/colour.ts';
import { reviewLinkToken, verifyReviewLinkToken } from '#shared/domain/review-link.ts';
import { customerOptOutToken, verifyCustomerOptOutToken } from '#shared/domain/check-in.ts';
import { unsubscribeToken, verifyUnsubscribeToken } from '#shared/domain/unsubscribe-link.ts';
import { invitationEmail } from '#shared/emails/invitation.ts';
import { errorPage, pageCsp, surveyFormPage, thankYouPage } from '#shared/web/survey-pages.ts';

const SECRET = 'test-link-secret-0123456789abcdef';
const brand = { name: 'Corner Bakery', logoUrl: 'https://cdn.cornerbakery.example/logo.png', accent: '#0f766e' };
const reviews = [
  { name: 'Google', url: 'https://feedback.cornerbakery.example/r/google.page.AAAAAAAAAAAAAAAA' },
  { name: 'Tripadvisor', url: 'https://feedback.cornerbakery.example/r/tripadvisor.page.AAAAAAAAAAAAAAAA' },
];

/** The review invitation block of a page (what a customer is asked about reviews). */
function reviewSection(page: string): string | undefined {
  return /<section aria-labelledby="reviews-heading">[\s\S]*?<\/section>/.exec(page)?.[0];
}

describe('customer pages in the business\'s look', () => {
  it('show the name, the logo and the accent colour on the survey, thank-you and error pages', () => {
    for (const page of [surveyFormPage({ business: brand, action: '/s/t' }), thankYouPage(brand, 9), errorPage(brand, 'expired')]) {
      expect(page).toContain('<header class="brand"><img src="https://cdn.cornerbakery.example/logo.png" alt="" height="48"><p>Corner Bakery</p></header>');
      expect(page).toContain('border-bottom:4px solid #0f766e');
      expect(page).toContain('background:#0f766e');
    }
    expect(pageCsp(brand)).toContain('img-src https://cdn.cornerbakery.example');
    expect(pageCsp('Corner Bakery')).not.toContain('img-src');
  });

  it('ask the same question as the invitation email: "a friend or colleague"', () => {
    const page = surveyFormPage({ business: brand, action: '/s/t' });
    const email = invitationEmail({ to: 'a@example.com', business: brand, surveyUrl: 'https://f.example/s/t', unsubscribeUrl: 'https://f.example/stop/x' });
    const question = 'How likely are you to recommend Corner Bakery to a friend or colleague?';
    expect(page).toContain(`<legend>${question}</legend>`);
    expect(email.html).toContain(question);
    expect(email.text).toContain(question);
  });

  it('promise a call-back to a low score only when the owner configured one', () => {
    expect(thankYouPage(brand, 3)).not.toMatch(/get back to you|call/i);
    expect(thankYouPage(brand, 3, { callBackWithinHours: 24 })).toContain('Someone from Corner Bakery will get back to you within 24 hours.');
    expect(thankYouPage(brand, 9, { callBackWithinHours: 24 })).not.toContain('get back to you');
  });

  it('invite every customer to review in the same words, whatever the score, through the business\'s own links', () => {
    const sections = Array.from({ length: 11 }, (_, score) => reviewSection(thankYouPage(brand, score, { reviewLinks: reviews })));
    expect(new Set(sections).size).toBe(1);
    expect(sections[0]).toContain('We ask every customer, whatever they thought of us.');
    expect(sections[0]).toContain('<a href="https://feedback.cornerbakery.example/r/google.page.AAAAAAAAAAAAAAAA">Write a review on Google</a>');
    expect(sections[0]).not.toMatch(/happy|enjoy|contact us first|before you review/i);
    expect(reviewSection(thankYouPage(brand, 3))).toBeUndefined();
  });
});

describe('the survey invitation email', () => {
  const email = invitationEmail({ to: 'pat@example.com', name: 'Pat', business: brand, surveyUrl: 'https://f.example/s/TOKEN', unsubscribeUrl: 'https://f.example/stop/TOKEN' });

  it('carries a one-click unsubscribe: headers and a link', () => {
    expect(email.headers).toEqual({ 'List-Unsubscribe': '<https://f.example/stop/TOKEN>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(email.html).toContain('<a href="https://f.example/stop/TOKEN" style="color:#52525b;">Unsubscribe from survey emails</a>');
    expect(email.text).toContain('Unsubscribe from survey emails: https://f.example/stop/TOKEN');
  });

  it('lays the 0-10 scores out as boxes that wrap, not as one 11-cell table row', () => {
    expect(email.html).not.toMatch(/<tr>(\s*<td[^>]*><a href="[^"]*\?score=)/);
    expect(email.html.match(/display:inline-block;width:40px/g)).toHaveLength(11);
  });

  it('offers review links only when the owner turned them on, in the page\'s words', () => {
    expect(email.html).not.toContain('Write a review');
    const withReviews = invitationEmail({ to: 'pat@example.com', business: brand, surveyUrl: 'https://f.example/s/T', unsubscribeUrl: 'https://f.example/stop/T', reviewLinks: reviews });
    expect(withReviews.html).toContain('We ask every customer, whatever they thought of us.');
    expect(withReviews.html).toContain('>Write a review on Tripadvisor</a>');
    expect(withReviews.text).toContain('Write a review on Google: https://feedback.cornerbakery.example/r/google.page.AAAAAAAAAAAAAAAA');
  });
});

describe('signed links', () => {
  it('sign review links by site and place, and refuse a tampered one', () => {
    const token = reviewLinkToken(SECRET, 'google', 'email');
    expect(verifyReviewLinkToken(SECRET, token)).toEqual({ siteId: 'google', place: 'email' });
    expect(verifyReviewLinkToken(SECRET, token.replace('google', 'yelp'))).toBeUndefined();
    expect(verifyReviewLinkToken(SECRET, token.replace('.email.', '.page.'))).toBeUndefined();
    expect(verifyReviewLinkToken('another-secret-0123456789', token)).toBeUndefined();
  });

  it('keep a customer\'s opt-out apart from an owner\'s digest unsubscribe', () => {
    const customer = customerOptOutToken(SECRET, 'Pat@Example.com');
    expect(verifyCustomerOptOutToken(SECRET, customer)).toBe('pat@example.com');
    expect(verifyUnsubscribeToken(SECRET, customer)).toBeUndefined();
    expect(verifyCustomerOptOutToken(SECRET, unsubscribeToken(SECRET, 'pat@example.com'))).toBeUndefined();
  });
});

describe('accent colour contrast', () => {
  it('measures contrast as WCAG does and finds a passing darker shade', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21);
    expect(contrastRatio('#1d4ed8', '#ffffff')).toBeCloseTo(6.7, 1);
    const shade = darkerShadeFor('#f59e0b');
    expect(contrastRatio(shade, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(darkerShadeFor('#f59e0b', 4.5), '#ffffff')).toBeLessThan(4.8);
  });
});

describe('the README', () => {
  it('says review links go to every customer whatever their score, and that no setting ties them to it', () => {
    const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain('Review links are offered to every customer, in the same words, whatever their score.');
    expect(readme).toContain('no setting ties the review request to the score');
  });
});
