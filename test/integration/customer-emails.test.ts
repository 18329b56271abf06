import { describe, expect, it } from 'vitest';
import { createCheckInDeps } from '#functions/check-in/deps.ts';
import { makeCheckInHandler } from '#functions/check-in/make-handler.ts';
import { checkInToken } from '#shared/domain/check-in.ts';
import { previewDigest } from '#shared/use-cases/digest.ts';
import { unsubscribeToken } from '#shared/domain/unsubscribe-link.ts';
import { TEST_ENV, useEmulators } from '../helpers/emulators.ts';
import { httpEvent } from '../helpers/events.ts';

const PUBLIC_URL = 'https://feedback.cornerbakery.example';
const REVIEW_URL = 'https://g.page/r/corner-bakery/review';

const emulators = useEmulators({
  EARSHOT_PUBLIC_URL: PUBLIC_URL,
  EARSHOT_INVITE_DELAY_HOURS: '0',
  EARSHOT_CONFIG_JSON: JSON.stringify({ reviews: { links: [{ name: 'Google', url: REVIEW_URL }], inInvitation: true } }),
});
const ordersHandler = emulators.fn('orders');
const sendInvitations = emulators.fn('sendInvitations');
const surveyHandler = emulators.fn('survey');
const unsubscribeHandler = emulators.fn('unsubscribe');

async function order(orderId: string, email: string): Promise<string> {
  const response = await ordersHandler(
    httpEvent({ method: 'POST', routePath: '/v1/orders', headers: { authorization: 'Bearer test-api-key-123', 'content-type': 'application/json' }, body: JSON.stringify({ orderId, customer: { email, name: 'Pat Jones' } }) }),
  );
  expect(typeof response === 'object' && response.statusCode).toBe(202);
  return (JSON.parse(String(typeof response === 'object' ? response.body : response)) as { surveyUrl: string }).surveyUrl;
}

type SentEmail = Awaited<ReturnType<typeof emulators.sentEmails>>[number] & { headers?: Array<{ name: string; value: string }>; destination: { to: string[] }; body: { html?: string; text?: string } };

