import type { Config } from '#shared/config.ts';
import type { LinkSecret } from '#shared/domain/link-keys.ts';
import { reviewLinkToken, reviewLinkUrl, reviewSiteId, verifyReviewLinkToken, type ReviewLink, type ReviewLinkPlace } from '#shared/domain/review-link.ts';
import { localDate } from '#shared/domain/week.ts';
import { NotFoundError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/**
 * The business's review sites as a page or email shows them: each through the business's own
 * signed redirect, which counts the click. The same list for every customer, whatever their score.
 */
export function reviewLinksFor(config: Pick<Config, 'reviews'>, linkSecret: LinkSecret, publicUrl: string, place: ReviewLinkPlace): ReviewLink[] {
  return config.reviews.links.map((link) => ({ name: link.name, url: reviewLinkUrl(publicUrl, reviewLinkToken(linkSecret, reviewSiteId(link.name), place)) }));
}

/**
 * Follows a review link (`GET /r/<token>`): checks the signature, counts the click on the local day
 * (in total and per site, for the digest) and returns the site's address from the configuration.
 * A tampered token or a site no longer configured is NotFoundError. A click that cannot be counted
 * still reaches the site.
 */
export async function followReviewLink(token: string, deps: Pick<Deps, 'config' | 'stats' | 'now'>, linkSecret: LinkSecret): Promise<string> {
  const verified = verifyReviewLinkToken(linkSecret, token);
  const link = verified && deps.config.reviews.links.find((l) => reviewSiteId(l.name) === verified.siteId);
  if (!verified || !link) throw new NotFoundError('this review link is not valid');
  try {
    await deps.stats.count(localDate(deps.now(), deps.config.business.timeZone), {
      review_clicks: 1,
      [`review_clicks_${verified.siteId}`]: 1,
      [`review_clicks_${verified.place}`]: 1,
    });
  } catch (error) {
    logger.warn('review link followed but not counted', { siteId: verified.siteId, error: String(error) });
  }
  return link.url;
}
