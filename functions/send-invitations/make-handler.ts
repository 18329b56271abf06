import { logger } from '#shared/logger.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import type { CustomerOptOuts } from '#shared/ports/follow-through.ts';
import { sendDueInvitations } from '#shared/use-cases/orders.ts';

/** What the invitation run uses. */
export type SendInvitationsDeps = Pick<Deps, 'orders' | 'mailer' | 'stats' | 'config' | 'now'> & { optOuts: CustomerOptOuts };

/** Scheduled: sends every survey invitation that is due. */
export function makeSendInvitationsHandler(deps: SendInvitationsDeps) {
  return async (): Promise<{ sent: number; failed: number }> => {
    const result = await sendDueInvitations(deps);
    if (result.sent || result.failed) logger.info('invitations run', result);
    return result;
  };
}
