import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser } from '../helpers/browser.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';
import { checkPage, signInWithCode } from '../helpers/page-checks.ts';

const skipReason = browserUnavailable();
if (skipReason) console.warn(`Skipping browser tests: ${skipReason}`);

const HOSTILE_COMMENT = 'The bread was stale <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> and nobody answered.';
const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

describe.skipIf(Boolean(skipReason))("the owner's console in headless Chromium", () => {
  let stack: TestStack;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const checked: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ EARSHOT_BUSINESS_NAME: 'Corner Bakery', EARSHOT_REPLY_FROM_EMAIL: 'hello@cornerbakery.example', EARSHOT_INBOUND_EMAIL: 'hello@cornerbakery.example' });
    ({ browser, close: closeBrowser } = await launchBrowser());
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  async function phone(): Promise<BrowserContext> {
    return browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  }

  /** No axe-core violation of WCAG 2.1 A/AA, nothing wider than the screen, no script ran; keeps a picture. */
  async function check(page: Page, name: string): Promise<void> {
    await checkPage(page, name);
    expect(await page.evaluate('window.__pwned'), `${name}: no injected script ran`).toBeUndefined();
    checked.push(name);
  }

  async function complaintFromSurvey(orderId: string, name: string, email: string): Promise<void> {
    const order = await stack.fetch('/v1/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-api-key-123' },
      body: JSON.stringify({ orderId, customer: { email, name }, total: 24.5, currency: 'EUR' }),
    });
    const { surveyUrl } = (await order.json()) as { surveyUrl: string };
    const answer = await stack.fetch(new URL(surveyUrl).pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ score: '2', comment: HOSTILE_COMMENT }).toString(),
    });
    expect(answer.status).toBe(200);
  }

  it('takes a complaint from the alert to a reply, handled, and back when the customer answers', async () => {
    // Prepare: a survey complaint arrives and the owner is alerted.
    await complaintFromSurvey('WEB-1', 'Maria <b>Lopez</b>', 'maria@example.com');
    const alert = (await stack.waitForEmails((emails) => emails.some((e) => e.subject.startsWith('New complaint from')), 30_000)).find((e) => e.subject.startsWith('New complaint from'))!;
    expect(alert.subject).toBe('New complaint from Maria <b>Lopez</b>');
    const context = await phone();
    const page = await context.newPage();
    page.on('dialog', () => {
      throw new Error('a script opened a dialog');
    });

    // Act: from the alert email, "Open case"; the confirmation page; sign in first.
    await page.setContent(alert.html);
    await Promise.all([page.waitForURL(/\/console\/a\//), page.getByRole('link', { name: 'Open case' }).click()]);
    await check(page, 'open-case-confirm');
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.waitForURL(/\/console\?next=/);
    await check(page, 'sign-in');
    await page.getByLabel('Email address').fill('owner@example.com');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Code').waitFor();
    await check(page, 'check-email');

    // The sign-in email: its link opens a page whose button signs in, then back to the case.
    const signIn = (await stack.waitForEmails((emails) => emails.some((e) => e.subject === 'Sign in to Earshot'), 30_000)).find((e) => e.subject === 'Sign in to Earshot')!;
    await page.setContent(signIn.html);
    await Promise.all([page.waitForURL(/\/console\/sign-in\//), page.getByRole('link', { name: 'Sign in' }).click()]);
    await check(page, 'sign-in-link');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/cases\/[a-z2-7]{16}$/);
    const caseUrl = page.url();
    const caseId = caseUrl.split('/').pop()!;
    await page.getByText('<img src=x onerror="window.__pwned=1">', { exact: false }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Maria <b>Lopez</b>');
    await check(page, 'case');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);

    // Send a reply: the customer's email goes out from the business, routed back to the case.
    expect((await page.getByLabel('Reply').inputValue()).startsWith('Hello Maria,')).toBe(true);
    await page.getByLabel('Reply').fill('Dear Maria,\n\nI am so sorry. A fresh loaf is waiting for you tomorrow.\n\nAna, Corner Bakery');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent.').waitFor();
    const reply = (await stack.waitForEmails((emails) => emails.some((e) => e.to.includes('maria@example.com') && e.subject.includes('Corner Bakery')), 30_000)).find((e) => e.to.includes('maria@example.com') && e.subject.includes('Corner Bakery'))!;
    expect(reply.from).toBe('"Corner Bakery" <hello@cornerbakery.example>');
    expect(reply.subject).toBe('Your feedback to Corner Bakery');
    expect(reply.headers['Reply-To']).toMatch(new RegExp(`^hello\\+case-${caseId}-[a-z2-7]{16}@cornerbakery\\.example$`));
    expect(reply.headers['X-Earshot-Case']).toBe(caseId);
    expect(JSON.stringify(reply.headers)).not.toMatch(/stale|Lopez/i);

    // Mark it handled: it leaves the inbox and the next digest's open complaints.
    await page.getByLabel('What was done').fill('Replaced the loaf and apologised by phone.');
    await page.getByRole('button', { name: 'Mark handled' }).click();
    await page.getByText('Case marked handled.').waitFor();
    expect(await page.getByRole('button', { name: 'Reopen' }).count()).toBe(1);
    await page.goto(`${stack.url}/console`);
    expect(await page.locator(`a[href="/console/cases/${caseId}"]`).count()).toBe(0);
    await check(page, 'inbox-empty');
    await page.goto(`${stack.url}/console?status=handled`);
    expect(await page.locator(`a[href="/console/cases/${caseId}"]`).count()).toBe(1);
    await check(page, 'inbox-handled');
    await stack.clearOutbox();
    const digestRun = await stack.fetch('/_local/run/digest', { method: 'POST' });
    expect(((await digestRun.json()) as { sent: number }).sent).toBe(1);
    const digest = (await stack.outbox()).find((e) => e.subject.startsWith('Weekly digest'))!;
    expect(digest.text).not.toContain('OPEN COMPLAINTS');
    expect(digest.text).not.toMatch(/POST \/v1/);

    // The customer answers the reply by email: it joins the case, which reopens; no second-complaint alert.
    const answer = [
      'From: Maria Lopez <maria@example.com>',
      `To: ${reply.headers['Reply-To']}`,
      'Subject: Re: Your feedback to Corner Bakery',
      'Message-ID: <answer-1@mail.example.com>',
      `Date: ${new Date().toUTCString()}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Thank you, but the new loaf was stale too. I am really disappointed.',
      '',
    ].join('\r\n');
    expect((await stack.fetch('/_local/inbound-email', { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: answer })).status).toBe(202);
    const after = await stack.waitForEmails((emails) => emails.some((e) => /Reply from/.test(e.subject)), 30_000);
    expect(after.map((e) => e.subject).filter((s) => /Reply from|complaint/i.test(s))).toEqual(['URGENT: Reply from Maria Lopez']);
    await page.goto(caseUrl);
    await page.getByText('Customer answered').waitFor();
    expect(await page.getByRole('button', { name: 'Mark handled' }).count()).toBe(1);
    expect(await page.getByText('the new loaf was stale too', { exact: false }).count()).toBeGreaterThan(0);
    await check(page, 'case-reopened');
    await context.close();
  }, 300_000);

  it('passes axe-core on every console page, at phone and desktop width', async () => {
    await complaintFromSurvey('WEB-2', 'Jonas Weber', 'jonas@example.com');
    await stack.waitForEmails((emails) => emails.some((e) => e.subject === 'New complaint from Jonas Weber'), 30_000);
    for (const [label, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await signInWithCode(page, stack);
      await check(page, `${label}-inbox`);
      await page.getByRole('link', { name: /Jonas Weber/ }).first().click();
      await page.waitForURL(/\/console\/cases\//);
      await check(page, `${label}-case`);
      await page.getByRole('link', { name: 'Customer history' }).click();
      await check(page, `${label}-customer`);
      await page.getByRole('link', { name: 'Erase customer' }).click();
      await check(page, `${label}-erase-confirm`);
      await page.goto(`${stack.url}/console/monitor`);
      await check(page, `${label}-monitor`);
      await page.goto(`${stack.url}/console?q=weber`);
      expect(await page.getByRole('link', { name: /Jonas Weber/ }).count()).toBeGreaterThan(0);
      await check(page, `${label}-search`);
      await page.goto(`${stack.url}/console/cases/aaaaaaaaaaaaaaaa`);
      await check(page, `${label}-not-found`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Email address').waitFor();
      await context.close();
    }
    expect(checked.length).toBeGreaterThanOrEqual(20);
  }, 300_000);
});
