import type { FunctionKey } from '#infra/definitions.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';

/**
 * Each function's composition, loaded on demand: the same `makeXHandler(createXDeps(config, clients))` its
 * Lambda entry point runs, given the local stack's (or a test's) own configuration, so several
 * stacks in one process never share adapters. `now` is the clock of the functions that read the
 * owner's calendar (the console, the follow-through, the check-in pages, the digest): tests that
 * move time pass their own; the others read the real time.
 */
export const LOCAL_FUNCTIONS = {
  orders: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeOrdersHandler }, { createOrdersDeps }] = await Promise.all([import('#functions/orders/make-handler.ts'), import('#functions/orders/deps.ts')]);
    return makeOrdersHandler(createOrdersDeps(config, clients));
  },
  survey: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeSurveyHandler }, { createSurveyDeps }] = await Promise.all([import('#functions/survey/make-handler.ts'), import('#functions/survey/deps.ts')]);
    return makeSurveyHandler(createSurveyDeps(config, clients));
  },
  processFeedback: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeProcessFeedbackHandler }, { createProcessFeedbackDeps }] = await Promise.all([
      import('#functions/process-feedback/make-handler.ts'),
      import('#functions/process-feedback/deps.ts'),
    ]);
    return makeProcessFeedbackHandler(createProcessFeedbackDeps(config, clients));
  },
  processUrgent: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeProcessUrgentHandler }, { createProcessUrgentDeps }] = await Promise.all([
      import('#functions/process-urgent/make-handler.ts'),
      import('#functions/process-urgent/deps.ts'),
    ]);
    return makeProcessUrgentHandler(createProcessUrgentDeps(config, clients));
  },
  sendInvitations: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeSendInvitationsHandler }, { createSendInvitationsDeps }] = await Promise.all([
      import('#functions/send-invitations/make-handler.ts'),
      import('#functions/send-invitations/deps.ts'),
    ]);
    return makeSendInvitationsHandler(createSendInvitationsDeps(config, clients));
  },
  deliverAlerts: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeDeliverAlertsHandler }, { createDeliverAlertsDeps }] = await Promise.all([
      import('#functions/deliver-alerts/make-handler.ts'),
      import('#functions/deliver-alerts/deps.ts'),
    ]);
    return makeDeliverAlertsHandler(createDeliverAlertsDeps(config, clients));
  },
  customers: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeCustomersHandler }, { createCustomersDeps }] = await Promise.all([import('#functions/customers/make-handler.ts'), import('#functions/customers/deps.ts')]);
    return makeCustomersHandler(createCustomersDeps(config, clients));
  },
  ingestEmail: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeIngestEmailHandler }, { createIngestEmailDeps }] = await Promise.all([
      import('#functions/ingest-email/make-handler.ts'),
      import('#functions/ingest-email/deps.ts'),
    ]);
    return makeIngestEmailHandler(createIngestEmailDeps(config, clients));
  },
  mentions: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeMentionsHandler }, { createMentionsDeps }] = await Promise.all([import('#functions/mentions/make-handler.ts'), import('#functions/mentions/deps.ts')]);
    return makeMentionsHandler(createMentionsDeps(config, clients));
  },
  pollMentions: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makePollMentionsHandler }, { createPollMentionsDeps }] = await Promise.all([
      import('#functions/poll-mentions/make-handler.ts'),
      import('#functions/poll-mentions/deps.ts'),
    ]);
    return makePollMentionsHandler(createPollMentionsDeps(config, clients));
  },
  digest: async (config: Config, clients: Partial<AwsClients> = {}, now?: () => Date) => {
    const [{ makeDigestHandler }, { createDigestDeps }] = await Promise.all([import('#functions/digest/make-handler.ts'), import('#functions/digest/deps.ts')]);
    return makeDigestHandler(createDigestDeps(config, clients, now));
  },
  unsubscribe: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeUnsubscribeHandler }, { createUnsubscribeDeps }] = await Promise.all([
      import('#functions/unsubscribe/make-handler.ts'),
      import('#functions/unsubscribe/deps.ts'),
    ]);
    return makeUnsubscribeHandler(createUnsubscribeDeps(config, clients));
  },
  console: async (config: Config, clients: Partial<AwsClients> = {}, now?: () => Date) => {
    const [{ makeConsoleHandler }, { createConsoleDeps }] = await Promise.all([import('#functions/console/make-handler.ts'), import('#functions/console/deps.ts')]);
    return makeConsoleHandler(createConsoleDeps(config, clients, now));
  },
  mailEvents: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeMailEventsHandler }, { createMailEventsDeps }] = await Promise.all([
      import('#functions/mail-events/make-handler.ts'),
      import('#functions/mail-events/deps.ts'),
    ]);
    return makeMailEventsHandler(createMailEventsDeps(config, clients));
  },
  reconcile: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeReconcileHandler }, { createReconcileDeps }] = await Promise.all([import('#functions/reconcile/make-handler.ts'), import('#functions/reconcile/deps.ts')]);
    return makeReconcileHandler(createReconcileDeps(config, clients));
  },
  followThrough: async (config: Config, clients: Partial<AwsClients> = {}, now?: () => Date) => {
    const [{ makeFollowThroughHandler }, { createFollowThroughDeps }] = await Promise.all([
      import('#functions/follow-through/make-handler.ts'),
      import('#functions/follow-through/deps.ts'),
    ]);
    return makeFollowThroughHandler(createFollowThroughDeps(config, clients, now));
  },
  checkIn: async (config: Config, clients: Partial<AwsClients> = {}, now?: () => Date) => {
    const [{ makeCheckInHandler }, { createCheckInDeps }] = await Promise.all([import('#functions/check-in/make-handler.ts'), import('#functions/check-in/deps.ts')]);
    return makeCheckInHandler(createCheckInDeps(config, clients, now));
  },
} satisfies Record<FunctionKey, (config: Config, clients?: Partial<AwsClients>, now?: () => Date) => Promise<unknown>>;

/** The handler a function key builds (an HTTP, SQS or scheduled handler). */
export type LocalHandler<K extends FunctionKey> = Awaited<ReturnType<(typeof LOCAL_FUNCTIONS)[K]>>;

/** Builds one function's handler over `config` (and the clients given, shared with other functions; the clock given, if any). */
export function buildHandler<K extends FunctionKey>(key: K, config: Config, clients: Partial<AwsClients> = {}, now?: () => Date): Promise<LocalHandler<K>> {
  return (LOCAL_FUNCTIONS[key] as (config: Config, clients: Partial<AwsClients>, now?: () => Date) => Promise<LocalHandler<K>>)(config, clients, now);
}
