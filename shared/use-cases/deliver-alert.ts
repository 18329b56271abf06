import { complaintAlertEmail } from '#shared/emails/complaint-alert.ts';
import { localDate } from '#shared/domain/week.ts';
import { alertBatchEmail } from '#shared/emails/alert-batch.ts';
import { logger } from '#shared/logger.ts';
import type { AlertBody, AlertState } from '#shared/ports/store.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { ALERT_LEASE_MS, nextHour, retryAt } from '#shared/domain/alert-delivery.ts';

export { leaseUntil, nextHour, retryDelayMs } from '#shared/domain/alert-delivery.ts';

export type DeliveryResult = 'sent' | 'already-sent' | 'held' | 'deferred' | 'failed';

/** Renders the email of an alert body (complaint alerts are stored as content). */
export function renderBody(body: AlertBody): { html: string; text: string } {
  return 'template' in body ? complaintAlertEmail(body.data) : body;
}

/**
 * Sends one recorded alert exactly once, moving it through the delivery lease
 * (shared/domain/alert-delivery.ts): claim (a conditional write, so concurrent consumers and the
 * retry sweep never both send it), then markSent, or markFailed with a backoff; a non-urgent alert
 * over the hourly cap is deferred to the next hour, and one another sender holds is deferred until
 * that lease ends. `claimed` says the caller recorded the alert with the lease already taken.
 */
export async function deliverAlert(
  incidentKey: string,
  deps: Pick<Deps, 'alerts' | 'mailer' | 'now' | 'rateLimiter' | 'config' | 'stats'>,
  /** The alert when the caller has just read or recorded it (saves reads). */
  known?: AlertState & { body?: AlertBody },
  options: { claimed?: boolean } = {},
): Promise<DeliveryResult> {
  const alert = known ?? (await deps.alerts.get(incidentKey));
  if (!alert) throw new Error(`alert ${incidentKey} is not recorded`);
  if (alert.status === 'sent') return 'already-sent';
  const now = deps.now();
  const needsPlace = !alert.urgent && !alert.rateCounted;
  if (needsPlace) {
    const hour = now.toISOString().slice(0, 13);
    const allowed = await deps.rateLimiter.take(`alerts:${hour}`, deps.config.alerts.maxNonUrgentPerHour, new Date(now.getTime() + 2 * 3_600_000));
    if (!allowed) {
      await deps.alerts.defer(incidentKey, nextHour(now), { releaseLease: options.claimed ?? false });
      logger.info('non-urgent alert deferred: hourly cap reached', { incidentKey });
      return 'deferred';
    }
  }
  if (!options.claimed && !(await deps.alerts.claim(incidentKey, now, ALERT_LEASE_MS, { rateCounted: needsPlace }))) {
    // Another sender holds the lease (or just sent it): not ours to send. In case that sender died,
    // the sweep looks again when its lease runs out.
    const current = await deps.alerts.get(incidentKey);
    if (current?.status === 'sent') return 'already-sent';
    await deps.alerts.defer(incidentKey, new Date(now.getTime() + ALERT_LEASE_MS), { releaseLease: false });
    return 'held';
  }
  let received: boolean;
  try {
    const body = known?.body ?? (await deps.alerts.body(incidentKey));
    if (!body) throw new Error(`alert ${incidentKey} has no body`);
    const { html, text } = renderBody(body);
    const { messageId } = await deps.mailer.send({ to: alert.to, subject: alert.subject, html, text, headers: alert.headers });
    await deps.alerts.markSent(incidentKey, messageId, deps.now());
    logger.info('alert sent', { incidentKey, kind: alert.kind });
    // Every owner address suppressed (bounced or complained): nobody received it.
    received = messageId !== 'suppressed';
  } catch (error) {
    const next = retryAt(options.claimed ? alert.attempts : alert.attempts + 1, deps.now());
    await deps.alerts.markFailed(incidentKey, String(error), next);
    logger.warn('alert not sent; it stays pending', { incidentKey, error: String(error), retryAt: next.toISOString() });
    return 'failed';
  }
  if (received) await countSent(alert, deps);
  return 'sent';
}

/**
 * Counts an alert email the owner received, on the local day it went out, for the digest. After
 * the send: a failure to count is logged, never a reason to send again.
 */
async function countSent(alert: Pick<AlertState, 'urgent' | 'incidentKey'>, deps: Pick<Deps, 'stats' | 'config' | 'now'>): Promise<void> {
  try {
    await deps.stats.count(localDate(deps.now(), deps.config.business.timeZone), { alert_emails: 1, ...(alert.urgent ? { alert_emails_urgent: 1 } : {}) });
  } catch (error) {
    logger.warn('alert sent but not counted for the digest', { incidentKey: alert.incidentKey, error: String(error) });
  }
}

/**
 * The retry sweep (scheduled): delivers every pending alert whose next attempt is due, so an alert
 * recorded before a crash, or refused by SES, is sent as soon as it can be.
 */
export async function deliverDueAlerts(
  deps: Pick<Deps, 'alerts' | 'mailer' | 'now' | 'rateLimiter' | 'config' | 'stats'>,
  options: { limit?: number } = {},
): Promise<Record<DeliveryResult, number>> {
  const counts: Record<DeliveryResult, number> = { sent: 0, 'already-sent': 0, held: 0, deferred: 0, failed: 0 };
  const due = await deps.alerts.listDue(deps.now(), options.limit ?? 100);
  const batched = due.filter((alert) => alert.batched && !alert.members);
  if (batched.length) {
    const batchKey = await recordBatch(batched, deps);
    counts[await deliverAlert(batchKey, deps)] += 1;
  }
  for (const alert of due) {
    if (alert.batched && !alert.members) continue;
    counts[await deliverAlert(alert.incidentKey, deps, alert)] += 1;
  }
  return counts;
}

/**
 * Folds the due first-complaint alerts (hourly batching) into one email per hour. The batch is
 * recorded in the outbox first, then its members are closed, so a crash in between neither loses
 * nor repeats one: the next sweep finds the same batch record and closes the same members.
 */
async function recordBatch(states: AlertState[], deps: Pick<Deps, 'alerts' | 'now' | 'config'>): Promise<string> {
  const now = deps.now();
  const members = await Promise.all(
    states.map(async (state) => {
      const body = await deps.alerts.body(state.incidentKey);
      return { ...state, text: body ? renderBody(body).text : state.subject };
    }),
  );
  const incidentKey = `batch:${now.toISOString().slice(0, 13)}`;
  const count = members.length;
  const subject = `New complaints: ${count} in the last hour`;
  const stored = await deps.alerts.record({
    incidentKey,
    kind: 'first-complaint',
    urgent: false,
    to: deps.config.owner.emails,
    subject,
    body: alertBatchEmail(subject, members.map((m) => m.text)),
    headers: { 'X-Earshot-Alert': 'first-complaint-batch', 'List-Id': members[0]!.headers['List-Id'] ?? 'Earshot alerts <alerts.earshot.local>' },
    rateCounted: true,
    status: 'pending',
    createdAt: now.toISOString(),
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    feedbackIds: members.flatMap((m) => m.feedbackIds),
    members: members.map((m) => m.incidentKey),
  });
  for (const member of stored.members ?? []) await deps.alerts.markSent(member, incidentKey, now);
  return incidentKey;
}
