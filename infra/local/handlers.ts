import type { FunctionKey } from '#infra/definitions.ts';

/**
 * The handler of each function, loaded on demand (after the local stack has set the environment),
 * exactly as Lambda loads `functions/<name>/handler.ts`.
 */
export const HANDLER_MODULES: Record<FunctionKey, () => Promise<{ handler: unknown }>> = {
  orders: () => import('#functions/orders/handler.ts'),
  survey: () => import('#functions/survey/handler.ts'),
  processFeedback: () => import('#functions/process-feedback/handler.ts'),
  sendInvitations: () => import('#functions/send-invitations/handler.ts'),
  deliverAlerts: () => import('#functions/deliver-alerts/handler.ts'),
  customers: () => import('#functions/customers/handler.ts'),
  ingestEmail: () => import('#functions/ingest-email/handler.ts'),
  mentions: () => import('#functions/mentions/handler.ts'),
  pollMentions: () => import('#functions/poll-mentions/handler.ts'),
  digest: () => import('#functions/digest/handler.ts'),
  unsubscribe: () => import('#functions/unsubscribe/handler.ts'),
  console: () => import('#functions/console/handler.ts'),
};
