import { customerLabel } from '#shared/domain/feedback.ts';
import type { CaseTimeline } from '#shared/ports/follow-through.ts';
import { actOnCase, type CaseDeps } from '#shared/use-cases/cases.ts';
import { followThroughView } from '#shared/use-cases/follow-through-hooks.ts';

/**
 * The case side of the follow-through, over the console's cases: promise and check-in steps go on
 * the case's timeline (and change what the inbox shows) through the same versioned writes as every
 * other case action; a "Not yet" opens the case again and puts its complaints back on the open list.
 */
export function caseTimeline(deps: CaseDeps): CaseTimeline {
  return {
    get: async (caseId) => {
      const record = await deps.cases.get(caseId);
      return record ? followThroughView(record, deps) : undefined;
    },
    record: async (caseId, event, eventId) => {
      if (!(await deps.cases.get(caseId))) return;
      await actOnCase(caseId, { kind: 'follow-through', event }, event.by, deps, eventId);
    },
    reopenNotPutRight: async (caseId, event, eventId) => {
      const { record } = await actOnCase(caseId, { kind: 'follow-through', event, reopen: true }, event.by, deps, eventId);
      for (const item of await deps.feedback.getMany(record.feedbackIds)) if (item.complaint) await deps.feedback.reopen(item);
    },
    slowestOpen: async () => {
      const record = await deps.cases.oldestOpen();
      return record ? { caseId: record.caseId, customer: customerLabel(record.customer), openedAt: record.openedAt } : undefined;
    },
  };
}
