import { logger } from '#shared/logger.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { sendDueInvitations } from '#shared/use-cases/orders.ts';

/** What the invitation run uses. */
export type SendInvitationsDeps = Pick<Deps, 'orders' | 'mailer' | 'stats' | 'config' | 'now'>;

/** Scheduled: sends every survey invitation that is due. */
export function makeSendInvitationsHandler(deps: SendInvitationsDeps) {
  return async (): Promise<{ sent: number; failed: number }> => {
    const result = await sendDueInvitations(deps);
    if (result.sent || result.failed) logger.info('invitations run', result);
    return result;
  };
}
