import type { LinkSecret } from '#shared/domain/link-keys.ts';
import { checkInToken, customerOptOutToken, type CheckInAnswer } from '#shared/domain/check-in.ts';
import { ACTION_LINK_TTL_MS, actionToken } from '#shared/domain/console-tokens.ts';
import { PROMISE_LINK_TTL_MS, promiseKeptToken } from '#shared/domain/promise-link.ts';
import type { CaseTimeline, CheckInRepository, CustomerOptOuts, FigureStore, PromiseRepository } from '#shared/ports/follow-through.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/**
 * What the follow-through use cases (promises, reminders, check-ins, recovery figures) need: their
 * own repositories, the case side, the outbox and mailer for exactly-once email, the clock.
 */
export type FollowThroughDeps = Pick<Deps, 'config' | 'now' | 'alerts' | 'mailer' | 'rateLimiter' | 'stats'> & {
  promises: PromiseRepository;
  checkIns: CheckInRepository;
  figures: FigureStore;
  optOuts: CustomerOptOuts;
  cases: CaseTimeline;
};

/** The links the follow-through's emails carry; built with the deployment's link key. */
export interface FollowThroughLinks {
  /** The page a check-in answer link opens (`/c/<token>/yes`, `/c/<token>/not-yet`). */
  checkInUrl(link: { caseId: string; handling: number; expiresAt: Date }, answer: CheckInAnswer): string;
  /** The customer's one-click unsubscribe from survey and follow-up mail. */
  optOutUrl(email: string): string;
  /** The case in the console (sign-in first when needed). */
  caseUrl(caseId: string): string;
  /** `Open case` in an owner's email. */
  openCaseUrl(caseId: string, ownerEmail: string): string;
  /** `Kept` in a promise reminder: a confirmation page whose button marks the promise kept. */
  promiseKeptUrl(caseId: string, promiseId: string, ownerEmail: string): string;
}

/** The follow-through links of a deployment. */
export function createFollowThroughLinks(secret: LinkSecret, publicUrl: string, now: () => Date): FollowThroughLinks {
  const base = publicUrl.replace(/\/+$/, '');
  const caseUrl = (caseId: string) => `${base}/console/cases/${encodeURIComponent(caseId)}`;
  return {
    checkInUrl: (link, answer) => `${base}/c/${checkInToken(secret, link)}/${answer}`,
    optOutUrl: (email) => `${base}/stop/${customerOptOutToken(secret, email)}`,
    caseUrl,
    // The same signed `Open case` link as in alerts: a confirmation page, then the case (sign-in first when needed).
    openCaseUrl: (caseId, email) => `${base}/console/a/${actionToken(secret, { caseId, action: 'open', email, expiresAt: new Date(now().getTime() + ACTION_LINK_TTL_MS) })}`,
    promiseKeptUrl: (caseId, promiseId, email) =>
      `${base}/console/p/${promiseKeptToken(secret, { caseId, promiseId, email, expiresAt: new Date(now().getTime() + PROMISE_LINK_TTL_MS) })}`,
  };
}

/** How the owner sees a customer named: name, else email, else handle. */
export function customerName(customer: { name?: string; email?: string; handle?: string }): string {
  return customer.name?.trim() || customer.email?.trim() || customer.handle?.trim() || 'an unknown customer';
}
