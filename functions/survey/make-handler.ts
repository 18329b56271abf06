import { ConflictError, GoneError, ValidationError } from '#shared/errors.ts';
import {
  errorStatus,
  header,
  json,
  jsonError,
  page,
  parseJsonBody,
  readBody,
  validate,
  type HttpEvent,
  type HttpResult,
} from '#shared/http/api.ts';
import { brandingOf, type Branding } from '#shared/domain/branding.ts';
import { publicUrl } from '#shared/http/public-url.ts';
import { followReviewLink, reviewLinksFor } from '#shared/use-cases/review-links.ts';
import { openSurvey, submitSurveyAnswer, surveyAnswerSchema } from '#shared/use-cases/survey.ts';
import { html } from '#shared/web/html.ts';
import { errorPage, pageCsp, pageLayout, surveyFormPage, thankYouPage } from '#shared/web/survey-pages.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import * as z from '#shared/domain/schema.ts';

const jsonAnswerSchema = z.extend(surveyAnswerSchema, {
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  score: z
    .number({ message: 'expected a whole number from 0 to 10' })
    .check(z.int('expected a whole number from 0 to 10'), z.minimum(0, 'expected a whole number from 0 to 10'), z.maximum(10, 'expected a whole number from 0 to 10')),
});

/** What the survey uses. */
export type SurveyDeps = Pick<Deps, 'surveys' | 'archive' | 'queue' | 'stats' | 'customers' | 'config' | 'now'> & { secrets: SecretSource };

/**
 * The survey: `GET /s/{token}` shows the form, `POST /s/{token}` records a form answer and shows
 * the thank-you page, `POST /v1/survey-responses` records a JSON answer, and `GET /r/{token}`
 * counts a click on a review link and redirects to the review site.
 */
export function makeSurveyHandler(deps: SurveyDeps) {
  /** The business's name, logo and accent colour, on every customer page. */
  const business: Branding = brandingOf(deps.config.business);
  const linkSecret = () => deps.secrets.linkKeys();

  /** A customer page in the business's look, with the matching Content Security Policy. */
  function customerPage(status: number, markup: string): HttpResult {
    return page(status, markup, pageCsp(business));
  }

  /** `GET /r/{token}`: counts the click and sends the customer on to the review site. */
  async function followReview(event: HttpEvent): Promise<HttpResult> {
    try {
      const location = await followReviewLink(event.pathParameters?.token ?? '', deps, await linkSecret());
      return { statusCode: 302, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }, body: '' };
    } catch (error) {
      const { status } = errorStatus(error);
      const [title, text] = status === 404 ? ['Link not valid', 'This review link is not valid.'] : ['Something went wrong', 'Sorry, this link does not work just now. Please try again in a minute.'];
      return customerPage(status, pageLayout(title, business, html`<h1>${title}</h1><p>${text}</p>`));
    }
  }

  /** Maps an error to the survey's HTML error page with the matching status. */
  function errorAnswer(error: unknown): HttpResult {
    const { status } = errorStatus(error);
    const kind =
      error instanceof GoneError
        ? error.reason
        : error instanceof ConflictError
          ? 'answered'
          : status === 404
            ? 'not-found'
            : status >= 500
              ? 'error'
              : 'invalid';
    const detail = error instanceof ValidationError ? error.message : undefined;
    return customerPage(status === 409 ? 410 : status, errorPage(business, kind, detail));
  }

  async function showForm(event: HttpEvent): Promise<HttpResult> {
    try {
      const token = event.pathParameters?.token ?? '';
      const survey = await openSurvey(token, deps, await linkSecret());
      const preset = Number(event.queryStringParameters?.score);
      return customerPage(
        200,
        surveyFormPage({
          business,
          action: `/s/${token}`,
          ...(survey.name ? { customerName: survey.name } : {}),
          ...(Number.isInteger(preset) && preset >= 0 && preset <= 10 ? { score: preset } : {}),
        }),
      );
    } catch (error) {
      return errorAnswer(error);
    }
  }

  async function answerForm(event: HttpEvent): Promise<HttpResult> {
    const token = event.pathParameters?.token ?? '';
    let fields: URLSearchParams | undefined;
    try {
      const contentType = header(event, 'content-type') ?? '';
      if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
        throw new ValidationError('The answer must be sent by the form.', 'body');
      }
      fields = new URLSearchParams(readBody(event));
      const secret = await linkSecret();
      const score = fields.get('score');
      let answer;
      try {
        answer = validate(surveyAnswerSchema, { score: score === null || score === '' ? undefined : score, comment: fields.get('comment') ?? undefined });
      } catch {
        // Show the form again with what the customer typed and a clear message.
        const survey = await openSurvey(token, deps, secret);
        return customerPage(
          400,
          surveyFormPage({
            business,
            action: `/s/${token}`,
            ...(survey.name ? { customerName: survey.name } : {}),
            comment: (fields.get('comment') ?? '').slice(0, 5000),
            error: score ? 'Please choose a score from 0 to 10.' : 'Please choose a score from 0 to 10 before sending.',
          }),
        );
      }
      await submitSurveyAnswer(token, answer, deps, secret);
      // The same review invitation for every score; a call-back only when the owner promises one.
      return customerPage(
        200,
        thankYouPage(business, answer.score, {
          ...(deps.config.survey.callBackWithinHours ? { callBackWithinHours: deps.config.survey.callBackWithinHours } : {}),
          reviewLinks: reviewLinksFor(deps.config, secret, publicUrl(deps.config, event), 'page'),
        }),
      );
    } catch (error) {
      return errorAnswer(error);
    }
  }

  async function answerJson(event: HttpEvent): Promise<HttpResult> {
    try {
      const input = parseJsonBody(event, jsonAnswerSchema);
      const secret = await linkSecret();
      try {
        const { id } = await submitSurveyAnswer(input.token, { score: input.score, comment: input.comment }, deps, secret);
        return json(202, { id });
      } catch (error) {
        if (error instanceof GoneError && error.reason === 'answered') throw new ConflictError(error.message);
        throw error;
      }
    } catch (error) {
      return jsonError(error);
    }
  }

  return async (event: HttpEvent): Promise<HttpResult> => {
    if (event.routeKey === 'POST /v1/survey-responses') return answerJson(event);
    if (event.routeKey === 'GET /r/{token}') return followReview(event);
    return event.requestContext.http.method === 'POST' ? answerForm(event) : showForm(event);
  };
}
