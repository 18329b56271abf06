import { checkInLanguage, verifyCheckInToken, type CheckInAnswer, type CheckInLanguage } from '#shared/domain/check-in.ts';
import { GoneError, NotFoundError } from '#shared/errors.ts';
import { errorStatus, header, page, readBody, type HttpEvent, type HttpResult } from '#shared/http/api.ts';
import { openCheckIn, recordCheckInAnswer } from '#shared/use-cases/check-ins.ts';
import { createFollowThroughLinks } from '#shared/use-cases/follow-through.ts';
import { reviewLinksFor } from '#shared/use-cases/review-links.ts';
import { publicUrl } from '#shared/http/public-url.ts';
import type { LinkSecret } from '#shared/domain/link-keys.ts';
import { checkInAnswerPage, checkInErrorPage, checkInThanksPage } from '#shared/web/check-in-pages.ts';
import { PAGE_CSP } from '#shared/web/survey-pages.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';
import type { FollowThroughDeps } from '#shared/use-cases/follow-through.ts';

/** What the check-in pages use: the follow-through's ports and the link key (check-in links). */
export type CheckInDeps = FollowThroughDeps & { secrets: Pick<SecretSource, 'linkKeys'> };

const ANSWERS: Record<string, CheckInAnswer> = { yes: 'yes', 'not-yet': 'not-yet' };

/**
 * The check-in's pages: `GET /c/{token}/{yes|not-yet}` shows the answer page with `Comment` and
 * `Send` (a GET never records: mail scanners open every link), `POST` records the answer once.
 * The check-in's unsubscribe link (`/stop/{token}`) is the unsubscribe function's, as for invitations.
 */
export function makeCheckInHandler(deps: CheckInDeps) {
  const business = deps.config.business.name;
  /** The review sites, each through the business's own counting redirect (`/r/<token>`), as on the survey's thank-you page. */
  const reviewLinks = (keys: LinkSecret, event: HttpEvent) => reviewLinksFor(deps.config, keys, publicUrl(deps.config, event), 'page');

  const failure = (error: unknown, language: CheckInLanguage): HttpResult => {
    if (error instanceof GoneError) return page(410, checkInErrorPage(language, business, error.reason === 'answered' ? 'answered' : 'expired'), PAGE_CSP);
    if (error instanceof NotFoundError) return page(404, checkInErrorPage(language, business, 'not-found'), PAGE_CSP);
    const { status } = errorStatus(error);
    return page(status, checkInErrorPage(language, business, status === 404 ? 'not-found' : 'failed'), PAGE_CSP);
  };

  /** The language of the check-in a token names (its own, even before the record is read), else English. */
  const languageOf = async (token: string): Promise<CheckInLanguage> => {
    const link = verifyCheckInToken(await deps.secrets.linkKeys(), token, new Date(0));
    if (link === 'invalid' || link === 'expired') return 'en';
    const record = await deps.checkIns.get(link.caseId, link.handling);
    return record ? checkInLanguage(record.language, deps.config.followUp.languages) : 'en';
  };

  const answer = async (event: HttpEvent): Promise<HttpResult> => {
    const token = event.pathParameters?.token ?? '';
    const chosen = ANSWERS[event.pathParameters?.answer ?? ''];
    const language = await languageOf(token);
    if (!chosen) return page(404, checkInErrorPage(language, business, 'not-found'), PAGE_CSP);
    const keys = await deps.secrets.linkKeys();
    try {
      if (event.requestContext.http.method !== 'POST') {
        const record = await openCheckIn(token, keys, deps);
        return page(200, checkInAnswerPage({ language, businessName: business, answer: chosen, action: `/c/${token}/${chosen}`, ...(record.name ? { name: record.name } : {}), reviewLinks: reviewLinks(keys, event) }), PAGE_CSP);
      }
      const type = header(event, 'content-type') ?? '';
      const fields = /^application\/x-www-form-urlencoded\b/i.test(type) ? new URLSearchParams(readBody(event)) : new URLSearchParams();
      const publicUrl = deps.config.http.publicUrl ?? `http://127.0.0.1:${deps.config.http.port}`;
      await recordCheckInAnswer(token, chosen, fields.get('comment') ?? undefined, keys, deps, createFollowThroughLinks(keys, publicUrl, deps.now));
      return page(200, checkInThanksPage({ language, businessName: business, answer: chosen, reviewLinks: reviewLinks(keys, event) }), PAGE_CSP);
    } catch (error) {
      return failure(error, language);
    }
  };

  return async (event: HttpEvent): Promise<HttpResult> => {
    try {
      return await answer(event);
    } catch (error) {
      return failure(error, 'en');
    }
  };
}
