import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildDigest } from '#shared/digest/build.ts';
import { renderDigestEmail } from '#shared/emails/digest.ts';
import { FIXED_WEEK } from '../fixtures/digest/week.ts';
import { browserUnavailable, launchBrowser } from '../helpers/browser.ts';

const skipReason = browserUnavailable();
if (skipReason) console.warn(`Skipping browser tests: ${skipReason}`);

describe.skipIf(Boolean(skipReason))('the digest email in headless Chromium', () => {
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    ({ browser, close: closeBrowser } = await launchBrowser());
  });

  afterAll(async () => {
    await closeBrowser?.();
  });

  // A long unbroken word and a long URL are what usually push an email wider than a phone.
  const stressed = {
    ...FIXED_WEEK,
    openComplaints: [
      ...FIXED_WEEK.openComplaints,
      { id: 'f3', receivedAt: '2026-11-18T09:00:00Z', channel: 'social' as const, text: `Unacceptable${'!'.repeat(120)} https://example.com/${'a'.repeat(150)}`, customer: { handle: `@${'x'.repeat(90)}` } },
    ],
  };

  for (const width of [375, 1280]) {
    it(`nothing overflows at ${width} px, and no script runs`, async () => {
      const { html } = renderDigestEmail(buildDigest(stressed), 'https://earshot.example/u/TOKEN');
      const page = await browser.newPage({ viewport: { width, height: 900 }, javaScriptEnabled: true });
      const dialogs: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      await page.setContent(html, { waitUntil: 'load' });
      // Runs in the page (a string, so the test compiles without DOM types).
      const overflow = (await page.evaluate(`(() => {
        const viewport = window.innerWidth;
        const wide = [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > viewport + 1)
          .map((element) => element.tagName + ': ' + Math.round(element.getBoundingClientRect().right));
        return { scrollWidth: document.scrollingElement.scrollWidth, viewport, wide };
      })()`)) as { scrollWidth: number; viewport: number; wide: string[] };
      expect(overflow.wide).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.viewport);
      expect(dialogs).toEqual([]);
      expect(await page.locator('h1').textContent()).toContain('Corner Bakery & Café');
      await page.close();
    });
  }
});
