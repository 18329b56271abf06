import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestStack } from './local-stack.ts';

/** Set EARSHOT_SCREENSHOTS to a folder to keep a picture of every page checked. */
const SHOTS = process.env.EARSHOT_SCREENSHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

/** No axe-core violation of WCAG 2.1 A/AA and nothing wider than the screen; keeps a picture when asked. */
export async function checkPage(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  // Runs in the page (a string, so the test compiles without DOM types).
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  expect(width, `${name} fits the screen`).toBeLessThanOrEqual(page.viewportSize()!.width);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Signs the owner in on the console's sign-in page with the code from a fresh sign-in email. */
export async function signInWithCode(page: Page, stack: TestStack, email = 'owner@example.com'): Promise<void> {
  await page.goto(`${stack.url}/console`);
  await page.getByLabel('Email address').fill(email);
  await stack.clearOutbox();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Code').waitFor();
  const mail = (await stack.waitForEmails((emails) => emails.some((e) => e.subject === 'Sign in to Earshot'), 30_000)).find((e) => e.subject === 'Sign in to Earshot')!;
  await page.getByLabel('Code').fill(/sign-in page: (\d{6})/.exec(mail.text)![1]!);
  await page.getByRole('button', { name: 'Use code' }).click();
  await page.waitForURL(`${stack.url}/console`);
}
