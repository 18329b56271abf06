import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserUnavailable, launchBrowser } from '../helpers/browser.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

const skipReason = browserUnavailable();
if (skipReason) console.warn(`Skipping browser tests: ${skipReason}`);

describe.skipIf(Boolean(skipReason))('the survey page in headless Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    stack = await startTestStack({ EARSHOT_BUSINESS_NAME: 'Corner Bakery' });
    ({ browser, close: closeBrowser } = await launchBrowser());
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  async function newSurvey(orderId: string, name = 'Pat <Smith>'): Promise<string> {
    const response = await stack.fetch('/v1/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-api-key-123' },
      body: JSON.stringify({ orderId, customer: { email: `${orderId.toLowerCase()}@example.com`, name } }),
    });
    return ((await response.json()) as { surveyUrl: string }).surveyUrl;
  }

  it('is answered with JavaScript disabled at phone size, and the owner is alerted', async () => {
    // Prepare
    const surveyUrl = await newSurvey('WEB-1');
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 375, height: 667 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });

    // Act
    const response = await page.goto(surveyUrl);
    expect(response?.status()).toBe(200);
    // Tap the score as a person would: on its visible label.
    await page.locator('label[for="score-3"]').tap();
    expect(await page.getByLabel('3', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('What is the main reason for your score?').fill('The order came an hour late and cold.');
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Send my answer' }).click(),
    ]);
    expect(posted.status()).toBe(200);
    await page.waitForLoadState();

    // Assess
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you for your answer');
    expect(violations).toEqual([]);
    const emails = await stack.waitForEmails((all) => all.some((e) => e.subject.startsWith('New complaint')));
    expect(emails.map((e) => e.subject)).toContain('New complaint from Pat <Smith>');
    await context.close();
  });

  it('labels every control, groups the score under a legend, and moves focus in reading order', async () => {
    const surveyUrl = await newSurvey('WEB-2');
    const context = await browser.newContext({ javaScriptEnabled: true, viewport: { width: 375, height: 667 } });
    const page = await context.newPage();
    await page.goto(surveyUrl);

    const report = (await page.evaluate(`(() => {
      const controls = [...document.querySelectorAll('input, textarea, select')];
      const unlabelled = controls.filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')).map((c) => c.id || c.name);
      const legend = document.querySelector('fieldset > legend');
      const radios = document.querySelectorAll('fieldset input[type=radio]').length;
      const scripts = document.querySelectorAll('script').length;
      const lang = document.documentElement.lang;
      return { unlabelled, legend: legend && legend.textContent, radios, scripts, lang };
    })()`)) as { unlabelled: string[]; legend: string | null; radios: number; scripts: number; lang: string };
    expect(report.unlabelled).toEqual([]);
    expect(report.legend).toContain('How likely are you to recommend Corner Bakery');
    expect(report.radios).toBe(11);
    expect(report.scripts).toBe(0);
    expect(report.lang).toBe('en');
    // Nothing wider than the phone: no horizontal scrolling.
    expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);

    // Keyboard: Tab reaches the score group, then the comment, then the button.
    const focusOrder: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      await page.keyboard.press('Tab');
      focusOrder.push((await page.evaluate('document.activeElement && (document.activeElement.id || document.activeElement.tagName)')) as string);
    }
    expect(focusOrder[0]).toMatch(/^score-/);
    expect(focusOrder[1]).toBe('comment');
    expect(focusOrder[2]).toBe('BUTTON');
    await context.close();
  });

  it('shows a 404 page for a tampered link and a 410 page for a used one', async () => {
    const surveyUrl = await newSurvey('WEB-3');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const tampered = surveyUrl.slice(0, -2) + (surveyUrl.endsWith('AA') ? 'BB' : 'AA');
    expect((await page.goto(tampered))?.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('Survey not found');
    await page.goto(surveyUrl);
    await page.locator('label[for="score-9"]').click();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Send my answer' }).click(),
    ]);
    expect((await page.goto(surveyUrl))?.status()).toBe(410);
    expect(await page.textContent('h1')).toBe('Already answered');
    await context.close();
  });
});
