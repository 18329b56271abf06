import { verifyUnsubscribeToken } from '#shared/domain/unsubscribe-link.ts';
import { errorStatus, page, type HttpEvent, type HttpResult } from '#shared/http/api.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { html } from '#shared/web/html.ts';
import { PAGE_CSP, pageLayout } from '#shared/web/survey-pages.ts';

/** What the unsubscribe page uses. */
export type UnsubscribeDeps = Pick<Deps, 'digest' | 'config' | 'now'> & { secrets: SecretSource };

/**
 * `GET /u/{token}` asks to confirm; `POST /u/{token}` unsubscribes (the confirm button, and the
 * one-click `List-Unsubscribe-Post` of mail clients, RFC 8058). An unknown or tampered token is 404.
 */
export function makeUnsubscribeHandler(deps: UnsubscribeDeps) {
  async function answer(event: HttpEvent, business: string): Promise<HttpResult> {
    const token = event.pathParameters?.token ?? '';
    const email = verifyUnsubscribeToken(await deps.secrets.linkKeys(), token);
    if (!email) {
      return page(404, pageLayout('Link not valid', business, html`<h1>This link is not valid</h1><p>Check that you opened the whole link from the digest email.</p>`), PAGE_CSP);
    }
    if (event.requestContext.http.method === 'POST') {
      await deps.digest.unsubscribe(email, deps.now());
      return page(200, pageLayout('Unsubscribed', business, html`<h1>You are unsubscribed</h1><p>${email} will no longer receive the weekly digest. Alerts are not affected.</p>`), PAGE_CSP);
    }
    return page(
      200,
      pageLayout(
        'Unsubscribe',
        business,
        html`<h1>Stop the weekly digest?</h1><p>${email} will no longer receive the weekly digest of ${business}. Alerts are not affected.</p><form method="post" action="/u/${token}"><button type="submit">Unsubscribe</button></form>`,
      ),
      PAGE_CSP,
    );
  }

  return async (event: HttpEvent): Promise<HttpResult> => {
    const business = deps.config.business.name;
    try {
      return await answer(event, business);
    } catch (error) {
      const { status } = errorStatus(error);
      return page(status, pageLayout('Something went wrong', business, html`<h1>Something went wrong</h1><p>Please try the link again in a few minutes.</p>`), PAGE_CSP);
    }
  };
}
