import type { LinkSecret } from '#shared/domain/link-keys.ts';
import {
  answerCheckIn as applyAnswer,
  CHECK_IN_LINK_TTL_MS,
  CHECK_IN_WORDING,
  checkInKey,
  checkInLanguage,
  planCheckIn,
  verifyCheckInToken,
  type CheckInAnswer,
  type CheckInRecord,
} from '#shared/domain/check-in.ts';
import { FIGURE } from '#shared/domain/recovery-figures.ts';
import { localDate } from '#shared/domain/week.ts';
import { checkInEmail } from '#shared/emails/check-in.ts';
import { notPutRightEmail } from '#shared/emails/not-put-right.ts';
import { GoneError, NotFoundError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import type { CaseView, DayChange } from '#shared/ports/follow-through.ts';
import type { AlertRecord } from '#shared/ports/store.ts';
import { deliverAlert, leaseUntil } from '#shared/use-cases/deliver-alert.ts';
import { customerName, type FollowThroughDeps, type FollowThroughLinks } from '#shared/use-cases/follow-through.ts';
import { sendOnce } from '#shared/use-cases/send-once.ts';

/** The counter an outcome counts under. */
function outcomeCounter(record: Pick<CheckInRecord, 'status' | 'answer'>): string {
  if (record.status === 'unknown') return FIGURE.unknown;
  return record.answer === 'yes' ? FIGURE.recovered : FIGURE.notPutRight;
}

/**
 * Plans the check-in of a case just marked handled: one per handling, after the configured delay
 * (0: due at once), only to a customer with an email address who has not unsubscribed, and not
 * when follow-ups are off or the owner unticked it for this case. Returns the check-in, or why none.
 */
export async function scheduleCheckIn(
  view: CaseView,
  handling: { number: number; handledAt: Date; by: string; optedOutByOwner: boolean },
  deps: Pick<FollowThroughDeps, 'checkIns' | 'optOuts' | 'config'>,
): Promise<CheckInRecord | { skipped: 'off' | 'no-email' | 'not-for-this-case' | 'unsubscribed' }> {
  const settings = deps.config.followUp;
  const email = view.customer.email?.trim().toLowerCase();
  const plan = planCheckIn({ email, handledAt: handling.handledAt, optedOutByOwner: handling.optedOutByOwner }, settings);
  if ('skip' in plan) return { skipped: plan.skip };
  if (await deps.optOuts.isOptedOut(email!)) return { skipped: 'unsubscribed' };
  const record: CheckInRecord = {
    caseId: view.caseId,
    handling: handling.number,
    to: email!,
    ...(view.customer.name?.trim() ? { name: view.customer.name.trim().slice(0, 120) } : {}),
    language: checkInLanguage(view.language, settings.languages),
    handledAt: handling.handledAt.toISOString(),
    handledBy: handling.by,
    dueAt: plan.dueAt.toISOString(),
    status: 'scheduled',
  };
  if (!(await deps.checkIns.schedule(record))) return (await deps.checkIns.get(view.caseId, handling.number)) ?? record;
  return record;
}

/** Why a due check-in must not go out now, if it must not. */
async function reasonNotToSend(record: CheckInRecord, view: CaseView | undefined, deps: Pick<FollowThroughDeps, 'optOuts'>): Promise<string | undefined> {
  if (!view) return 'the case was erased';
  if (view.status !== 'handled' || view.handledAt !== record.handledAt) return 'the case was reopened before it was due';
  if (await deps.optOuts.isOptedOut(record.to)) return 'the customer unsubscribed';
  return undefined;
}

/**
 * Sends every check-in that is due, each exactly once (outbox and lease; a failed send is retried by
 * the next run), unless the case was erased or reopened meanwhile or the customer unsubscribed.
 * Returns how many went out.
 */
export async function sendDueCheckIns(deps: FollowThroughDeps, links: FollowThroughLinks, limit = 50): Promise<number> {
  let sent = 0;
  for (const due of await deps.checkIns.listDue(deps.now(), limit)) {
    const current = await deps.checkIns.get(due.caseId, due.handling);
    if (current?.status !== 'scheduled') continue;
    const view = await deps.cases.get(current.caseId);
    const reason = await reasonNotToSend(current, view, deps);
    const now = deps.now();
    if (reason) {
      if (await deps.checkIns.transition({ ...current, status: 'cancelled', cancelled: reason }, 'scheduled')) {
        await deps.alerts.delete(checkInKey(current.caseId, current.handling));
        if (view) await deps.cases.record(current.caseId, { kind: 'check-in-cancelled', at: now.toISOString(), by: 'Earshot', text: `Check-in not sent: ${reason}.` }, `${now.toISOString()}#check-in-${current.handling}-cancelled`);
      }
      continue;
    }
    const expiresAt = new Date(now.getTime() + CHECK_IN_LINK_TTL_MS);
    const link = { caseId: current.caseId, handling: current.handling, expiresAt };
    const result = await sendOnce(
      checkInKey(current.caseId, current.handling),
      { kind: 'check-in', to: [current.to], subject: CHECK_IN_WORDING[current.language].subject },
      async () =>
        checkInEmail({
          to: current.to,
          ...(current.name ? { name: current.name } : {}),
          language: current.language,
          businessName: deps.config.business.name,
          yesUrl: links.checkInUrl(link, 'yes'),
          notYetUrl: links.checkInUrl(link, 'not-yet'),
          unsubscribeUrl: links.optOutUrl(current.to),
        }),
      deps,
    );
    if (result !== 'sent' && result !== 'already-sent') continue;
    const next: CheckInRecord = { ...current, status: 'sent', sentAt: now.toISOString(), expiresAt: expiresAt.toISOString() };
    if (!(await deps.checkIns.transition(next, 'scheduled'))) continue;
    await deps.figures.add([{ day: localDate(now, deps.config.business.timeZone), counters: { [FIGURE.checkInsSent]: 1 } }]);
    await deps.cases.record(current.caseId, { kind: 'check-in-sent', at: now.toISOString(), by: 'Earshot', text: `Check-in sent to ${current.to}: "${CHECK_IN_WORDING[current.language].subject}"` }, `${now.toISOString()}#check-in-${current.handling}-sent`);
    sent += 1;
  }
  return sent;
}

/**
 * Counts a check-in's outcome for its case: the case counts once, by its latest answer, or as
 * unknown when none of its check-ins was answered. An answer takes the place of the case's earlier
 * outcome (which stops counting on its day); an unanswered check-in counts only when the case has
 * no outcome yet.
 */
async function countOutcome(record: CheckInRecord, deps: Pick<FollowThroughDeps, 'checkIns' | 'figures'>, others: CheckInRecord[]): Promise<void> {
  const changes: DayChange[] = [];
  const earlier = others.find((c) => c.counted && c.handling !== record.handling);
  if (earlier && record.status === 'answered' && (await deps.checkIns.uncount(earlier.caseId, earlier.handling)) && earlier.countedDay) {
    changes.push({ day: earlier.countedDay, counters: { [outcomeCounter(earlier)]: -1 } });
  }
  if (record.counted && record.countedDay) changes.push({ day: record.countedDay, counters: { [outcomeCounter(record)]: 1 } });
  await deps.figures.add(changes);
}

/** The check-in a link names, or the reason the link cannot be used (404 / 410). */
export async function openCheckIn(token: string, linkSecret: LinkSecret, deps: Pick<FollowThroughDeps, 'checkIns' | 'now'>): Promise<CheckInRecord> {
  const link = verifyCheckInToken(linkSecret, token, deps.now());
  if (link === 'invalid') throw new NotFoundError('no such check-in');
  const record = link === 'expired' ? undefined : await deps.checkIns.get(link.caseId, link.handling);
  if (link === 'expired') throw new GoneError('This link has expired.', 'expired');
  if (!record || record.status === 'scheduled' || record.status === 'cancelled') throw new NotFoundError('no such check-in');
  if (record.status === 'answered') throw new GoneError('This check-in was answered already.', 'answered');
  if (record.status === 'unknown' || (record.expiresAt && Date.parse(record.expiresAt) <= deps.now().getTime())) throw new GoneError('This link has expired.', 'expired');
  return record;
}

/**
 * Records the customer's answer to a check-in (the POST of the page its link opened; a GET never
 * records). Yes: the case is recovered. Not yet: the case reopens, urgent, and the owner gets
 * `URGENT: Not put right for <name or email>` with the comment and the case link. A link works
 * once: a second answer is refused (410).
 */
export async function recordCheckInAnswer(
  token: string,
  answer: CheckInAnswer,
  comment: string | undefined,
  linkSecret: LinkSecret,
  deps: FollowThroughDeps,
  links: FollowThroughLinks,
): Promise<CheckInRecord> {
  const current = await openCheckIn(token, linkSecret, deps);
  const now = deps.now();
  const next = applyAnswer(current, answer, comment, now);
  if (next === 'answered') throw new GoneError('This check-in was answered already.', 'answered');
  if (next === 'expired') throw new GoneError('This link has expired.', 'expired');
  if (next === 'not-sent') throw new NotFoundError('no such check-in');
  const counted: CheckInRecord = { ...next, counted: true, countedDay: localDate(now, deps.config.business.timeZone) };
  if (!(await deps.checkIns.transition(counted, 'sent'))) throw new GoneError('This check-in was answered already.', 'answered');
  await countOutcome(counted, deps, await deps.checkIns.listForCase(current.caseId));

  const view = await deps.cases.get(current.caseId);
  const who = view ? customerName(view.customer) : current.name || current.to;
  const said = counted.comment ? `: ${counted.comment}` : '';
  const event = {
    kind: 'check-in-answered' as const,
    at: now.toISOString(),
    by: who,
    answer,
    text: answer === 'yes' ? `Customer answered "Yes": put right. Case recovered${said}` : `Customer answered "Not yet": not put right${said}`,
  };
  const eventKey = `${now.toISOString()}#check-in-${current.handling}-answer`;
  if (answer === 'yes') {
    if (view) await deps.cases.record(current.caseId, event, eventKey);
    return counted;
  }
  if (view) await deps.cases.reopenNotPutRight(current.caseId, event, eventKey);
  await raiseNotPutRight(counted, who, view, deps, links);
  return counted;
}

/** The urgent alert for a "Not yet" answer, sent at once (retried by the alert sweep while SES fails). */
async function raiseNotPutRight(record: CheckInRecord, who: string, view: CaseView | undefined, deps: FollowThroughDeps, links: FollowThroughLinks): Promise<void> {
  const now = deps.now();
  const owner = deps.config.owner.emails[0]!;
  const email = notPutRightEmail({
    customer: who,
    ...(record.comment ? { comment: record.comment } : {}),
    ...(view?.whatWasDone ? { whatWasDone: view.whatWasDone } : {}),
    handledAt: record.handledAt,
    caseUrl: links.openCaseUrl(record.caseId, owner),
    timeZone: deps.config.business.timeZone,
  });
  const alert: AlertRecord = {
    incidentKey: `not-put-right:${record.caseId}:${record.handling}`,
    kind: 'not-put-right',
    urgent: true,
    to: deps.config.owner.emails,
    subject: email.subject,
    body: { html: email.html, text: email.text },
    headers: { 'X-Earshot-Alert': 'not-put-right', 'List-Id': 'Earshot alerts <alerts.earshot.local>', Importance: 'high', 'X-Priority': '1' },
    status: 'pending',
    createdAt: now.toISOString(),
    attempts: 1,
    nextAttemptAt: now.toISOString(),
    feedbackIds: [],
    leaseUntil: leaseUntil(now),
  };
  const stored = await deps.alerts.record(alert);
  const result = stored.created
    ? await deliverAlert(stored.incidentKey, deps, { ...stored, body: alert.body }, { claimed: true })
    : await deliverAlert(stored.incidentKey, deps, stored);
  logger.info('not put right alert', { caseId: record.caseId, result });
}

/**
 * Records as unknown every sent check-in whose links expired unanswered, once each, and counts it
 * when its case has no outcome yet. Returns how many.
 */
export async function expireCheckIns(deps: FollowThroughDeps, limit = 50): Promise<number> {
  let expired = 0;
  for (const candidate of await deps.checkIns.listExpired(deps.now(), limit)) {
    const current = await deps.checkIns.get(candidate.caseId, candidate.handling);
    if (current?.status !== 'sent') continue;
    const now = deps.now();
    const others = await deps.checkIns.listForCase(current.caseId);
    const hasOutcome = others.some((c) => c.counted && c.handling !== current.handling);
    const next: CheckInRecord = { ...current, status: 'unknown', ...(hasOutcome ? {} : { counted: true, countedDay: localDate(now, deps.config.business.timeZone) }) };
    if (!(await deps.checkIns.transition(next, 'sent'))) continue;
    await countOutcome(next, deps, others);
    if (await deps.cases.get(current.caseId)) {
      await deps.cases.record(current.caseId, { kind: 'check-in-unanswered', at: now.toISOString(), by: 'Earshot', text: 'No answer to the check-in within 14 days: recorded as unknown.' }, `${now.toISOString()}#check-in-${current.handling}-unknown`);
    }
    expired += 1;
  }
  return expired;
}

