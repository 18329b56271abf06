import { parseConfig } from '#shared/config.ts';
import { caseIdFor, type CaseRecord } from '#shared/domain/case.ts';
import type { ConsoleAuthRepository } from '#shared/ports/cases.ts';
import type { OutgoingEmail } from '#shared/ports/mailer.ts';
import { createCaseLinks, replyEmail } from '#shared/use-cases/cases.ts';
import { requestSignIn } from '#shared/use-cases/console-auth.ts';
import { decideAlert, decideRecurring, type AlertDecision } from '#shared/domain/alert-rules.ts';
import type { Classification } from '#shared/domain/classification.ts';
import { complaintStanding, type ComplaintEntry } from '#shared/domain/customer.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import { alertBatchEmail } from '#shared/emails/alert-batch.ts';
import { alertFeedback, complaintAlertEmail, type ComplaintAlertContent } from '#shared/emails/complaint-alert.ts';
import { buildDigest } from '#shared/digest/build.ts';
import { customerOptOutToken } from '#shared/domain/check-in.ts';
import { customerOptOutUrl, unsubscribeToken, unsubscribeUrl } from '#shared/domain/unsubscribe-link.ts';
import { checkInEmail } from '#shared/emails/check-in.ts';
import { renderDigestEmail } from '#shared/emails/digest.ts';
import { notPutRightEmail } from '#shared/emails/not-put-right.ts';
import { promiseReminderEmail } from '#shared/emails/promise-reminder.ts';
import { invitationEmail } from '#shared/emails/invitation.ts';
import { reviewLinksFor } from '#shared/use-cases/review-links.ts';
import { FIXED_WEEK } from '../fixtures/digest/week.ts';

/** One rendered email of a given kind, as the owner or a customer receives it. */
export interface SampleEmail {
  name: string;
  urgent: boolean;
  subject: string;
  html: string;
  text: string;
}

const BUSINESS = 'Corner Bakery & Café';
const TIME_ZONE = 'Europe/London';
const settings = parseConfig({}, {}).alerts;

const negative: Classification = { sentiment: 'negative', score: -0.7, complaint: true, urgent: false, cues: [], topics: ['product-quality'], language: 'en' };

function record(overrides: Partial<FeedbackRecord>): FeedbackRecord {
  return {
    id: 'survey-s1',
    channel: 'survey',
    receivedAt: '2026-11-23T10:00:00.000Z',
    processedAt: '2026-11-23T10:00:01.000Z',
    rawKey: 'raw/x',
    text: 'The sourdough was stale and the counter staff did not seem to care.',
    customer: { name: 'Maria Lopez', email: 'maria@example.com' },
    orderIds: [],
    score: 3,
    classification: negative,
    complaint: true,
    customerId: 'c_maria',
    ...overrides,
  };
}

/** The case links every alert carries (the console's `Open case` and `Mark handled`). */
const CASE_LINKS = { open: 'https://feedback.cornerbakery.example/console/cases/case-1', handled: 'https://feedback.cornerbakery.example/console/a/case-1.h.SIGNED' };

function render(decision: AlertDecision, item: FeedbackRecord, extra: Partial<ComplaintAlertContent> = {}): SampleEmail {
  const email = complaintAlertEmail({
    links: CASE_LINKS,
    subject: decision.subject,
    headline: decision.headline,
    urgent: decision.urgent,
    ...(decision.priority ? { priority: decision.priority } : {}),
    feedback: alertFeedback(item),
    nextSteps: decision.nextSteps,
    businessName: BUSINESS,
    timeZone: TIME_ZONE,
    ...extra,
  });
  return { name: decision.kind, urgent: decision.urgent, subject: decision.subject, ...email };
}

function sent(decision: ReturnType<typeof decideAlert>): AlertDecision {
  if (decision?.action !== 'send') throw new Error('the sample item raised no alert');
  return decision;
}

/**
 * Every kind of alert email the rules raise, each built by the real rules and templates from a
 * realistic item: a first complaint (no order known), a third complaint, an urgent cue, a negative
 * Bluesky mention with a small audience, a 1-star review, a recurring problem, and the hourly batch.
 */
