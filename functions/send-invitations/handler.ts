import { logger } from '#shared/logger.ts';
import { sendDueInvitations } from '#shared/use-cases/orders.ts';
import { deps } from '#shared/wiring.ts';

/** Scheduled: sends every survey invitation that is due. */
export const handler = async (): Promise<{ sent: number; failed: number }> => {
  const result = await sendDueInvitations(deps());
  if (result.sent || result.failed) logger.info('invitations run', result);
  return result;
};
