import type { LinkSecret } from '#shared/domain/link-keys.ts';
import { identitiesOf } from '#shared/domain/identity.ts';
import { orderCounters } from '#shared/domain/stats.ts';
import { localDate } from '#shared/domain/week.ts';
import { inviteTime, normaliseEmail, type Order, type OrderInput } from '#shared/domain/order.ts';
import { createSurveyToken, surveyUrl } from '#shared/domain/survey-link.ts';
import { brandingOf } from '#shared/domain/branding.ts';
import { customerOptOutToken } from '#shared/domain/check-in.ts';
import { customerOptOutUrl } from '#shared/domain/unsubscribe-link.ts';
import { invitationEmail } from '#shared/emails/invitation.ts';
import { logger } from '#shared/logger.ts';
import { resolveCustomer } from '#shared/use-cases/customers.ts';
import { reviewLinksFor } from '#shared/use-cases/review-links.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import type { CustomerOptOuts, FigureStore } from '#shared/ports/follow-through.ts';
import { countWinBack } from '#shared/use-cases/recovery-figures.ts';

/** The answer to an order: where its survey lives and when the invitation goes out. */
export interface OrderAccepted {
  created: boolean;
  orderId: string;
  surveyUrl: string;
  inviteAt: string;
}

/**
 * Records an order and schedules its survey invitation. Idempotent per orderId: the same order
 * again returns the first survey link and schedules nothing new.
 */
export async function acceptOrder(
  input: OrderInput,
  deps: Pick<Deps, 'orders' | 'customers' | 'feedback' | 'stats' | 'config' | 'now'> & { figures?: FigureStore },
  linkSecret: LinkSecret,
  publicUrl: string,
): Promise<OrderAccepted> {
  const now = deps.now();
  const purchasedAt = input.purchasedAt ? new Date(input.purchasedAt) : now;
  const { surveyId, token } = createSurveyToken(linkSecret);
  const url = surveyUrl(publicUrl, token);
  const inviteAt = inviteTime(purchasedAt, deps.config.survey.inviteDelayHours);
  const order: Order = {
    orderId: input.orderId,
    email: normaliseEmail(input.customer.email),
    ...(input.customer.name ? { name: input.customer.name } : {}),
    ...(input.customer.phone ? { phone: input.customer.phone } : {}),
    ...(input.total !== undefined ? { total: input.total } : {}),
    ...(input.currency ? { currency: input.currency } : {}),
    purchasedAt: purchasedAt.toISOString(),
    inviteAt: inviteAt.toISOString(),
    surveyId,
    surveyUrl: url,
    createdAt: now.toISOString(),
  };
  // The link lives for its TTL counted from when the invitation is sent, not from the order.
  const linkExpiresAt = new Date(Math.max(inviteAt.getTime(), now.getTime()) + deps.config.survey.linkTtlDays * 86_400_000);
  const result = await deps.orders.create(order, {
    surveyId,
    orderId: order.orderId,
    email: order.email,
    ...(order.name ? { name: order.name } : {}),
    createdAt: order.createdAt,
    linkExpiresAt: linkExpiresAt.toISOString(),
  });
  const stored = result.created ? order : result.existing;
  // The order joins the customer's profile (by email and phone), once per order id.
  const customer = await resolveCustomer(
    identitiesOf({ email: stored.email, ...(stored.phone ? { phone: stored.phone } : {}) }, [stored.orderId]),
    stored.name,
    deps,
  );
  const returning = (customer?.orderCount ?? 0) > 0;
  const counted = customer ? await deps.customers.addOrder(customer.customerId, stored.orderId, stored.total, stored.currency) : result.created;
  if (counted) {
    await deps.stats.count(localDate(new Date(stored.purchasedAt), deps.config.business.timeZone), orderCounters(stored, returning));
    // A customer who complained in the 60 days before this order came back: won back.
    if (customer && deps.figures) await countWinBack(customer.customerId, await deps.customers.complaints(customer.customerId), stored.purchasedAt, { figures: deps.figures, config: deps.config });
  }
  return { created: result.created, orderId: stored.orderId, surveyUrl: stored.surveyUrl, inviteAt: stored.inviteAt };
}

/** How long one sender holds an invitation before another may retry it. */
const INVITE_LEASE_MS = 2 * 60_000;

/** The public base a survey link was made with (`https://feedback.example/s/<token>` -> `https://feedback.example`). */
function publicBaseOf(surveyUrl: string): string {
  return surveyUrl.replace(/\/s\/[^/]*$/, '');
}

/**
 * Sends every survey invitation that is due. Each is claimed with a lease first, so concurrent or
 * overlapping runs never send one twice; a failed send is released and retried on the next run.
 */
export async function sendDueInvitations(
  deps: Pick<Deps, 'orders' | 'mailer' | 'stats' | 'config' | 'now'> & { optOuts: CustomerOptOuts },
  options: { linkSecret: LinkSecret; limit?: number },
): Promise<{ sent: number; failed: number; unsubscribed: number }> {
  const due = await deps.orders.listDueInvitations(deps.now(), options.limit ?? 100);
  const business = brandingOf(deps.config.business);
  let sent = 0;
  let failed = 0;
  let unsubscribed = 0;
  for (const order of due) {
    if (!(await deps.orders.claimInvitation(order.orderId, deps.now(), INVITE_LEASE_MS))) continue;
    try {
      // A customer who unsubscribed (from an invitation's or a check-in's one-click link) gets no
      // survey mail: the invitation is settled without being sent.
      if (await deps.optOuts.isOptedOut(order.email)) {
        await deps.orders.markInvited(order.orderId, deps.now(), 'unsubscribed');
        logger.info('invitation not sent: the customer unsubscribed', { orderId: order.orderId });
        unsubscribed += 1;
        continue;
      }
      const base = publicBaseOf(order.surveyUrl);
      const result = await deps.mailer.send(
        invitationEmail({
          to: order.email,
          ...(order.name ? { name: order.name } : {}),
          business,
          surveyUrl: order.surveyUrl,
          unsubscribeUrl: customerOptOutUrl(base, customerOptOutToken(options.linkSecret, order.email)),
          reviewLinks: deps.config.reviews.inInvitation ? reviewLinksFor(deps.config, options.linkSecret, base, 'email') : [],
        }),
      );
      await deps.orders.markInvited(order.orderId, deps.now());
      // An address that bounced for good or complained gets nothing: done, but not counted as sent.
      if (result.messageId === 'suppressed') continue;
      await deps.stats.count(localDate(deps.now(), deps.config.business.timeZone), { invitations_sent: 1 });
      sent += 1;
    } catch (error) {
      failed += 1;
      logger.error('invitation failed; released for the next run', { orderId: order.orderId, error: String(error) });
      await deps.orders.releaseInvitation(order.orderId);
    }
  }
  return { sent, failed, unsubscribed };
}
