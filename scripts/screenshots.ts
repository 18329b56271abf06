import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';

/**
 * `npm run screenshots`: the pictures in the README and docs/ (docs/images/*.png), taken from a
 * local stack on a throw-away data dir: a survey complaint, the owner's alert email, and the
 * console's inbox and case page, on a 375 px phone. Needs Chromium (EARSHOT_CHROMIUM or
 * /usr/bin/chromium).
 */
const OUT = 'docs/images';
const PHONE = { width: 375, height: 760 };

async function waitForEmail(stack: LocalStack, match: (subject: string) => boolean) {
  for (let tries = 0; tries < 400; tries += 1) {
    const found = (await stack.outbox()).find((email) => match(email.subject));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the email did not arrive within 20 s');
}

async function complaint(stack: LocalStack, orderId: string, name: string, email: string, score: string, comment: string): Promise<void> {
  const order = await fetch(`${stack.url}/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer screenshots-api-key' },
    body: JSON.stringify({ orderId, customer: { email, name }, total: 38.5, currency: 'EUR' }),
  });
  const { surveyUrl } = (await order.json()) as { surveyUrl: string };
  const answer = await fetch(surveyUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ score, comment }) });
  if (answer.status !== 200) throw new Error(`survey answer: ${answer.status}`);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  console.log(`${OUT}/${name}.png`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-screenshots-'));
  const stack = await startLocalStack({
    env: {
      ...process.env,
      EARSHOT_PORT: '0',
      EARSHOT_DATA_DIR: dataDir,
      EARSHOT_API_KEY: 'screenshots-api-key',
      EARSHOT_BUSINESS_NAME: 'Corner Bakery',
      EARSHOT_OWNER_EMAIL: 'ana@cornerbakery.example',
      EARSHOT_REPLY_FROM_EMAIL: 'hello@cornerbakery.example',
      EARSHOT_INBOUND_EMAIL: 'hello@cornerbakery.example',
    },
    schedules: false,
  });
  const browser = await chromium.launch({ executablePath: process.env.EARSHOT_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    mkdirSync(OUT, { recursive: true });
    await complaint(stack, 'CB-1042', 'Maria Lopez', 'maria@example.com', '2', 'The birthday cake arrived squashed and an hour late. The party had already started.');
    await complaint(stack, 'CB-1043', 'Tom Baker', 'tom@example.com', '4', 'Sourdough was stale on Saturday, second time this month.');
    const alert = await waitForEmail(stack, (subject) => subject.includes('Maria Lopez'));
    await waitForEmail(stack, (subject) => subject.includes('Tom Baker'));

    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.setContent(alert.html);
    await shoot(page, 'alert-email');

    // Sign in with the emailed code, then the inbox and the case.
    await page.goto(`${stack.url}/console`);
    await page.getByLabel('Email address').fill('ana@cornerbakery.example');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Code').waitFor();
    const signIn = await waitForEmail(stack, (subject) => subject === 'Sign in to Earshot');
    const code = /\b(\d{6})\b/.exec(signIn.text)?.[1];
    if (!code) throw new Error('no code in the sign-in email');
    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Use code' }).click();
    await page.waitForURL(/\/console$/);
    await shoot(page, 'console-inbox');
    await page.getByRole('link', { name: /Maria Lopez/ }).first().click();
    await page.waitForURL(/\/console\/cases\//);
    await shoot(page, 'console-case');
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
