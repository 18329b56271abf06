import { logger } from '#shared/logger.ts';
import { reconcileArchive, type ReconcileDeps, type ReconcileResult } from '#shared/use-cases/reconcile.ts';

export type { ReconcileDeps } from '#shared/use-cases/reconcile.ts';

/** What the schedule passes (nothing of use), or the local `/_local/run/reconcile` helper. */
export interface ReconcileEvent {
  /** Overrides the configured grace time (the local helper, to reconcile at once). */
  graceSeconds?: number;
}

/**
 * Scheduled (every 30 minutes in AWS, every 5 minutes locally): finds archived inputs that never
 * became a record and drives them through the pipeline again; counted in the digest's monitor section.
 */
export function makeReconcileHandler(deps: ReconcileDeps) {
  return async (event: ReconcileEvent = {}): Promise<ReconcileResult> => {
    const { graceMinutes, windowDays, maxAttempts } = deps.config.reconcile;
    const graceSeconds = typeof event?.graceSeconds === 'number' && event.graceSeconds >= 0 ? event.graceSeconds : graceMinutes * 60;
    const result = await reconcileArchive(deps, { graceMs: graceSeconds * 1000, windowDays, maxAttempts });
    logger.info('reconcile run', { ...result });
    return result;
  };
}
