import { logger } from '#shared/logger.ts';
import { deliverDueAlerts } from '#shared/use-cases/deliver-alert.ts';
import { deps } from '#shared/wiring.ts';

/** Scheduled: sends every pending alert that is due (retries, deferred and hourly batches). */
export const handler = async () => {
  const counts = await deliverDueAlerts(deps());
  if (Object.values(counts).some(Boolean)) logger.info('alert sweep', counts);
  return counts;
};
