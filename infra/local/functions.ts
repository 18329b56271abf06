import type { FunctionKey } from '#infra/definitions.ts';
import type { AwsClients } from '#shared/adapters/client-options.ts';
import type { Config } from '#shared/config.ts';

/**
 * Each function's modules (its handler and its composition root), loaded on demand; `loadFunction`
 * loads them ahead of building, while what the function is built over is not ready yet.
 */
const LOCAL_MODULES = {
  orders: () => Promise.all([import('#functions/orders/make-handler.ts'), import('#functions/orders/deps.ts')]),
  survey: () => Promise.all([import('#functions/survey/make-handler.ts'), import('#functions/survey/deps.ts')]),
  processFeedback: () => Promise.all([import('#functions/process-feedback/make-handler.ts'), import('#functions/process-feedback/deps.ts')]),
  processUrgent: () => Promise.all([import('#functions/process-urgent/make-handler.ts'), import('#functions/process-urgent/deps.ts')]),
  sendInvitations: () => Promise.all([import('#functions/send-invitations/make-handler.ts'), import('#functions/send-invitations/deps.ts')]),
  deliverAlerts: () => Promise.all([import('#functions/deliver-alerts/make-handler.ts'), import('#functions/deliver-alerts/deps.ts')]),
  customers: () => Promise.all([import('#functions/customers/make-handler.ts'), import('#functions/customers/deps.ts')]),
  ingestEmail: () => Promise.all([import('#functions/ingest-email/make-handler.ts'), import('#functions/ingest-email/deps.ts')]),
  mentions: () => Promise.all([import('#functions/mentions/make-handler.ts'), import('#functions/mentions/deps.ts')]),
  pollMentions: () => Promise.all([import('#functions/poll-mentions/make-handler.ts'), import('#functions/poll-mentions/deps.ts')]),
  digest: () => Promise.all([import('#functions/digest/make-handler.ts'), import('#functions/digest/deps.ts')]),
  unsubscribe: () => Promise.all([import('#functions/unsubscribe/make-handler.ts'), import('#functions/unsubscribe/deps.ts')]),
  console: () => Promise.all([import('#functions/console/make-handler.ts'), import('#functions/console/deps.ts')]),
  mailEvents: () => Promise.all([import('#functions/mail-events/make-handler.ts'), import('#functions/mail-events/deps.ts')]),
  reconcile: () => Promise.all([import('#functions/reconcile/make-handler.ts'), import('#functions/reconcile/deps.ts')]),
  followThrough: () => Promise.all([import('#functions/follow-through/make-handler.ts'), import('#functions/follow-through/deps.ts')]),
  checkIn: () => Promise.all([import('#functions/check-in/make-handler.ts'), import('#functions/check-in/deps.ts')]),
} satisfies Record<FunctionKey, () => Promise<unknown>>;

/**
 * Each function's composition, loaded on demand: the same `makeXHandler(createXDeps(config, clients))` its
 * Lambda entry point runs, given the local stack's (or a test's) own configuration, so several
 * stacks in one process never share adapters. `now` is the clock of the functions that read the
 * owner's calendar (the console, the follow-through, the check-in pages, the digest): tests that
 * move time pass their own; the others read the real time.
 */
