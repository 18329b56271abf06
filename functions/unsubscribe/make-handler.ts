import { brandingOf, type Branding } from '#shared/domain/branding.ts';
import { verifyCustomerOptOutToken } from '#shared/domain/check-in.ts';
import { verifyUnsubscribeToken } from '#shared/domain/unsubscribe-link.ts';
import { errorStatus, page, type HttpEvent, type HttpResult } from '#shared/http/api.ts';
import type { CustomerOptOuts } from '#shared/ports/follow-through.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { html, type SafeHtml } from '#shared/web/html.ts';
import { pageCsp, pageLayout } from '#shared/web/survey-pages.ts';

/** What the unsubscribe pages use: the digest's bookkeeping, the customers' opt-outs, the link key. */
export type UnsubscribeDeps = Pick<Deps, 'digest' | 'config' | 'now'> & { optOuts: CustomerOptOuts; secrets: Pick<SecretSource, 'linkKeys'> };

/**
 * A GET asks to confirm; a POST unsubscribes (the confirm button, and the one-click
 * `List-Unsubscribe-Post` of mail clients, RFC 8058). `/u/{token}`, an owner's link, stops the
 * weekly digest; `/stop/{token}`, a customer's link from a survey invitation or a check-in, stops
 * every survey and follow-up email to them. An unknown or tampered token is 404.
 */
export function makeUnsubscribeHandler(deps: UnsubscribeDeps) {
  const business = brandingOf(deps.config.business);
  const name = business.name;

  /** A page in the business's look, with the matching Content Security Policy. */
  function respond(status: number, title: string, content: SafeHtml): HttpResult {
    return page(status, pageLayout(title, business, content), pageCsp(business));
  }

  const notValid = () => respond(404, 'Link not valid', html`<h1>This link is not valid</h1><p>Check that you opened the whole link from the email.</p>`);

  async function answer(event: HttpEvent): Promise<HttpResult> {
    const token = event.pathParameters?.token ?? '';
    const post = event.requestContext.http.method === 'POST';
    const keys = await deps.secrets.linkKeys();

    if (event.routeKey.endsWith(' /stop/{token}')) {
      const customer = verifyCustomerOptOutToken(keys, token);
      if (!customer) return notValid();
      if (post) {
        await deps.optOuts.optOut(customer, deps.now());
        return respond(200, 'Unsubscribed', html`<h1>You are unsubscribed</h1><p>${customer} will get no more survey or follow-up emails from ${name}.</p>`);
      }
      return respond(
        200,
        'Unsubscribe',
        html`<h1>Stop survey emails?</h1><p>${customer} will get no more emails from ${name} asking for feedback or checking how things went.</p><form method="post" action="/stop/${token}"><button type="submit">Unsubscribe</button></form>`,
      );
    }

    const email = verifyUnsubscribeToken(keys, token);
    if (!email) return notValid();
    if (post) {
      await deps.digest.unsubscribe(email, deps.now());
      return respond(200, 'Unsubscribed', html`<h1>You are unsubscribed</h1><p>${email} will no longer receive the weekly digest. Alerts are not affected.</p>`);
    }
    return respond(
      200,
      'Unsubscribe',
      html`<h1>Stop the weekly digest?</h1><p>${email} will no longer receive the weekly digest of ${name}. Alerts are not affected.</p><form method="post" action="/u/${token}"><button type="submit">Unsubscribe</button></form>`,
    );
  }

  return async (event: HttpEvent): Promise<HttpResult> => {
    try {
      return await answer(event);
    } catch (error) {
      const { status } = errorStatus(error);
      return respond(status, 'Something went wrong', html`<h1>Something went wrong</h1><p>Please try the link again in a few minutes.</p>`);
    }
  };
}
