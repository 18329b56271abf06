import { logger } from '#shared/logger.ts';
import type { CustomerOptOuts } from '#shared/ports/follow-through.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { sendDueInvitations } from '#shared/use-cases/orders.ts';

/**
 * What the invitation run uses: the orders, the mailer, the counters, the customers who unsubscribed,
 * and the link key (it signs each customer's unsubscribe link and the review links).
 */
export type SendInvitationsDeps = Pick<Deps, 'orders' | 'mailer' | 'stats' | 'config' | 'now'> & {
  optOuts: CustomerOptOuts;
  secrets: Pick<SecretSource, 'linkKeys'>;
};

/** Scheduled: sends every survey invitation that is due (none to a customer who unsubscribed). */
export function makeSendInvitationsHandler(deps: SendInvitationsDeps) {
  return async (): Promise<{ sent: number; failed: number; unsubscribed: number }> => {
    const result = await sendDueInvitations(deps, { linkSecret: await deps.secrets.linkKeys() });
    if (result.sent || result.failed || result.unsubscribed) logger.info('invitations run', result);
    return result;
  };
}
