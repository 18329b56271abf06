import { logger } from '#shared/logger.ts';
import { deliverDueAlerts } from '#shared/use-cases/deliver-alert.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** What the alert sweep uses. */
export type DeliverAlertsDeps = Pick<Deps, 'alerts' | 'mailer' | 'rateLimiter' | 'stats' | 'config' | 'now'>;

/** Scheduled: sends every pending alert that is due (retries, deferred and hourly batches). */
export function makeDeliverAlertsHandler(deps: DeliverAlertsDeps) {
  return async () => {
    const counts = await deliverDueAlerts(deps);
    if (Object.values(counts).some(Boolean)) logger.info('alert sweep', counts);
    return counts;
  };
}
