import { localDate } from '#shared/domain/week.ts';
import { emailLayout } from '#shared/emails/layout.ts';
import { logger } from '#shared/logger.ts';
import type { AlertRecord } from '#shared/ports/store.ts';
import { html } from '#shared/web/html.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** How long one sender holds an alert before another may retry it (longer than an SES call). */
const ALERT_LEASE_MS = 60_000;

/** Backoff after the n-th failed attempt: 15 s doubling, at most 15 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
}

/** The start of the next hour: when a capped or batched alert goes out. */
export function nextHour(now: Date): Date {
  const next = new Date(now);
  next.setUTCMinutes(0, 0, 0);
  next.setUTCHours(next.getUTCHours() + 1);
  return next;
}

export type DeliveryResult = 'sent' | 'already-sent' | 'held' | 'deferred' | 'failed';

/**
 * Sends one recorded alert exactly once. The lease (a conditional write) makes sure concurrent
 * consumers and the retry sweep never both send it; `markSent` closes it. A failed send stays
 * pending with a backoff; a non-urgent alert over the hourly cap waits for the next hour.
 */
export async function deliverAlert(
  incidentKey: string,
  deps: Pick<Deps, 'alerts' | 'mailer' | 'now' | 'rateLimiter' | 'stats' | 'config'>,
): Promise<DeliveryResult> {
  const alert = await deps.alerts.get(incidentKey);
  if (!alert) throw new Error(`alert ${incidentKey} is not recorded`);
  if (alert.status === 'sent') return 'already-sent';
  const now = deps.now();
  if (!(await deps.alerts.claim(incidentKey, now, ALERT_LEASE_MS))) {
    // Another sender holds the lease (or just sent it): it is not ours to send.
    return (await deps.alerts.get(incidentKey))?.status === 'sent' ? 'already-sent' : 'held';
  }
  if (!alert.urgent && !alert.rateCounted) {
    const hour = now.toISOString().slice(0, 13);
    const allowed = await deps.rateLimiter.take(`alerts:${hour}`, deps.config.alerts.maxNonUrgentPerHour, new Date(now.getTime() + 2 * 3_600_000));
    if (!allowed) {
      await deps.alerts.defer(incidentKey, nextHour(now));
      logger.info('non-urgent alert deferred: hourly cap reached', { incidentKey });
      return 'deferred';
    }
    await deps.alerts.markRateCounted(incidentKey);
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
    await deps.stats.count(localDate(deps.now(), deps.config.business.timeZone), { alerts_sent: 1, alerts_urgent: alert.urgent ? 1 : 0 });
    logger.info('alert sent', { incidentKey, kind: alert.kind });
    return 'sent';
  } catch (error) {
    const next = new Date(deps.now().getTime() + retryDelayMs(alert.attempts + 1));
    await deps.alerts.markFailed(incidentKey, String(error), next);
    logger.warn('alert not sent; it stays pending', { incidentKey, error: String(error), retryAt: next.toISOString() });
    return 'failed';
  }
}

/**
 * The retry sweep (scheduled): delivers every pending alert whose next attempt is due, so an alert
 * recorded before a crash, or refused by SES, is sent as soon as it can be.
 */
export async function deliverDueAlerts(
  deps: Pick<Deps, 'alerts' | 'mailer' | 'now' | 'rateLimiter' | 'stats' | 'config'>,
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
    counts[await deliverAlert(alert.incidentKey, deps)] += 1;
  }
  return counts;
}

/**
 * Folds the due first-complaint alerts (hourly batching) into one email per hour. The batch is
 * recorded in the outbox first, then its members are closed, so a crash in between neither loses
 * nor repeats one: the next sweep finds the same batch record and closes the same members.
 */
async function recordBatch(members: AlertRecord[], deps: Pick<Deps, 'alerts' | 'now' | 'config'>): Promise<string> {
  const now = deps.now();
  const incidentKey = `batch:${now.toISOString().slice(0, 13)}`;
  const count = members.length;
  const subject = `New complaints: ${count} in the last hour`;
  const stored = await deps.alerts.record({
    incidentKey,
    kind: 'first-complaint',
    urgent: false,
    to: deps.config.owner.emails,
    subject,
    text: [subject, '', ...members.map((m) => `${m.text}\n\n----------------------------------------\n`)].join('\n'),
    html: emailLayout({
      title: subject,
      body: html`<p style="margin:0 0 8px;font-size:20px;font-weight:bold;">${subject}</p>
${members.map((m) => html`<hr style="border:0;border-top:1px solid #e4e4e7;margin:16px 0;"><pre style="white-space:pre-wrap;font-family:Arial,Helvetica,sans-serif;font-size:14px;margin:0;">${m.text}</pre>`)}`,
    }),
    headers: { 'X-Earshot-Alert': 'first-complaint-batch', 'List-Id': members[0]!.headers['List-Id'] ?? 'Earshot alerts <alerts.earshot.local>' },
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
