import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserUnavailable, launchBrowser } from '../helpers/browser.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

const skipReason = browserUnavailable();
if (skipReason) console.warn(`Skipping browser tests: ${skipReason}`);

/** Set EARSHOT_SCREENSHOTS=<dir> to keep a PNG of every page at 375 px. */
const SCREENSHOTS = process.env.EARSHOT_SCREENSHOTS;

const LOGO_URL = 'https://cdn.cornerbakery.example/logo.svg';
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48" viewBox="0 0 96 48"><rect width="96" height="48" rx="8" fill="#0f766e"/><text x="48" y="31" font-family="Arial" font-size="18" font-weight="bold" fill="#fff" text-anchor="middle">CB</text></svg>`;
const ACCENT = '#0f766e';
const GOOGLE = 'https://g.page/r/corner-bakery/review';
const TRIPADVISOR = 'https://www.tripadvisor.com/UserReviewEdit-g1-d2';

describe.skipIf(Boolean(skipReason))('customer pages in the business\'s name, logo and colour (headless Chromium, 375 px)', () => {
  let stack: TestStack;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    stack = await startTestStack({
      EARSHOT_BUSINESS_NAME: 'Corner Bakery',
      EARSHOT_LOGO_URL: LOGO_URL,
      EARSHOT_ACCENT_COLOR: ACCENT,
      EARSHOT_CALL_BACK_HOURS: '24',
      EARSHOT_INVITE_DELAY_HOURS: '0',
      EARSHOT_CONFIG_JSON: JSON.stringify({ reviews: { links: [{ name: 'Google', url: GOOGLE }, { name: 'Tripadvisor', url: TRIPADVISOR }] } }),
    });
    ({ browser, close: closeBrowser } = await launchBrowser());
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  async function newSurvey(orderId: string): Promise<string> {
    const response = await stack.fetch('/v1/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-api-key-123' },
      body: JSON.stringify({ orderId, customer: { email: `${orderId.toLowerCase()}@example.com`, name: 'Pat' } }),
    });
    return ((await response.json()) as { surveyUrl: string }).surveyUrl;
  }

  /** A phone (the pages run no script; JavaScript stays on for the measurements); the logo answered here (no network). */
  async function phone(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await context.route(LOGO_URL, (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: LOGO }));
    return { context, page: await context.newPage() };
  }

  /** What every customer page must be: branded, within 375 px, and free of axe violations. */
  async function assessPage(page: Page, name: string): Promise<void> {
    expect(await page.locator('header.brand p').textContent()).toBe('Corner Bakery');
    // Runs in the page (a string, so the test compiles without DOM types).
    const brand = await page.evaluate(`(() => {
      const img = document.querySelector('header.brand img');
      return { loaded: img.complete && img.naturalWidth > 0, alt: img.getAttribute('alt'), rule: getComputedStyle(document.querySelector('header.brand')).borderBottomColor };
    })()`);
    expect(brand).toEqual({ loaded: true, alt: '', rule: 'rgb(15, 118, 110)' });
    expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), name).toEqual([]);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `page-${name}-375.png`), fullPage: true });
  }

  async function answer(page: Page, surveyUrl: string, score: number): Promise<string> {
    await page.goto(surveyUrl);
    await page.locator(`label[for="score-${score}"]`).tap();
    await page.getByLabel('What is the main reason for your score?').fill(score <= 6 ? 'Cold coffee and a long wait.' : 'Lovely as always.');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Send my answer' }).click()]);
    await page.waitForLoadState();
    return (await page.locator('section[aria-labelledby="reviews-heading"]').innerHTML()).trim();
  }

  it('shows the survey in the business\'s look and asks about "a friend or colleague", as the email does', { timeout: 120_000 }, async () => {
    const surveyUrl = await newSurvey('BRAND-1');
    const { context, page } = await phone();
    expect((await page.goto(surveyUrl))?.status()).toBe(200);
    await assessPage(page, 'survey');
    expect(await page.locator('legend').textContent()).toBe('How likely are you to recommend Corner Bakery to a friend or colleague?');
    expect(await page.evaluate(`getComputedStyle(document.querySelector('button[type=submit]')).backgroundColor`)).toBe('rgb(15, 118, 110)');
    await stack.fetch('/_local/run/invitations', { method: 'POST' });
    const [invitation] = await stack.waitForEmails((all) => all.some((e) => e.to[0] === 'brand-1@example.com'));
    expect(invitation!.text).toContain('How likely are you to recommend Corner Bakery to a friend or colleague?');
    await context.close();
  });

  it('thanks every score with the same review invitation, promises the configured call-back, and counts review clicks', { timeout: 180_000 }, async () => {
    // Prepare
    const low = await newSurvey('BRAND-2');
    const high = await newSurvey('BRAND-3');
    const { context, page } = await phone();

    // Act: a detractor and a promoter answer; the detractor follows the Google link.
    const lowSection = await answer(page, low, 2);
    await assessPage(page, 'thank-you-low');
    expect(await page.locator('main > p').first().textContent()).toBe('We are sorry it was not better. Someone from Corner Bakery will get back to you within 24 hours.');
    // The click goes through the business's redirect; where it points is checked here (no network).
    const redirects: Array<{ status: number; location?: string }> = [];
    await context.route(`${stack.url}/r/**`, async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      redirects.push({ status: response.status(), location: response.headers().location });
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><title>Review</title><h1>Review site</h1>' });
    });
    await Promise.all([page.waitForURL(/\/r\/google\.page\./), page.getByRole('link', { name: 'Write a review on Google' }).click()]);
    expect(redirects).toEqual([{ status: 302, location: GOOGLE }]);
    const highSection = await answer(page, high, 10);
    expect(await page.locator('main > p').first().textContent()).toBe('Your answer helps us keep doing what works.');

    // Assess: the same words and links whatever the score; the click reached Google and was counted.
    expect(highSection).toBe(lowSection);
    expect(lowSection).toContain('We ask every customer, whatever they thought of us.');
    expect(await page.getByRole('link', { name: 'Write a review on Tripadvisor' }).getAttribute('href')).toMatch(new RegExp(`^${stack.url}/r/tripadvisor\\.page\\.`));
    await stack.clearOutbox();
    await stack.fetch('/_local/run/digest', { method: 'POST' });
    const [digest] = await stack.waitForEmails((all) => all.some((e) => e.subject.startsWith('Weekly digest')));
    expect(digest!.text).toContain('Review links followed: 1 (Google 1; 0 the week before)');
    await context.close();
  });

  it('shows the error and unsubscribe pages in the business\'s look too', { timeout: 120_000 }, async () => {
    const surveyUrl = await newSurvey('BRAND-4');
    const { context, page } = await phone();
    const tampered = surveyUrl.slice(0, -2) + (surveyUrl.endsWith('AA') ? 'BB' : 'AA');
    expect((await page.goto(tampered))?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Survey not found');
    await assessPage(page, 'error');

    await stack.fetch('/_local/run/invitations', { method: 'POST' });
    const emails = await stack.waitForEmails((all) => all.some((e) => e.to[0] === 'brand-4@example.com'));
    const invitation = emails.find((e) => e.to[0] === 'brand-4@example.com')!;
    const unsubscribe = /^<(.+)>$/.exec(invitation.headers['List-Unsubscribe']!)![1]!;
    await page.goto(unsubscribe);
    expect(await page.locator('h1').textContent()).toBe('Stop survey emails?');
    await assessPage(page, 'unsubscribe');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('You are unsubscribed');
    await context.close();
  });
});
