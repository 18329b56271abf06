import type { CaseRecord } from '#shared/domain/case.ts';
import type { CheckInRecord } from '#shared/domain/check-in.ts';
import type { Deps, FollowThroughHookDeps } from '#shared/use-cases/deps.ts';
import type { CaseView } from '#shared/ports/follow-through.ts';
import { scheduleCheckIn } from '#shared/use-cases/check-ins.ts';
import { countCaseOpened, countFirstAnswer, countFirstHandled } from '#shared/use-cases/recovery-figures.ts';

/**
 * What the follow-through does when something happens to a case: the case side calls these after
 * it stored the change, so the figures count as things happen (each once per case) and a handled
 * case gets its check-in.
 */
export type { FollowThroughHookDeps } from '#shared/use-cases/deps.ts';
type HookDeps = FollowThroughHookDeps;

/** A complaint case was opened. */
export async function afterCaseOpened(view: Pick<CaseView, 'caseId' | 'openedAt'>, deps: HookDeps): Promise<void> {
  await countCaseOpened(view.caseId, view.openedAt, deps);
}

/** The owner answered the customer for the first time (a reply sent, or "Replied elsewhere"). */
export async function afterCaseAnswered(view: Pick<CaseView, 'caseId' | 'openedAt'>, answeredAt: string, deps: HookDeps): Promise<void> {
  await countFirstAnswer(view.caseId, view.openedAt, answeredAt, deps);
}

/**
 * The owner marked the case handled: a handled mark counts as an answer when nothing answered the
 * customer before; the case leaves the "not put right" list; its check-in is planned (unless the
 * owner unticked it, follow-ups are off, or the customer has no email or unsubscribed).
 */
export async function afterCaseHandled(
  view: CaseView,
  handling: { number: number; handledAt: Date; by: string; optedOutByOwner: boolean; firstResponseAt?: string },
  deps: HookDeps,
): Promise<CheckInRecord | { skipped: string }> {
  const handledAt = handling.handledAt.toISOString();
  await deps.checkIns.resolveNotPutRight(view.caseId, handling.handledAt);
  await countFirstAnswer(view.caseId, view.openedAt, handling.firstResponseAt && handling.firstResponseAt < handledAt ? handling.firstResponseAt : handledAt, deps);
  await countFirstHandled(view.caseId, view.openedAt, handledAt, deps);
  return scheduleCheckIn(view, handling, deps);
}

/** What the follow-through sees of a stored case (the customer's language from the item that opened it). */
export async function followThroughView(record: CaseRecord, deps: Pick<Deps, 'feedback'>): Promise<CaseView> {
  const opening = await deps.feedback.get(record.openedBy);
  return {
    caseId: record.caseId,
    status: record.status,
    customer: record.customer,
    ...(record.customerId ? { customerId: record.customerId } : {}),
    openedAt: record.openedAt,
    ...(record.handledAt ? { handledAt: record.handledAt } : {}),
    ...(record.whatWasDone ? { whatWasDone: record.whatWasDone } : {}),
    ...(opening ? { language: opening.classification.language } : {}),
  };
}
