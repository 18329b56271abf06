import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserUnavailable, launchBrowser } from '../helpers/browser.ts';
import { alertSamples, consoleSamples, customerSamples, digestSamples, followThroughSamples, SAMPLE_CUSTOMER_EMAILS, SAMPLE_PUBLIC_URL, type SampleEmail } from '../helpers/sample-emails.ts';

const skipReason = browserUnavailable();
if (skipReason) console.warn(`Skipping browser tests: ${skipReason}`);

/** Set EARSHOT_SCREENSHOTS=<dir> to keep a full-page PNG of every email at every width. */
const SCREENSHOTS = process.env.EARSHOT_SCREENSHOTS;

/** Every kind of email the system sends, rendered by the real templates. */
const EMAILS: SampleEmail[] = [...alertSamples(), ...customerSamples(), ...digestSamples(), ...followThroughSamples(), ...(await consoleSamples())];

const WIDTHS = [375, 600, 1280];

interface Layout {
  viewport: number;
  scrollWidth: number;
  /** Elements whose right edge is past the viewport. */
  wide: string[];
  /** Ordinary words drawn on more than one line (broken inside). */
  broken: string[];
  /** Every element with an address, and what it is. */
  links: Array<{ tag: string; href: string }>;
}

/**
 * Runs in the page (a string, so the test compiles without DOM types). A word is a run of letters
 * in a whitespace-separated chunk that is not an address (no `/`, `@`, or dot between letters):
 * addresses may wrap anywhere, words may not.
 */
const MEASURE = `(() => {
  const viewport = window.innerWidth;
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => visible(el) && el.getBoundingClientRect().right > viewport + 1)
    .map((el) => el.tagName + ': ' + Math.round(el.getBoundingClientRect().right));
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || !visible(node.parentElement)) continue;
    const text = node.textContent;
    for (const chunk of text.matchAll(/\\S+/g)) {
      if (/[\\/@]|\\p{L}\\.\\p{L}/u.test(chunk[0])) continue;
      for (const word of chunk[0].matchAll(/\\p{L}+/gu)) {
        if (word[0].length > 30) continue;
        const start = chunk.index + word.index;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + word[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
  }
  const links = [...document.querySelectorAll('body [href]')].map((el) => ({ tag: el.tagName, href: el.getAttribute('href') }));
  return { viewport, scrollWidth: document.scrollingElement.scrollWidth, wide, broken, links };
})()`;

function allowedLink(href: string): boolean {
  if (href.startsWith('mailto:')) return SAMPLE_CUSTOMER_EMAILS.includes(href.slice('mailto:'.length));
  return href.startsWith(`${SAMPLE_PUBLIC_URL}/`) && new URL(href).protocol === 'https:';
}

describe.skipIf(Boolean(skipReason))('every email the system sends, in headless Chromium', () => {
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    ({ browser, close: closeBrowser } = await launchBrowser());
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await closeBrowser?.();
  });

  it('covers each alert kind, the hourly batch, the invitation, the digest, the check-in, the promise reminder, the not-put-right alert, the sign-in email, the reply to a customer and the alert on their answer', () => {
    expect(EMAILS.map((e) => e.name)).toEqual([
      'first-complaint',
      'repeat-complaint',
      'urgent-cue',
      'negative-mention',
      'negative-review',
      'recurring-topic',
      'first-complaint-batch',
      'invitation-with-reviews',
      'invitation',
      'digest',
      'digest-quiet',
      'check-in-en',
      'check-in-es',
      'promise-reminder',
      'not-put-right',
      'sign-in',
      'reply-to-customer',
      'customer-reply',
      'customer-reply-urgent',
    ]);
  });

  for (const email of EMAILS) {
    it(`${email.name}: fits 375, 600 and 1280 px with no word broken, links only to the business or the customer, no axe violation`, { timeout: 180_000 }, async () => {
      const context = await browser.newContext({ viewport: { width: WIDTHS[0]!, height: 900 }, javaScriptEnabled: true });
      try {
        const page = await context.newPage();
        await page.setContent(email.html, { waitUntil: 'load' });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          const layout = (await page.evaluate(MEASURE)) as Layout;
          if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${email.name}-${width}.png`), fullPage: true });
          expect(layout.viewport).toBe(width);
          expect(layout.wide, `${email.name} at ${width} px`).toEqual([]);
          expect(layout.scrollWidth, `${email.name} at ${width} px`).toBeLessThanOrEqual(layout.viewport);
          expect(layout.broken, `${email.name} at ${width} px`).toEqual([]);
          expect(layout.links.filter((l) => l.tag !== 'A' || !allowedLink(l.href)), email.name).toEqual([]);
        }
        // WCAG 2.1 A and AA, once per email (at phone width, where most people read it).
        await page.setViewportSize({ width: WIDTHS[0]!, height: 900 });
        const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), email.name).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('sends review-site links only through the business\'s own signed redirect', () => {
    const invitation = EMAILS.find((e) => e.name === 'invitation-with-reviews')!;
    const hrefs = [...invitation.html.matchAll(/<a href="([^"]+)"[^>]*>Write a review on (\w+)<\/a>/g)].map((m) => [m[2], m[1]]);
    expect(hrefs.map(([site]) => site)).toEqual(['Google', 'Tripadvisor', 'Trustpilot']);
    for (const [site, href] of hrefs) expect(href).toMatch(new RegExp(`^${SAMPLE_PUBLIC_URL}/r/${site!.toLowerCase()}\\.email\\.[A-Za-z0-9_-]{16}$`));
    expect(invitation.html).not.toMatch(/tripadvisor\.com|g\.page|trustpilot\.com/);
  });
});
