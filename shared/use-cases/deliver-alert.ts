import { logger } from '#shared/logger.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** How long one sender holds an alert before another may retry it (longer than an SES call). */
const ALERT_LEASE_MS = 60_000;

/** Backoff after the n-th failed attempt: 30 s doubling, at most 30 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/**
 * Sends one recorded alert exactly once. The lease (a conditional write) makes sure that
 * concurrent consumers never both send it; `markSent` closes it. Returns true when the alert is
 * sent (now or before), false when it stays pending for a retry.
 */
export async function deliverAlert(incidentKey: string, deps: Pick<Deps, 'alerts' | 'mailer' | 'now'>): Promise<boolean> {
  const alert = await deps.alerts.get(incidentKey);
  if (!alert) throw new Error(`alert ${incidentKey} is not recorded`);
  if (alert.status === 'sent') return true;
  if (!(await deps.alerts.claim(incidentKey, deps.now(), ALERT_LEASE_MS))) {
    // Another consumer holds the lease (or just sent it): it is not ours to send.
    const current = await deps.alerts.get(incidentKey);
    return current?.status === 'sent';
  }
  try {
    const { messageId } = await deps.mailer.send({
      to: alert.to,
      subject: alert.subject,
      html: alert.html,
      text: alert.text,
      headers: alert.headers,
    });
    await deps.alerts.markSent(incidentKey, messageId, deps.now());
    logger.info('alert sent', { incidentKey, kind: alert.kind });
    return true;
  } catch (error) {
    const next = new Date(deps.now().getTime() + retryDelayMs(alert.attempts + 1));
    await deps.alerts.markFailed(incidentKey, String(error), next);
    logger.warn('alert not sent; it stays pending', { incidentKey, error: String(error) });
    return false;
  }
}