export function alertSamples(): SampleEmail[] {
  const first = record({});
  const firstDecision = sent(decideAlert(first, undefined, settings));

  const entries: ComplaintEntry[] = [
    { id: 'email-1', at: '2026-10-02T09:00:00.000Z', channel: 'email', incident: 'email:t1' },
    { id: 'survey-2', at: '2026-11-01T18:03:00.000Z', channel: 'survey', incident: 'survey:s2' },
    { id: 'email-3', at: '2026-11-23T10:42:00.000Z', channel: 'email', incident: 'email:t3' },
  ];
  const third = record({ id: 'email-3', channel: 'email', receivedAt: entries[2]!.at, text: 'Still waiting for my refund for the squashed cake. Very disappointed.', orderIds: ['ML-1'], classification: { ...negative, topics: ['refunds'] } });
  delete third.score;
  const standing = complaintStanding(entries, entries[2]!, { windowDays: 180, foldMinutes: 60 });
  const repeat = render(sent(decideAlert(third, standing, settings)), third, {
    customer: { orderCount: 2, orderIds: ['ML-1', 'ML-2'], orderValue: 84.5, currency: 'EUR' },
    earlier: [
      { at: entries[0]!.at, channel: 'email', excerpt: 'The cake arrived squashed and late.' },
      { at: entries[1]!.at, channel: 'survey', excerpt: 'Nobody answered my email.', score: 2 },
    ],
  });

  const ill = record({ id: 'email-9', channel: 'email', text: 'My daughter was sick all night after eating your cheesecake.', classification: { ...negative, urgent: true, cues: ['illness'], topics: ['product-quality', 'safety'] }, orderIds: ['CB-2041'] });
  delete ill.score;
  const urgentCue = render(sent(decideAlert(ill, undefined, settings)), ill);

  const post = record({
    id: 'mention-b1',
    channel: 'social',
    text: 'Corner Bakery charged me twice and nobody answers the phone. Avoid. https://bsky.app/profile/pat.bsky.social/post/3kz7abcdefghijklmnopqrstu',
    customer: { handle: '@pat.bsky.social' },
    source: 'Bluesky',
    url: 'https://bsky.app/profile/pat.bsky.social/post/3kz7abcdefghijklmnopqrstu',
    followers: 120,
    classification: { ...negative, topics: ['price-billing', 'communication'] },
  });
  delete post.score;
  delete post.customerId;
  const mention = render(sent(decideAlert(post, undefined, settings)), post);

  const review = record({ id: 'mention-g1', channel: 'social', text: 'Rude staff, cold coffee.', customer: { name: 'Lee Park' }, source: 'Google', rating: 1, classification: { ...negative, topics: ['staff-attitude'] } });
  delete review.score;
  const oneStar = render(sent(decideAlert(review, undefined, settings)), review);

  const recurringDecision = decideRecurring({ topic: 'wait-time', complaints: 4, customersBefore: ['c1', 'c2'], customer: 'c3' }, 'survey-w4', settings);
  if (!recurringDecision) throw new Error('the sample window raised no recurring problem');
  const recurring = render(recurringDecision, record({ id: 'survey-w4', text: 'Waited 45 minutes at the counter.' }), {
    quotes: [
      { at: '2026-11-20T09:00:00.000Z', customer: 'Ann Smith', quote: 'We waited 50 minutes for our table, far too long.' },
      { at: '2026-11-21T12:00:00.000Z', customer: 'Ann Smith', quote: 'Again a long wait today.' },
      { at: '2026-11-22T17:30:00.000Z', customer: 'Bo Chen', quote: 'Waited over an hour for the delivery to arrive.' },
      { at: '2026-11-23T10:00:00.000Z', customer: 'Maria Lopez', quote: 'Waited 45 minutes at the counter.' },
    ],
  });

  const firstEmail = render(firstDecision, first);
  const other = record({ id: 'email-b2', channel: 'email', text: 'The delivery came an hour late and the box was crushed.', customer: { name: 'Bo Chen', email: 'bo@example.com' }, orderIds: ['CB-2050'], customerId: 'c_bo', classification: { ...negative, topics: ['delivery'] } });
  delete other.score;
  const otherEmail = render(sent(decideAlert(other, undefined, settings)), other);
  const batchSubject = 'New complaints: 2 in the last hour';
  const batch: SampleEmail = { name: 'first-complaint-batch', urgent: false, subject: batchSubject, ...alertBatchEmail(batchSubject, [firstEmail.text, otherEmail.text]) };

  return [firstEmail, repeat, urgentCue, mention, { ...oneStar, name: 'negative-review' }, recurring, batch];
}

