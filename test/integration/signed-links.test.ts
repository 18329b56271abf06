import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createOrdersDeps } from '#functions/orders/deps.ts';
import { makeOrdersHandler } from '#functions/orders/make-handler.ts';
import { createSurveyDeps } from '#functions/survey/deps.ts';
import { makeSurveyHandler } from '#functions/survey/make-handler.ts';
import { createUnsubscribeDeps } from '#functions/unsubscribe/deps.ts';
import { makeUnsubscribeHandler } from '#functions/unsubscribe/make-handler.ts';
import { SURVEY_LINK } from '#shared/adapters/dynamo/table.ts';
import { createSurveyToken } from '#shared/domain/survey-link.ts';
import { customerOptOutToken } from '#shared/domain/check-in.ts';
import { reviewLinkToken } from '#shared/domain/review-link.ts';
import { unsubscribeToken } from '#shared/domain/unsubscribe-link.ts';
import { TEST_ENV, useEmulators } from '../helpers/emulators.ts';
import { httpEvent } from '../helpers/events.ts';

const emulators = useEmulators({ EARSHOT_INVITE_DELAY_HOURS: '72', EARSHOT_SURVEY_TTL_DAYS: '30' });

const ORDERED = new Date('2026-11-23T09:00:00.000Z');
const DAY = 86_400_000;
/** The link works for 30 days from the invitation, which goes out 72 hours after the order. */
const EXPIRES = new Date(ORDERED.getTime() + 3 * DAY + 30 * DAY);

/** The functions as Lambda builds them, with the clock at `at`. */
function at(now: Date) {
  const clock = { now: () => now };
  return {
    orders: makeOrdersHandler({ ...createOrdersDeps(emulators.config, emulators.clients), ...clock }),
    survey: makeSurveyHandler({ ...createSurveyDeps(emulators.config, emulators.clients), ...clock }),
    unsubscribe: makeUnsubscribeHandler({ ...createUnsubscribeDeps(emulators.config, emulators.clients), ...clock }),
  };
}

