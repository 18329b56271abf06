import { logger } from '#shared/logger.ts';
import type { OutgoingEmail } from '#shared/ports/mailer.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { leaseUntil } from '#shared/use-cases/deliver-alert.ts';

/** How long one sender holds a follow-through email before the next run may retry it. */
export const SEND_LEASE_MS = 60_000;

export type SendOnceResult = 'sent' | 'already-sent' | 'held' | 'failed' | 'nothing';

/**
 * Sends one scheduled email (a promise reminder, a check-in) exactly once, through the alert
 * outbox: the first run records it under `key` holding the lease (a conditional write), later runs
 * must take the lease, and `markSent` closes it, so two runs never both send it. The email is
 * rendered only once the lease is held, from the state at that moment (a promise edited before the
 * send shows its current text). A failed send keeps it pending: the lease runs out and the next run
 * of the schedule tries again. These emails never enter the alert sweep's index; their own
 * schedule owns the retries. `render` returning nothing means there is nothing to send any more.
 */
export async function sendOnce(
  key: string,
  meta: { kind: string; to: string[]; subject: string },
  render: () => Promise<OutgoingEmail | undefined>,
  deps: Pick<Deps, 'alerts' | 'mailer' | 'now'>,
): Promise<SendOnceResult> {
  const now = deps.now();
  const known = await deps.alerts.get(key);
  if (known?.status === 'sent') return 'already-sent';
  let holding = false;
  if (!known) {
    const recorded = await deps.alerts.record({
      incidentKey: key,
      kind: meta.kind,
      urgent: false,
      rateCounted: true,
      to: meta.to,
      subject: meta.subject,
      body: { html: '', text: '' },
      headers: {},
      status: 'pending',
      createdAt: now.toISOString(),
      attempts: 1,
      nextAttemptAt: now.toISOString(),
      feedbackIds: [],
      leaseUntil: leaseUntil(now),
    });
    if (recorded.status === 'sent') return 'already-sent';
    holding = recorded.created;
  }
  if (!holding && !(await deps.alerts.claim(key, now, SEND_LEASE_MS))) {
    return (await deps.alerts.get(key))?.status === 'sent' ? 'already-sent' : 'held';
  }
  let email: OutgoingEmail | undefined;
  try {
    email = await render();
  } catch (error) {
    logger.warn('scheduled email not rendered; the next run tries again', { key, error: String(error) });
    return 'failed';
  }
  if (!email) {
    await deps.alerts.delete(key);
    return 'nothing';
  }
  try {
    const { messageId } = await deps.mailer.send(email);
    await deps.alerts.markSent(key, messageId, deps.now());
    return 'sent';
  } catch (error) {
    logger.warn('scheduled email not sent; the next run tries again', { key, kind: meta.kind, error: String(error) });
    return 'failed';
  }
}
