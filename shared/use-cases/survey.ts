import type { LinkSecret } from '#shared/domain/link-keys.ts';
import * as z from '#shared/domain/schema.ts';
import { rawKey } from '#shared/domain/raw-key.ts';
import { MAX_TEXT_LENGTH, type FeedbackMessage } from '#shared/domain/feedback.ts';
import { verifySurveyToken } from '#shared/domain/survey-link.ts';
import { ConflictError, GoneError, NotFoundError } from '#shared/errors.ts';
import type { StoredSurveyAnswer, SurveyRecord } from '#shared/ports/store.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { queueFeedback } from '#shared/use-cases/queue-feedback.ts';

/** A survey answer as submitted by the page or the JSON route. */
export const surveyAnswerSchema = z.object({
  score: z.coerce
    .number({ message: 'expected a whole number from 0 to 10' })
    .check(z.int('expected a whole number from 0 to 10'), z.minimum(0, 'expected a whole number from 0 to 10'), z.maximum(10, 'expected a whole number from 0 to 10')),
  comment: z.pipe(
    z.optional(z.string().check(z.maxLength(5000, 'at most 5000 characters'))),
    z.transform((c: string | undefined) => c?.replace(/\r\n?/g, '\n').trim() || undefined),
  ),
});

export type SurveyAnswer = z.infer<typeof surveyAnswerSchema>;

/**
 * Resolves a survey link to its survey. Tampered or unknown: NotFoundError. Answered or expired:
 * GoneError (the page says which).
 */
export async function openSurvey(token: string, deps: Pick<Deps, 'surveys' | 'now'>, linkSecret: LinkSecret): Promise<SurveyRecord> {
  const surveyId = verifySurveyToken(linkSecret, token);
  if (!surveyId) throw new NotFoundError('this survey link is not valid');
  const survey = await deps.surveys.get(surveyId);
  if (!survey) throw new NotFoundError('this survey link is not valid');
  if (survey.answeredAt) throw new GoneError('this survey has already been answered', 'answered');
  if (!(Date.parse(survey.linkExpiresAt) > deps.now().getTime())) throw new GoneError('this survey link has expired', 'expired');
  return survey;
}

/** The feedback message of a survey answer. */
export function surveyMessage(survey: Pick<SurveyRecord, 'surveyId' | 'orderId' | 'email' | 'name'>, answer: StoredSurveyAnswer): FeedbackMessage {
  return {
    version: 1,
    id: `survey-${survey.surveyId}`,
    channel: 'survey',
    receivedAt: answer.receivedAt,
    rawKey: answer.rawKey,
    text: (answer.comment ?? '').slice(0, MAX_TEXT_LENGTH),
    customer: { email: survey.email, ...(survey.name ? { name: survey.name } : {}) },
    orderIds: [survey.orderId],
    survey: { surveyId: survey.surveyId, score: answer.score },
  };
}

/**
 * Queues the answer of a survey marked answered whose queueing was cut short (the process died
 * between marking and queueing), from the answer kept on the survey. Does nothing for a survey
 * whose answer is queued.
 */
export async function finishQueueing(survey: SurveyRecord, deps: Pick<Deps, 'surveys' | 'queue' | 'customers' | 'config' | 'now'>): Promise<boolean> {
  if (!survey.answeredAt || survey.queuedAt || !survey.answer) return false;
  await queueFeedback(surveyMessage(survey, survey.answer), deps);
  await deps.surveys.markQueued(survey.surveyId, deps.now());
  return true;
}

/**
 * Records a survey answer: archives it raw, marks the link used (single use, by a conditional
 * write, keeping the answer), and queues it for processing. If queueing fails the link is released
 * so the customer can submit again, and nothing is half-recorded. An answer refused as a second
 * one (409/410) is always stored: if the first one's queueing was cut short, it is finished here.
 */
export async function submitSurveyAnswer(
  token: string,
  answer: SurveyAnswer,
  deps: Pick<Deps, 'surveys' | 'archive' | 'queue' | 'customers' | 'config' | 'now'>,
  linkSecret: LinkSecret,
): Promise<{ id: string }> {
  let survey: SurveyRecord;
  try {
    survey = await openSurvey(token, deps, linkSecret);
  } catch (error) {
    if (error instanceof GoneError && error.reason === 'answered') await finishQueueingOf(token, deps, linkSecret);
    throw error;
  }
  const now = deps.now();
  const id = `survey-${survey.surveyId}`;
  const key = rawKey('survey', now, id, 'json');
  const comment = answer.comment ?? '';
  await deps.archive.put(
    key,
    JSON.stringify({ surveyId: survey.surveyId, orderId: survey.orderId, score: answer.score, comment, receivedAt: now.toISOString() }),
    'application/json',
  );
  const stored: StoredSurveyAnswer = { score: answer.score, ...(comment ? { comment } : {}), rawKey: key, receivedAt: now.toISOString() };
  if (!(await deps.surveys.markAnswered(survey.surveyId, id, now, stored))) {
    await finishQueueingOf(token, deps, linkSecret);
    throw new ConflictError('this survey has already been answered');
  }
  try {
    await queueFeedback(surveyMessage(survey, stored), deps);
  } catch (error) {
    await deps.surveys.unmarkAnswered(survey.surveyId, id);
    throw error;
  }
  await deps.surveys.markQueued(survey.surveyId, deps.now());
  return { id };
}

async function finishQueueingOf(token: string, deps: Pick<Deps, 'surveys' | 'queue' | 'customers' | 'config' | 'now'>, linkSecret: LinkSecret): Promise<void> {
  const surveyId = verifySurveyToken(linkSecret, token);
  const survey = surveyId ? await deps.surveys.get(surveyId) : undefined;
  if (survey) await finishQueueing(survey, deps);
}
