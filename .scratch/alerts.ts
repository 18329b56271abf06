import { chromium } from 'playwright-core';
import { alertSamples } from '../test/helpers/sample-emails.ts';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await b.newContext({ viewport: { width: Number(process.env.W ?? 375), height: 800 } });
for (const s of alertSamples()) {
  const p = await ctx.newPage();
  await p.setContent(s.html);
  console.log(s.name, await p.evaluate('document.scrollingElement.scrollWidth'));
  await p.screenshot({ path: `.scratch/${s.name}.png`, fullPage: true });
}
await b.close();
