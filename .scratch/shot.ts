import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { complaintAlertEmail } from '#shared/emails/complaint-alert.ts';
import { invitationEmail } from '#shared/emails/invitation.ts';

const alert = complaintAlertEmail({
  subject: 'URGENT: Negative mention on Bluesky',
  headline: 'Negative mention on Bluesky by @ann.bsky.social (priority: normal)',
  businessName: 'Corner Bakery', timeZone: 'Europe/London',
  nextSteps: ['Answer in public within the hour.', 'Find the order or visit this is about to see what went wrong.'],
  feedback: { id: 'f1', channel: 'social', receivedAt: '2026-11-23T10:00:00Z', text: 'The bread was stale and the staff rude.', customer: { name: 'Ann Smith', email: 'ann@example.com', handle: '@ann.bsky.social' }, orderIds: ['CB-1001'], source: 'Bluesky', url: 'https://bsky.app/profile/ann.bsky.social/post/3kxyz', followers: 120, classification: { topics: ['product-quality', 'staff-attitude'], cues: [] } },
  customer: { orderCount: 2, orderIds: ['CB-1001', 'CB-1002'], orderValue: 42.5, currency: 'EUR' },
});
const inv = invitationEmail({ to: 'a@example.com', name: 'Ann', businessName: 'Corner Bakery', surveyUrl: 'https://x.example/s/ABCDEFGHIJKLMNOPQRSTUVWXYZ12' });
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await b.newContext({ viewport: { width: 375, height: 800 } });
for (const [name, h] of [['alert', alert.html], ['invitation', inv.html]] as const) {
  const p = await ctx.newPage();
  await p.setContent(h);
  console.log(name, await p.evaluate('document.scrollingElement.scrollWidth'));
  await p.screenshot({ path: `.scratch/${name}.png`, fullPage: true });
}
await b.close();