function header(email: SentEmail, name: string): string | undefined {
  return email.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

function tokenIn(url: string, route: 'stop' | 'r' | 's'): string {
  return new URL(url).pathname.slice(`/${route}/`.length);
}

describe('survey emails to customers (DynamoDB and SES emulators)', () => {
  it('carry a one-click unsubscribe; once a customer unsubscribes, no further invitation reaches them', async () => {
    // Prepare: an invitation goes out.
    await order('OPT-1', 'pat@example.com');
    expect(await sendInvitations()).toMatchObject({ sent: 1 });
    const [invitation] = (await emulators.sentEmails()) as SentEmail[];
    const listUnsubscribe = header(invitation!, 'List-Unsubscribe')!;
    expect(listUnsubscribe).toMatch(new RegExp(`^<${PUBLIC_URL}/stop/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}>$`));
    expect(header(invitation!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = listUnsubscribe.slice(1, -1);
    expect(invitation!.body.html).toContain(`<a href="${unsubscribeUrl}"`);

    // Act: the mail client's one-click POST (RFC 8058), then two more orders, one from another customer.
    const token = tokenIn(unsubscribeUrl, 'stop');
    const confirm = await unsubscribeHandler(httpEvent({ method: 'GET', routePath: '/stop/{token}', path: `/stop/${token}`, pathParameters: { token } }));
    expect(typeof confirm === 'object' && confirm.body).toContain('Stop survey emails?');
    const oneClick = await unsubscribeHandler(
      httpEvent({ method: 'POST', routePath: '/stop/{token}', path: `/stop/${token}`, pathParameters: { token }, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }),
    );
    expect(typeof oneClick === 'object' && oneClick.statusCode).toBe(200);
    await emulators.clearEmails();
    await order('OPT-2', 'PAT@example.com');
    await order('OPT-3', 'sam@example.com');
    const run = await sendInvitations();

    // Assess: only the other customer is invited; the unsubscribed one's order leaves the schedule.
    expect(run).toMatchObject({ sent: 1, unsubscribed: 1 });
    expect(((await emulators.sentEmails()) as SentEmail[]).map((e) => e.destination.to[0])).toEqual(['sam@example.com']);
    expect(await sendInvitations()).toMatchObject({ sent: 0, unsubscribed: 0 });
    // The customer's opt-out is not an owner's digest unsubscribe, and an owner's token does not open it.
    expect(await emulators.adapters.digest.isUnsubscribed('pat@example.com')).toBe(false);
    const ownerToken = unsubscribeToken(TEST_ENV.EARSHOT_LINK_SECRET, 'pat@example.com');
    const wrong = await unsubscribeHandler(httpEvent({ method: 'POST', routePath: '/stop/{token}', path: `/stop/${ownerToken}`, pathParameters: { token: ownerToken } }));
    expect(typeof wrong === 'object' && wrong.statusCode).toBe(404);
  });

  it('offers review links through the business\'s signed redirect, which counts each click for the digest', async () => {
    // Prepare: an invitation with the review links (the owner turned them on), and a survey answer.
    const surveyUrl = await order('REV-1', 'rev@example.com');
    await sendInvitations();
    const [invitation] = (await emulators.sentEmails()) as SentEmail[];
    const reviewHref = /<a href="([^"]+)"[^>]*>Write a review on Google<\/a>/.exec(invitation!.body.html!)?.[1];
    expect(reviewHref).toMatch(new RegExp(`^${PUBLIC_URL}/r/google\\.email\\.[A-Za-z0-9_-]{16}$`));
    const surveyToken = tokenIn(surveyUrl, 's');
    const thanks = await surveyHandler(
      httpEvent({ method: 'POST', routePath: '/s/{token}', path: `/s/${surveyToken}`, pathParameters: { token: surveyToken }, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'score=2&comment=Cold+coffee' }),
    );
    const thanksPage = String(typeof thanks === 'object' ? thanks.body : '');
    expect(thanksPage).toContain('We ask every customer, whatever they thought of us.');
    const pageHref = /<a href="([^"]+)">Write a review on Google<\/a>/.exec(thanksPage)?.[1];
    expect(pageHref).toMatch(new RegExp(`^${PUBLIC_URL}/r/google\\.page\\.[A-Za-z0-9_-]{16}$`));

    // Act: the customer follows both links; someone tries a tampered one.
    const follow = (href: string) => {
      const token = tokenIn(href, 'r');
      return surveyHandler(httpEvent({ method: 'GET', routePath: '/r/{token}', path: `/r/${token}`, pathParameters: { token } }));
    };
    const fromEmail = await follow(reviewHref!);
    const fromPage = await follow(pageHref!);
    const tampered = await follow(pageHref!.replace('google.page', 'google.email'));

    // Assess: both go to the configured review page, counted; the tampered one goes nowhere.
    for (const answer of [fromEmail, fromPage]) {
      expect(answer).toMatchObject({ statusCode: 302, headers: { location: REVIEW_URL, 'referrer-policy': 'no-referrer' } });
    }
    expect(tampered).toMatchObject({ statusCode: 404 });
    expect(typeof tampered === 'object' && tampered.body).toContain('This review link is not valid.');
    const digest = await previewDigest(emulators.adapters, emulators.config.http.publicUrl!);
    expect(digest.text).toContain('Review links followed: 2 (Google 2; 0 the week before)');
  });
  it("offers the same review links on the check-in pages, through the same counting redirect, never the site's own address", async () => {
    // Prepare: a check-in that went out to the customer.
    const now = new Date();
    const deps = createCheckInDeps(emulators.config, emulators.clients, () => now);
    const expiresAt = new Date(now.getTime() + 14 * 86_400_000);
    await deps.checkIns.schedule({ caseId: 'case000000000001', handling: 1, to: 'rev@example.com', language: 'en', handledAt: now.toISOString(), handledBy: 'owner@example.com', dueAt: now.toISOString(), status: 'scheduled' });
    const scheduled = (await deps.checkIns.get('case000000000001', 1))!;
    expect(await deps.checkIns.transition({ ...scheduled, status: 'sent', sentAt: now.toISOString(), expiresAt: expiresAt.toISOString() }, 'scheduled')).toBe(true);
    const token = checkInToken(TEST_ENV.EARSHOT_LINK_SECRET, { caseId: 'case000000000001', handling: 1, expiresAt });

    // Act: the customer opens the "Not yet" and the "Yes" pages.
    const checkIn = makeCheckInHandler(deps);
    const pages = await Promise.all(
      ['not-yet', 'yes'].map(async (answer) => checkIn(httpEvent({ method: 'GET', routePath: '/c/{token}/{answer}', path: `/c/${token}/${answer}`, pathParameters: { token, answer } }))),
    );

    // Assess: both pages link to the business's own redirect, the same on each, never to the review site.
    const hrefs = pages.map((page) => {
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(REVIEW_URL);
      return /<a href="([^"]+)"[^>]*>[^<]*Google[^<]*<\/a>/.exec(String(page.body))?.[1];
    });
    expect(hrefs[0]).toMatch(new RegExp(`^${PUBLIC_URL}/r/google\\.page\\.[A-Za-z0-9_-]{16}$`));
    expect(hrefs[1]).toBe(hrefs[0]);
  });
});
