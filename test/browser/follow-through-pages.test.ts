import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInEmail } from '#shared/emails/check-in.ts';
import { notPutRightEmail } from '#shared/emails/not-put-right.ts';
import { promiseReminderEmail } from '#shared/emails/promise-reminder.ts';
import { checkInAnswerPage, checkInErrorPage, checkInThanksPage } from '#shared/web/check-in-pages.ts';
import { browserUnavailable, launchBrowser } from '../helpers/browser.ts';

const skipReason = browserUnavailable();
if (skipReason) console.warn(`Skipping browser tests: ${skipReason}`);

/** Screenshots to look at after a run. */
const SHOTS = join(tmpdir(), 'earshot-follow-through-shots');
const HOSTILE = 'Ana <img src=x onerror="document.title=1">';
const REVIEWS = [
  { name: 'Google', url: 'https://g.page/r/corner-bakery/review' },
  { name: 'Tripadvisor', url: 'https://www.tripadvisor.example/corner-bakery' },
];

describe.skipIf(Boolean(skipReason))('check-in pages and follow-through emails in headless Chromium at 375 px', { timeout: 180_000 }, () => {
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ browser, close: closeBrowser } = await launchBrowser());
    const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await closeBrowser?.();
  });

  /** Shows the markup at phone width and keeps a screenshot of it. */
  async function open(html: string, name: string): Promise<Page> {
    await page.setContent(html, { waitUntil: 'domcontentloaded' });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    return page;
  }

  /** WCAG 2.1 A and AA violations, and how wide the content is (the phone is 375 px). */
  async function check(html: string, name: string): Promise<{ violations: string[]; overflow: number }> {
    await open(html, name);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const overflow = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    return { violations: result.violations.map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), overflow };
  }

  it('the Yes and Not yet pages have a Comment field and a Send button, the same review invitation, and no axe violations', async () => {
    // Prepare
    const pages = {
      yes: checkInAnswerPage({ language: 'en', businessName: 'Corner Bakery', answer: 'yes', action: '/c/t/yes', name: HOSTILE, reviewLinks: REVIEWS }),
      notYet: checkInAnswerPage({ language: 'en', businessName: 'Corner Bakery', answer: 'not-yet', action: '/c/t/not-yet', reviewLinks: REVIEWS }),
    };

    // Act
    const results = [await check(pages.yes, 'check-in-yes'), await check(pages.notYet, 'check-in-not-yet')];
    await open(pages.notYet, 'check-in-not-yet');

    // Assess
    for (const r of results) {
      expect(r.violations).toEqual([]);
      expect(r.overflow).toBeLessThanOrEqual(375);
    }
    await page.getByLabel('Comment').fill('Still waiting for the refund.');
    expect(await page.getByRole('button', { name: 'Send' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not put right yet');
    const invitation = (html: string) => /<section aria-labelledby="reviews-heading">[\s\S]*?<\/section>/.exec(html)?.[0];
    expect(invitation(pages.yes)).toBeDefined();
    expect(invitation(pages.yes)).toBe(invitation(pages.notYet));
    // Without review links, neither page invites.
    const plain = (answer: 'yes' | 'not-yet') => checkInAnswerPage({ language: 'en', businessName: 'Corner Bakery', answer, action: '/c/t', reviewLinks: [] });
    expect(invitation(plain('yes'))).toBeUndefined();
    expect(invitation(plain('not-yet'))).toBeUndefined();
  });

  it('the thanks and error pages, in English, Spanish and French, pass axe and fit the phone', async () => {
    const pages: Record<string, string> = {
      'thanks-yes': checkInThanksPage({ language: 'en', businessName: 'Corner Bakery', answer: 'yes', reviewLinks: REVIEWS }),
      'thanks-not-yet': checkInThanksPage({ language: 'en', businessName: 'Corner Bakery', answer: 'not-yet', reviewLinks: REVIEWS }),
      'answer-es': checkInAnswerPage({ language: 'es', businessName: 'Panadería Sol', answer: 'not-yet', action: '/c/t/not-yet', reviewLinks: [] }),
      expired: checkInErrorPage('en', 'Corner Bakery', 'expired'),
      answered: checkInErrorPage('fr', 'Corner Bakery', 'answered'),
    };
    for (const [name, html] of Object.entries(pages)) {
      const { violations, overflow } = await check(html, name);
      expect(violations).toEqual([]);
      expect(overflow).toBeLessThanOrEqual(375);
    }
    expect(pages['answer-es']).toContain('<html lang="es">');
    expect(pages['answer-es']).toContain('>Comentario</label>');
  });

  it('the check-in email has Yes and Not yet links and an unsubscribe, escapes the customer\'s name, and fits 375 px', async () => {
    const email = checkInEmail({ to: 'ana@example.com', name: HOSTILE, language: 'en', businessName: 'Corner Bakery', yesUrl: 'https://x.example/c/t/yes', notYetUrl: 'https://x.example/c/t/not-yet', unsubscribeUrl: 'https://x.example/stop/u' });
    const { violations, overflow } = await check(email.html, 'check-in-email');
    expect(violations).toEqual([]);
    expect(overflow).toBeLessThanOrEqual(375);
    await open(email.html, 'check-in-email');
    expect(await page.getByRole('link', { name: 'Yes', exact: true }).getAttribute('href')).toBe('https://x.example/c/t/yes');
    expect(await page.getByRole('link', { name: 'Not yet' }).getAttribute('href')).toBe('https://x.example/c/t/not-yet');
    expect(await page.getByRole('link', { name: 'Unsubscribe' }).getAttribute('href')).toBe('https://x.example/stop/u');
    expect(await page.title()).toBe('Did we put it right?');
    expect(email.html).not.toContain('<img');
  });

  it('the reminder and the not-put-right alert have their links by name and fit 375 px', async () => {
    const reminder = promiseReminderEmail({
      to: 'owner@example.com',
      businessName: 'Corner Bakery',
      day: '2025-11-14',
      items: [
        { customer: HOSTILE, text: 'A new cake on Friday <b>today</b>', dueDate: '2025-11-14', keptUrl: 'https://x.example/console/p/k1', openUrl: 'https://x.example/console/cases/c1' },
        { customer: 'Lee Park', text: 'Refund of 12 euros', dueDate: '2025-11-14', keptUrl: 'https://x.example/console/p/k2', openUrl: 'https://x.example/console/cases/c2' },
      ],
    });
    const alert = notPutRightEmail({ customer: HOSTILE, comment: 'Still no refund <script>x</script>', whatWasDone: 'Refund sent', handledAt: '2025-11-10T10:00:00Z', caseUrl: 'https://x.example/console/cases/c1', timeZone: 'UTC' });
    for (const [name, html] of [['reminder', reminder.html], ['not-put-right', alert.html]] as const) {
      const { violations, overflow } = await check(html, name);
      expect(violations).toEqual([]);
      expect(overflow).toBeLessThanOrEqual(375);
    }
    expect(reminder.subject).toBe('Promises due today: 2');
    expect(alert.subject).toBe('URGENT: Not put right for Ana <img src=x onerror="document.title=1">');
    await open(reminder.html, 'reminder-email');
    expect(await page.getByRole('link', { name: 'Kept' }).count()).toBe(2);
    expect(await page.getByRole('link', { name: 'Open case' }).first().getAttribute('href')).toBe('https://x.example/console/cases/c1');
    expect(await page.title()).toBe('Promises due today: 2');
    expect(alert.html).not.toMatch(/<script|<img/);
  });
});