/** The business's own public address in the samples: every link in an email points here or is a mailto:. */
export const SAMPLE_PUBLIC_URL = 'https://feedback.cornerbakery.example';

/** The customer the alert samples are about (their mailto: is the only other link allowed). */
export const SAMPLE_CUSTOMER_EMAILS = ['maria@example.com', 'bo@example.com'];

const SECRET = 'sample-link-secret-0123456789abcdef';
const BRAND = { name: BUSINESS, accent: '#0f766e', logoUrl: 'https://cdn.cornerbakery.example/logo.svg' };

/**
 * The emails customers receive: the survey invitation with the review links (when the owner offers
 * them by email) and without, for a customer with a long name.
 */
export function customerSamples(): SampleEmail[] {
  const reviews = parseConfig({ reviews: { links: [{ name: 'Google', url: 'https://g.page/r/corner/review' }, { name: 'Tripadvisor', url: 'https://www.tripadvisor.com/UserReviewEdit-g1-d2' }, { name: 'Trustpilot', url: 'https://www.trustpilot.com/evaluate/cornerbakery.example' }] } }, {});
  const surveyUrl = `${SAMPLE_PUBLIC_URL}/s/AbCdEfGhIjKlMnOpQrStUvWxYz12`;
  const base = { to: 'pat@example.com', business: BRAND, surveyUrl, unsubscribeUrl: customerOptOutUrl(SAMPLE_PUBLIC_URL, customerOptOutToken(SECRET, 'pat@example.com')) };
  const withReviews = invitationEmail({ ...base, name: 'Pat', reviewLinks: reviewLinksFor(reviews, SECRET, SAMPLE_PUBLIC_URL, 'email') });
  const plain = invitationEmail({ ...base, name: 'Maximiliana Bartholomew-Featherstonehaugh' });
  return [
    { name: 'invitation-with-reviews', urgent: false, subject: withReviews.subject, html: withReviews.html, text: withReviews.text },
    { name: 'invitation', urgent: false, subject: plain.subject, html: plain.html, text: plain.text },
  ];
}

/** The weekly digest (a full week with hostile and very long customer text, and a quiet one). */
export function digestSamples(): SampleEmail[] {
  const unsubscribe = unsubscribeUrl(SAMPLE_PUBLIC_URL, unsubscribeToken(SECRET, 'owner@example.com'));
  const stressed = {
    ...FIXED_WEEK,
    openComplaints: [
      ...FIXED_WEEK.openComplaints,
      { id: 'f3', receivedAt: '2026-11-18T09:00:00Z', channel: 'social' as const, text: `Unacceptable${'!'.repeat(120)} https://example.com/${'a'.repeat(150)}`, customer: { handle: `@${'x'.repeat(90)}` } },
    ].map((c) => ({ ...c, caseId: caseIdFor(c.id) })),
  };
  const full = renderDigestEmail(buildDigest(stressed), unsubscribe, (caseId) => `${SAMPLE_PUBLIC_URL}/console/cases/${caseId}`);
  const quiet = renderDigestEmail(buildDigest({ ...FIXED_WEEK, thisWeek: FIXED_WEEK.lastWeek.map((d) => ({ ...d, counters: {} })), openComplaints: [], sources: [] }), unsubscribe);
  return [
    { name: 'digest', urgent: false, ...full },
    { name: 'digest-quiet', urgent: false, ...quiet },
  ];
}

