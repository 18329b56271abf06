import { createReconcileDeps } from '#functions/reconcile/deps.ts';
import { makeReconcileHandler } from '#functions/reconcile/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the reconciler: its adapters are built once per container. */
export const handler = makeReconcileHandler(createReconcileDeps(loadConfig()));
