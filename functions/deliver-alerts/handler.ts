import { createDeliverAlertsDeps } from '#functions/deliver-alerts/deps.ts';
import { makeDeliverAlertsHandler } from '#functions/deliver-alerts/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the alert sweep: its adapters are built once per container. */
export const handler = makeDeliverAlertsHandler(createDeliverAlertsDeps(loadConfig()));