/** The follow-through emails: the customer's check-in (English and Spanish), the owner's promise reminder and the not-put-right alert. */
export function followThroughSamples(): SampleEmail[] {
  const link = (path: string) => `${SAMPLE_PUBLIC_URL}${path}`;
  const stop = customerOptOutUrl(SAMPLE_PUBLIC_URL, customerOptOutToken(SECRET, 'maria@example.com'));
  const checkIns = (['en', 'es'] as const).map((language) => {
    const email = checkInEmail({ to: 'maria@example.com', name: 'Maria Lopez', language, businessName: BUSINESS, yesUrl: link('/c/TOKEN/yes'), notYetUrl: link('/c/TOKEN/not-yet'), unsubscribeUrl: stop });
    return { name: `check-in-${language}`, urgent: false, subject: email.subject, html: email.html, text: email.text };
  });
  const reminder = promiseReminderEmail({
    to: 'owner@example.com',
    businessName: BUSINESS,
    day: '2026-11-27',
    items: [
      { customer: 'Maria Lopez', text: 'Refund the squashed cake (€84.50) and bake a replacement for Saturday.', dueDate: '2026-11-27', keptUrl: link('/console/p/K1'), openUrl: link('/console/cases/c1') },
      { customer: 'Bo Chen', text: 'Call back about the late delivery.', dueDate: '2026-11-27', keptUrl: link('/console/p/K2'), openUrl: link('/console/cases/c2') },
    ],
  });
  const notPutRight = notPutRightEmail({ customer: 'Maria Lopez', comment: 'The refund still has not arrived.', whatWasDone: 'Refund sent on Monday.', handledAt: '2026-11-23T10:00:00Z', caseUrl: link('/console/cases/c1'), timeZone: TIME_ZONE });
  return [
    ...checkIns,
    { name: 'promise-reminder', urgent: false, subject: reminder.subject, html: reminder.html, text: reminder.text },
    { name: 'not-put-right', urgent: true, subject: notPutRight.subject, html: notPutRight.html, text: notPutRight.text },
  ];
}

/**
 * The console's emails: the owner's sign-in link and code, the owner's reply to a customer, and
 * the alert when the customer answers that reply (urgent when they are still unhappy).
 */
export async function consoleSamples(): Promise<SampleEmail[]> {
  const config = parseConfig({ business: { name: BUSINESS }, http: { publicUrl: SAMPLE_PUBLIC_URL }, owner: { emails: ['owner@example.com'] } }, {});
  const sent: OutgoingEmail[] = [];
  const mailer = { send: async (email: OutgoingEmail) => (sent.push(email), { messageId: 'm' }) };
  const auth = { saveLink: async () => undefined, saveCode: async () => undefined } as unknown as ConsoleAuthRepository;
  const rateLimiter = { take: async () => true };
  await requestSignIn({ email: 'owner@example.com', next: '/console', ip: '203.0.113.7', publicUrl: SAMPLE_PUBLIC_URL }, { config, mailer, rateLimiter, auth, now: () => new Date('2026-11-27T08:00:00Z') });
  const signIn = sent[0]!;
  const links = createCaseLinks(SECRET, config, () => new Date('2026-11-27T08:00:00Z'));
  const caseRecord: CaseRecord = {
    caseId: 'case-1',
    status: 'new',
    urgent: false,
    channel: 'survey',
    openedAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
    openedBy: 'survey-s1',
    customer: { name: 'Maria Lopez', email: 'maria@example.com' },
    quote: 'The sourdough was stale.',
    feedbackIds: ['survey-s1'],
    alertKeys: [],
    orderIds: [],
    replies: 0,
    version: 1,
  };
  const reply = replyEmail(caseRecord, 'Hello Maria,\n\nThank you for telling us, and I am sorry about the stale sourdough. I would like to put it right: could you tell me a good time to call you?\n\nBest regards,\nCorner Bakery', { config }, links);
  const answer = record({});
  delete answer.score;
  const answerAlert = (urgent: boolean): SampleEmail => {
    const subject = `${urgent ? 'URGENT: ' : ''}Reply from Maria Lopez`;
    const email = complaintAlertEmail({
      subject,
      headline: 'Maria Lopez answered your reply',
      feedback: alertFeedback({ ...answer, id: 'email-r1', channel: 'email', text: urgent ? 'Still nothing. This is the third time I write.' : 'Thanks, Saturday morning works.' }),
      nextSteps: urgent ? ['Maria Lopez is still not happy: call or write to them today.'] : ['Read what Maria Lopez wrote and answer if they asked something.'],
      businessName: BUSINESS,
      timeZone: TIME_ZONE,
      links: { open: links.caseUrl('case-1'), handled: links.actionUrl('case-1', 'handled', 'owner@example.com') },
    });
    return { name: urgent ? 'customer-reply-urgent' : 'customer-reply', urgent, subject, ...email };
  };
  return [
    { name: 'sign-in', urgent: false, subject: signIn.subject, html: signIn.html, text: signIn.text },
    { name: 'reply-to-customer', urgent: false, subject: reply.subject, html: reply.html, text: reply.text },
    answerAlert(false),
    answerAlert(true),
  ];
}