export const LOCAL_FUNCTIONS = {
  orders: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeOrdersHandler }, { createOrdersDeps }] = await LOCAL_MODULES.orders();
    return makeOrdersHandler(createOrdersDeps(config, clients));
  },
  survey: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeSurveyHandler }, { createSurveyDeps }] = await LOCAL_MODULES.survey();
    return makeSurveyHandler(createSurveyDeps(config, clients));
  },
  processFeedback: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeProcessFeedbackHandler }, { createProcessFeedbackDeps }] = await LOCAL_MODULES.processFeedback();
    return makeProcessFeedbackHandler(createProcessFeedbackDeps(config, clients));
  },
  processUrgent: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeProcessUrgentHandler }, { createProcessUrgentDeps }] = await LOCAL_MODULES.processUrgent();
    return makeProcessUrgentHandler(createProcessUrgentDeps(config, clients));
  },
  sendInvitations: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeSendInvitationsHandler }, { createSendInvitationsDeps }] = await LOCAL_MODULES.sendInvitations();
    return makeSendInvitationsHandler(createSendInvitationsDeps(config, clients));
  },
  deliverAlerts: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeDeliverAlertsHandler }, { createDeliverAlertsDeps }] = await LOCAL_MODULES.deliverAlerts();
    return makeDeliverAlertsHandler(createDeliverAlertsDeps(config, clients));
  },
  customers: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeCustomersHandler }, { createCustomersDeps }] = await LOCAL_MODULES.customers();
    return makeCustomersHandler(createCustomersDeps(config, clients));
  },
  ingestEmail: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeIngestEmailHandler }, { createIngestEmailDeps }] = await LOCAL_MODULES.ingestEmail();
    return makeIngestEmailHandler(createIngestEmailDeps(config, clients));
  },
  mentions: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeMentionsHandler }, { createMentionsDeps }] = await LOCAL_MODULES.mentions();
    return makeMentionsHandler(createMentionsDeps(config, clients));
  },
  pollMentions: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makePollMentionsHandler }, { createPollMentionsDeps }] = await LOCAL_MODULES.pollMentions();
    return makePollMentionsHandler(createPollMentionsDeps(config, clients));
  },
  digest: async (config: Config, clients: Partial<AwsClients> = {}, now?: () => Date) => {
    const [{ makeDigestHandler }, { createDigestDeps }] = await LOCAL_MODULES.digest();
    return makeDigestHandler(createDigestDeps(config, clients, now));
  },
  unsubscribe: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeUnsubscribeHandler }, { createUnsubscribeDeps }] = await LOCAL_MODULES.unsubscribe();
    return makeUnsubscribeHandler(createUnsubscribeDeps(config, clients));
  },
  console: async (config: Config, clients: Partial<AwsClients> = {}, now?: () => Date) => {
    const [{ makeConsoleHandler }, { createConsoleDeps }] = await LOCAL_MODULES.console();
    return makeConsoleHandler(createConsoleDeps(config, clients, now));
  },
  mailEvents: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeMailEventsHandler }, { createMailEventsDeps }] = await LOCAL_MODULES.mailEvents();
    return makeMailEventsHandler(createMailEventsDeps(config, clients));
  },
  reconcile: async (config: Config, clients: Partial<AwsClients> = {}) => {
    const [{ makeReconcileHandler }, { createReconcileDeps }] = await LOCAL_MODULES.reconcile();
    return makeReconcileHandler(createReconcileDeps(config, clients));
  },
  followThrough: async (config: Config, clients: Partial<AwsClients> = {}, now?: () => Date) => {
    const [{ makeFollowThroughHandler }, { createFollowThroughDeps }] = await LOCAL_MODULES.followThrough();
    return makeFollowThroughHandler(createFollowThroughDeps(config, clients, now));
  },
  checkIn: async (config: Config, clients: Partial<AwsClients> = {}, now?: () => Date) => {
    const [{ makeCheckInHandler }, { createCheckInDeps }] = await LOCAL_MODULES.checkIn();
    return makeCheckInHandler(createCheckInDeps(config, clients, now));
  },
} satisfies Record<FunctionKey, (config: Config, clients?: Partial<AwsClients>, now?: () => Date) => Promise<unknown>>;

/** The handler a function key builds (an HTTP, SQS or scheduled handler). */
export type LocalHandler<K extends FunctionKey> = Awaited<ReturnType<(typeof LOCAL_FUNCTIONS)[K]>>;

/** Builds one function's handler over `config` (and the clients given, shared with other functions; the clock given, if any). */
export function buildHandler<K extends FunctionKey>(key: K, config: Config, clients: Partial<AwsClients> = {}, now?: () => Date): Promise<LocalHandler<K>> {
  return (LOCAL_FUNCTIONS[key] as (config: Config, clients: Partial<AwsClients>, now?: () => Date) => Promise<LocalHandler<K>>)(config, clients, now);
}

/** Loads one function's modules without building it (a consumer thread loads while the emulators start). */
export async function loadFunction(key: FunctionKey): Promise<void> {
  await LOCAL_MODULES[key]();
}