async function order(orderId: string): Promise<string> {
  const answer = await at(ORDERED).orders(
    httpEvent({
      method: 'POST',
      routePath: '/v1/orders',
      headers: { authorization: `Bearer ${TEST_ENV.EARSHOT_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderId, customer: { email: `${orderId.toLowerCase()}@example.com`, name: 'Ann' }, purchasedAt: ORDERED.toISOString() }),
    }),
  );
  expect(answer.statusCode).toBe(202);
  return String(JSON.parse(answer.body!).surveyUrl).split('/s/')[1]!;
}

const page = (token: string) => httpEvent({ method: 'GET', routePath: '/s/{token}', path: `/s/${token}`, pathParameters: { token } });
const jsonAnswer = (token: string) =>
  httpEvent({ method: 'POST', routePath: '/v1/survey-responses', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, score: 3, comment: 'Late' }) });

describe('signed links expire when they say, by a controlled clock', () => {
  it('a survey link opens until its expiry and not from that instant on, for the page and the JSON answer', async () => {
    // Prepare
    const token = await order('EXP-1');

    // Act and assess: one millisecond before, at, and years after the expiry.
    const before = await at(new Date(EXPIRES.getTime() - 1)).survey(page(token));
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('<form');
    const atExpiry = await at(EXPIRES).survey(page(token));
    expect(atExpiry.statusCode).toBe(410);
    expect(atExpiry.body).toMatch(/expired/i);
    expect((await at(new Date('2030-01-01T00:00:00.000Z')).survey(page(token))).statusCode).toBe(410);
    expect((await at(EXPIRES).survey(jsonAnswer(token))).statusCode).toBe(410);
    // Nothing was recorded by the refused answer: the link is still unanswered, and answers before its expiry.
    expect((await at(new Date(EXPIRES.getTime() - 1)).survey(jsonAnswer(token))).statusCode).toBe(202);
  });

  it('keeps the expiry apart from the TTL attribute: an application date, and a TTL in epoch seconds', async () => {
    const token = await order('EXP-2');
    const surveyId = token.slice(0, 12);
    const stored = await emulators.adapters.surveys.get(surveyId);
    expect(stored?.linkExpiresAt).toBe(EXPIRES.toISOString());
    const item = (await emulators.clients.dynamo.send(new GetCommand({ TableName: emulators.config.aws.tableName, Key: SURVEY_LINK.key({ surveyId }) }))).Item!;
    expect(typeof item.expiresAt).toBe('number');
    expect(item.expiresAt).toBeGreaterThanOrEqual(EXPIRES.getTime() / 1000);
  });

  it('closes a link stored before the fix, whose expiry sat in the TTL attribute as text', async () => {
    // Prepare: a link as the earlier version stored it.
    const { surveyId, token } = createSurveyToken(TEST_ENV.EARSHOT_LINK_SECRET);
    await emulators.clients.dynamo.send(
      new PutCommand({
        TableName: emulators.config.aws.tableName,
        Item: { ...SURVEY_LINK.key({ surveyId }), entity: 'survey', surveyId, orderId: 'OLD-1', email: 'old@example.com', createdAt: '2020-01-01T00:00:00.000Z', expiresAt: '2020-01-31T00:00:00.000Z' },
      }),
    );

    // Act and assess
    expect((await at(new Date('2020-01-30T00:00:00.000Z')).survey(page(token))).statusCode).toBe(200);
    expect((await at(new Date('2030-01-01T00:00:00.000Z')).survey(page(token))).statusCode).toBe(410);
  });

  it('an unsubscribe link has no expiry: it still works years later (one-click unsubscribe must keep working)', async () => {
    const token = unsubscribeToken(TEST_ENV.EARSHOT_LINK_SECRET, 'manager@example.com');
    const later = at(new Date('2031-06-01T00:00:00.000Z'));
    const event = (method: string) => httpEvent({ method, routePath: '/u/{token}', path: `/u/${token}`, pathParameters: { token } });
    expect((await later.unsubscribe(event('GET'))).statusCode).toBe(200);
    expect((await later.unsubscribe(event('POST'))).statusCode).toBe(200);
    expect(await emulators.adapters.digest.isUnsubscribed('manager@example.com')).toBe(true);
    // A tampered token is refused whatever the clock says.
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await later.unsubscribe(httpEvent({ method: 'GET', routePath: '/u/{token}', path: `/u/${tampered}`, pathParameters: { token: tampered } }))).statusCode).toBe(404);
  });
  it("a customer's unsubscribe link and a review link have no expiry either; a tampered one is refused whatever the clock", async () => {
    // Prepare: years after the links were sent; the owner lists one review site.
    const later = new Date('2031-06-01T00:00:00.000Z');
    const stop = customerOptOutToken(TEST_ENV.EARSHOT_LINK_SECRET, 'pat@example.com');
    const review = reviewLinkToken(TEST_ENV.EARSHOT_LINK_SECRET, 'google', 'page');
    const unsubscribeDeps = { ...createUnsubscribeDeps(emulators.config, emulators.clients), now: () => later };
    const withReviews = { ...emulators.config, reviews: { links: [{ name: 'Google', url: 'https://g.page/r/corner-bakery/review' }], inInvitation: false } };
    const survey = makeSurveyHandler({ ...createSurveyDeps(withReviews, emulators.clients), now: () => later });
    const unsubscribe = makeUnsubscribeHandler(unsubscribeDeps);
    const stopEvent = (token: string, method = 'POST') => httpEvent({ method, routePath: '/stop/{token}', path: `/stop/${token}`, pathParameters: { token } });
    const reviewEvent = (token: string) => httpEvent({ method: 'GET', routePath: '/r/{token}', path: `/r/${token}`, pathParameters: { token } });
    const tamper = (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;

    // Act
    const stopped = await unsubscribe(stopEvent(stop));
    const followed = await survey(reviewEvent(review));
    const stopTampered = await unsubscribe(stopEvent(tamper(stop)));
    const reviewTampered = await survey(reviewEvent(tamper(review)));

    // Assess
    expect(stopped.statusCode).toBe(200);
    expect(await unsubscribeDeps.optOuts.isOptedOut('pat@example.com')).toBe(true);
    expect(followed).toMatchObject({ statusCode: 302, headers: { location: 'https://g.page/r/corner-bakery/review' } });
    expect(stopTampered.statusCode).toBe(404);
    expect(reviewTampered.statusCode).toBe(404);
  });
});
