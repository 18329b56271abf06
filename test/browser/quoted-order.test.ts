import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser } from '../helpers/browser.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';
import { checkPage as check, signInWithCode } from '../helpers/page-checks.ts';

const skipReason = browserUnavailable();
if (skipReason) console.warn(`Skipping browser tests: ${skipReason}`);

const API = { authorization: 'Bearer test-api-key-123', 'content-type': 'application/json' };

describe.skipIf(Boolean(skipReason))('a quoted order number in the console', () => {
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

  it("shows whose order a stranger quoted, and links them to that customer only when the owner presses the button", async () => {
    // Prepare: Dana's order; her partner writes from his own address quoting its number.
    const order = await stack.fetch('/v1/orders', { method: 'POST', headers: API, body: JSON.stringify({ orderId: 'CB-4411', customer: { email: 'dana@example.com', name: 'Dana Park' }, total: 32, currency: 'EUR' }) });
    expect(order.status).toBe(202);
    const email = [
      'From: Lee Park <lee@example.com>',
      'To: hello@cornerbakery.example',
      'Subject: Birthday cake',
      'Message-ID: <lee-1@mail.example.com>',
      `Date: ${new Date().toUTCString()}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'About order #CB-4411: the birthday cake arrived squashed and nobody answers the phone. I want a refund.',
      '',
    ].join('\r\n');
    expect((await stack.fetch('/_local/inbound-email', { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: email })).status).toBe(202);
    await stack.waitForEmails((emails) => emails.some((e) => e.subject === 'New complaint from Lee Park'), 30_000);

    for (const [label, viewport] of [
      ['phone', { width: 375, height: 740 }],
      ['desktop', { width: 1280, height: 900 }],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await signInWithCode(page, stack);
      await page.getByRole('link', { name: /Lee Park/ }).first().click();
      await page.waitForURL(/\/console\/cases\//);
      // Assess: the quoted order is shown apart, with whose it is; the sender is not linked yet.
      await page.getByRole('heading', { name: 'Quoted order' }).waitFor();
      expect(await page.getByText('CB-4411 (not linked)').count()).toBe(1);
      expect(await page.getByText(/of Dana Park \(dana@example\.com\)/).count()).toBe(1);
      await check(page, `quoted-order-${label}`);
      if (label === 'desktop') {
        // Act: the owner knows Lee is Dana's partner and links him.
        await page.getByRole('button', { name: 'Link to this customer' }).click();
        await page.getByText("Linked: the sender is now the order's customer, with one history.").waitFor();
        // Assess: the item has the order, the panel is gone, the timeline says who linked it.
        expect(await page.getByRole('heading', { name: 'Quoted order' }).count()).toBe(0);
        expect(await page.getByText("Linked to the order's customer").count()).toBe(1);
        await check(page, 'quoted-order-linked');
        await page.getByRole('link', { name: 'Customer history' }).click();
        await page.getByText('dana@example.com').first().waitFor();
        expect(await page.getByText('lee@example.com').count()).toBeGreaterThan(0);
      }
      await context.close();
    }
    const found = (await (await stack.fetch('/v1/customers?email=lee%40example.com', { headers: API })).json()) as { customer: { emails: string[] } };
    expect(found.customer.emails.sort()).toEqual(['dana@example.com', 'lee@example.com']);
  }, 300_000);
});
