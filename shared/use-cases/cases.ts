import { randomBytes } from 'node:crypto';
import {
  applyCaseAction,
  caseIdFor,
  CaseStateError,
  emailThreadOf,
  openCase,
  searchWords,
  type CaseAction,
  type CaseEvent,
  type CaseRecord,
} from '#shared/domain/case.ts';
import {
  ACTION_LINK_TTL_MS,
  actionToken,
  caseReplyAddress,
  verifyCaseReplyTag,
  type LinkAction,
} from '#shared/domain/console-tokens.ts';
import { customerLabel, type FeedbackRecord } from '#shared/domain/feedback.ts';
import type { LinkSecret } from '#shared/domain/link-keys.ts';
import { normaliseEmail, normalisePhone } from '#shared/domain/identity.ts';
import { NotFoundError, ValidationError } from '#shared/errors.ts';
import type { CaseFinder, CaseRepository } from '#shared/ports/cases.ts';
import type { CaseLinks } from '#shared/ports/cases.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { afterCaseAnswered, afterCaseHandled, afterCaseOpened, followThroughView, type FollowThroughHookDeps } from '#shared/use-cases/follow-through-hooks.ts';
import { headerSafe, html, multiline } from '#shared/web/html.ts';

/** What the case use cases need. */
export type CaseDeps = Pick<Deps, 'feedback' | 'now' | 'config'> & {
  cases: CaseRepository;
  /** The follow-through (figures counted as things happen, check-ins after a handling), where the function has it. */
  followThrough?: FollowThroughHookDeps;
};

export type { CaseLinks } from '#shared/ports/cases.ts';

/** The case links of this deployment. */
export function createCaseLinks(secret: LinkSecret, config: Pick<Deps['config'], 'http' | 'mail'>, now: () => Date): CaseLinks {
  const base = (config.http.publicUrl ?? `http://127.0.0.1:${config.http.port}`).replace(/\/+$/, '');
  return {
    caseUrl: (caseId) => `${base}/console/cases/${caseId}`,
    actionUrl: (caseId, action, email) =>
      `${base}/console/a/${actionToken(secret, { caseId, action, email, expiresAt: new Date(now().getTime() + ACTION_LINK_TTL_MS) })}`,
    replyAddress: (caseId) => (config.mail.inboundAddress ? caseReplyAddress(secret, config.mail.inboundAddress, caseId) : undefined),
    verifyReplyTag: (tag) => verifyCaseReplyTag(secret, tag),
  };
}

/** The search entries of a case: its customer's email, phone, orders, name words and customer id. */
export function caseFinders(record: CaseRecord): CaseFinder[] {
  const finders: CaseFinder[] = [];
  const email = record.customer.email ? normaliseEmail(record.customer.email) : undefined;
  if (email) finders.push({ kind: 'email', value: email });
  const phone = record.customer.phone ? normalisePhone(record.customer.phone) : undefined;
  if (phone) finders.push({ kind: 'phone', value: phone });
  for (const orderId of record.orderIds.slice(0, 10)) finders.push({ kind: 'order', value: orderId.trim().toUpperCase() });
  for (const word of searchWords(`${record.customer.name ?? ''} ${record.customer.handle ?? ''}`)) finders.push({ kind: 'name', value: word });
  if (record.customerId) finders.push({ kind: 'customer', value: record.customerId });
  return finders;
}

/** What the search box understands: an email, a phone number, an order number, or a name. */
export function finderFor(query: string): CaseFinder[] {
  const text = query.trim().slice(0, 200);
  if (!text) return [];
  const email = normaliseEmail(text);
  if (email) return [{ kind: 'email', value: email }];
  const finders: CaseFinder[] = [];
  if (/^[+(]?[\d\s().-]{7,20}$/.test(text)) {
    const phone = normalisePhone(text);
    if (phone) finders.push({ kind: 'phone', value: phone });
  }
  if (/\d/.test(text) && !/\s/.test(text)) finders.push({ kind: 'order', value: text.replace(/^#/, '').toUpperCase() });
  // A name: its longest word (the entries hold each word of the name), when it has letters.
  const words = searchWords(text).filter((w) => /[a-z]/.test(w) && !/\d/.test(w));
  if (words.length) finders.push({ kind: 'name', value: words.sort((a, b) => b.length - a.length)[0]! });
  return finders;
}

function eventId(now: Date, suffix?: string): string {
  return `${now.toISOString()}#${suffix ?? randomBytes(4).toString('hex')}`;
}

/**
 * Applies one action to a case and stores it with its timeline event, retrying on a concurrent
 * change (each try reads the case again). `id` makes system events idempotent (a redelivered
 * item writes the same event).
 */
export async function actOnCase(caseId: string, action: CaseAction, by: string, deps: CaseDeps, id?: string): Promise<{ record: CaseRecord; event: CaseEvent }> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = await deps.cases.get(caseId);
    if (!current) throw new NotFoundError(`no case ${caseId}`);
    const now = deps.now();
    const { next, event } = applyCaseAction(current, action, by, now, id ?? eventId(now));
    if (await deps.cases.save(next, event)) return { record: next, event };
  }
  throw new Error(`case ${caseId} kept changing; try again`);
}

/** The case an item opens or joins, decided before the item is recorded (so it carries the id). */
export interface CasePlacement {
  caseId: string;
  /** Whether the item opens the case (else it joins `caseId`). */
  opens: boolean;
}

/**
 * Where a processed item belongs: a follow-up of an incident joins the case of the item it
 * follows; any other complaint, or an item with an urgent cue, opens its own case.
 */
export async function placeItem(
  item: Pick<FeedbackRecord, 'id' | 'complaint' | 'classification'>,
  followUpOf: string | undefined,
  deps: CaseDeps,
): Promise<CasePlacement | undefined> {
  const needsCase = item.complaint || (item.classification.urgent && item.classification.cues.length > 0);
  if (!needsCase) return undefined;
  if (followUpOf) {
    const parent = await deps.feedback.get(followUpOf);
    const parentCase = parent?.caseId ? await deps.cases.get(parent.caseId) : undefined;
    if (parentCase) return { caseId: parentCase.caseId, opens: false };
  }
  return { caseId: caseIdFor(item.id), opens: true };
}

/**
 * Opens the case of an item that opens one (its state only: one write, before any alert about it
 * goes out, so the alert's links work at once). Safe to run again.
 */
export async function openCaseOf(item: FeedbackRecord, placement: CasePlacement, urgent: boolean, deps: CaseDeps): Promise<void> {
  if (placement.opens) await deps.cases.create(openCase(item, urgent, deps.now()));
}

/**
 * Records a processed item on its case: the opening event and search entries of a new case, or the
 * follow-up on an existing one, and the alerts it raised. Safe to run again for the same item:
 * events are keyed by the item.
 */
export async function recordOnCase(
  item: FeedbackRecord,
  placement: CasePlacement,
  alerts: Array<{ incidentKey: string; subject: string; urgent: boolean }>,
  deps: CaseDeps,
): Promise<void> {
  const urgent = item.classification.urgent || alerts.some((a) => a.urgent);
  if (placement.opens) {
    const record = openCase(item, urgent, deps.now());
    await deps.cases.create(record);
    if (deps.followThrough) await afterCaseOpened(record, deps.followThrough);
    const event: CaseEvent = { caseId: record.caseId, eventId: `${item.receivedAt}#1-item-${item.id}`, at: item.receivedAt, kind: 'opened', by: 'Earshot', feedbackId: item.id };
    await deps.cases.index(record, event, caseFinders(record));
  } else {
    const current = await deps.cases.get(placement.caseId);
    if (current && !current.feedbackIds.includes(item.id)) {
      const thread = emailThreadOf(item);
      await actOnCase(placement.caseId, { kind: 'follow-up', feedbackId: item.id, urgent, ...(thread ? { emailThread: thread } : {}) }, 'Earshot', deps, `${item.receivedAt}#1-item-${item.id}`);
    }
  }
  for (const alert of alerts) {
    const current = await deps.cases.get(placement.caseId);
    if (!current || current.alertKeys.includes(alert.incidentKey)) continue;
    await actOnCase(placement.caseId, { kind: 'alert', ...alert }, 'Earshot', deps, `${item.receivedAt}#2-alert-${alert.incidentKey}`);
  }
}

/** The case a verified reply tag routes to, when it exists. */
export async function caseForReplyTag(tag: string | undefined, links: CaseLinks | undefined, deps: CaseDeps): Promise<CaseRecord | undefined> {
  if (!tag || !links) return undefined;
  const caseId = links.verifyReplyTag(tag);
  return caseId ? deps.cases.get(caseId) : undefined;
}

/** Records a customer's answer to the owner's reply on its case: the case reopens and waits for the owner. */
export async function recordCustomerReply(caseId: string, item: FeedbackRecord, urgent: boolean, deps: CaseDeps): Promise<CaseRecord> {
  const current = await deps.cases.get(caseId);
  if (current?.feedbackIds.includes(item.id)) return current;
  const thread = emailThreadOf(item);
  const { record } = await actOnCase(
    caseId,
    { kind: 'customer-reply', feedbackId: item.id, urgent, text: item.text.slice(0, 2000), ...(thread ? { emailThread: thread } : {}) },
    customerLabel(item.customer),
    deps,
    `${item.receivedAt}#1-item-${item.id}`,
  );
  return record;
}

/** A note on a case (shown on its timeline only). */
export async function addNote(caseId: string, text: string, by: string, deps: CaseDeps): Promise<CaseRecord> {
  const note = text.trim();
  if (!note) throw new ValidationError('Note: write something first.', 'note');
  return (await actOnCase(caseId, { kind: 'note', text: note.slice(0, 5000) }, by, deps)).record;
}

/** Records that the owner answered by phone or from their own mail, without sending anything. */
export async function repliedElsewhere(caseId: string, by: string, deps: CaseDeps): Promise<CaseRecord> {
  return answered((await actOnCase(caseId, { kind: 'replied-elsewhere' }, by, deps)).record, deps);
}

/** Counts the case's first answer for the figures (once per case, whenever it is seen first). */
async function answered(record: CaseRecord, deps: CaseDeps): Promise<CaseRecord> {
  if (deps.followThrough && record.firstResponseAt) await afterCaseAnswered(record, record.firstResponseAt, deps.followThrough);
  return record;
}

/**
 * Marks a case handled (with what was done) and takes its complaints off the digest's open list;
 * the follow-through plans the check-in to the customer (unless `checkIn` is false: the owner
 * unticked it). Handling a handled case changes nothing and says so.
 */
export async function markCaseHandled(
  caseId: string,
  whatWasDone: string | undefined,
  by: string,
  deps: CaseDeps,
  options: { checkIn?: boolean } = {},
): Promise<{ record: CaseRecord; changed: boolean }> {
  try {
    const text = whatWasDone?.trim().slice(0, 5000);
    const { record } = await actOnCase(caseId, { kind: 'handled', ...(text ? { text } : {}) }, by, deps);
    for (const id of record.feedbackIds) await deps.feedback.markHandled(id, deps.now());
    if (deps.followThrough) {
      const handling = { number: record.version, handledAt: new Date(record.handledAt!), by, optedOutByOwner: options.checkIn === false, ...(record.firstResponseAt ? { firstResponseAt: record.firstResponseAt } : {}) };
      await afterCaseHandled(await followThroughView(record, deps), handling, deps.followThrough);
    }
    return { record, changed: true };
  } catch (error) {
    if (error instanceof CaseStateError) return { record: (await deps.cases.get(caseId))!, changed: false };
    throw error;
  }
}

/** Reopens a handled case; its complaints are open again in the digest. */
export async function reopenCase(caseId: string, by: string, deps: CaseDeps): Promise<{ record: CaseRecord; changed: boolean }> {
  try {
    const { record } = await actOnCase(caseId, { kind: 'reopen' }, by, deps);
    for (const item of await deps.feedback.getMany(record.feedbackIds)) if (item.complaint) await deps.feedback.reopen(item);
    return { record, changed: true };
  } catch (error) {
    if (error instanceof CaseStateError) return { record: (await deps.cases.get(caseId))!, changed: false };
    throw error;
  }
}

/** Only characters a Message-ID may hold, so nothing the customer's mail said can shape a header. */
function safeMessageId(id: string | undefined): string | undefined {
  return id && /^[\x21-\x3b\x3d\x3f-\x7e]{1,250}$/.test(id) && id.includes('@') ? id : undefined;
}

/** The email a reply from the console sends: to the customer's own address, from the business. */
export function replyEmail(record: CaseRecord, text: string, deps: Pick<Deps, 'config'>, links: CaseLinks) {
  const to = record.customer.email ? normaliseEmail(record.customer.email) : undefined;
  if (!to) throw new ValidationError('This customer has no email address to reply to.', 'reply');
  const business = headerSafe(deps.config.business.name, 80).replace(/["\\]/g, '');
  const address = deps.config.mail.replyFrom ?? deps.config.mail.from;
  const messageId = safeMessageId(record.emailThread?.messageId);
  const threadId = safeMessageId(record.emailThread?.threadId);
  const references = [...new Set([threadId, messageId].filter(Boolean))].map((id) => `<${id}>`).join(' ');
  const replyTo = links.replyAddress(record.caseId);
  // Nothing the customer wrote goes into a header: the subject names the business only.
  const subject = record.channel === 'email' ? `Re: your email to ${business}` : record.channel === 'survey' ? `Your feedback to ${business}` : `A message from ${business}`;
  return {
    to: [to],
    from: `"${business}" <${address}>`,
    subject,
    text,
    html: html`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${subject}</title></head><body><div style="font:16px/1.5 Arial,Helvetica,sans-serif;color:#18181b;max-width:36rem;">${multiline(text)}</div></body></html>`.value,
    headers: {
      ...(messageId ? { 'In-Reply-To': `<${messageId}>`, References: references } : {}),
      'X-Earshot-Case': record.caseId,
    },
    ...(replyTo ? { replyTo: [replyTo] } : {}),
  };
}

/** Sends the owner's reply to the customer and records it on the case. */
export async function sendReply(
  caseId: string,
  text: string,
  by: string,
  deps: CaseDeps & Pick<Deps, 'mailer'>,
  links: CaseLinks,
): Promise<CaseRecord> {
  const body = text.replace(/\r\n/g, '\n').trim();
  if (!body) throw new ValidationError('Reply: write the reply first.', 'reply');
  if (body.length > 20_000) throw new ValidationError('Reply: keep it under 20,000 characters.', 'reply');
  const record = await deps.cases.get(caseId);
  if (!record) throw new NotFoundError(`no case ${caseId}`);
  const { messageId } = await deps.mailer.send(replyEmail(record, body, deps, links));
  return answered((await actOnCase(caseId, { kind: 'reply', text: body, messageId }, by, deps)).record, deps);
}

const FIRST_RESPONSES: Record<string, (name: string, business: string) => string> = {
  en: (name, business) =>
    `Hello ${name},\n\nThank you for telling us, and I am sorry about what happened. That is not how we want anyone to feel after dealing with ${business}.\n\nI would like to put it right. Could you tell me a good time to call you, or reply to this email with what would help most?\n\nBest regards,\n${business}`,
  de: (name, business) =>
    `Hallo ${name},\n\nvielen Dank, dass Sie uns das geschrieben haben, und es tut mir leid, was passiert ist. So soll sich bei ${business} niemand fühlen.\n\nIch möchte das wiedergutmachen. Wann kann ich Sie am besten anrufen, oder was würde Ihnen am meisten helfen?\n\nViele Grüße\n${business}`,
  fr: (name, business) =>
    `Bonjour ${name},\n\nMerci de nous l'avoir signalé, et je suis désolé de ce qui s'est passé. Ce n'est pas ce que nous voulons chez ${business}.\n\nJe souhaite arranger les choses. Quand puis-je vous appeler, ou que pourrions-nous faire pour vous ?\n\nBien cordialement,\n${business}`,
  es: (name, business) =>
    `Hola ${name}:\n\nGracias por contárnoslo, y siento mucho lo que pasó. No es lo que queremos en ${business}.\n\nMe gustaría solucionarlo. ¿Cuándo puedo llamarle, o qué le ayudaría más?\n\nUn saludo,\n${business}`,
};

/** The suggested first response, in the customer's language when there is a template for it. */
export function suggestedReply(language: string, customerName: string | undefined, business: string): string {
  const first = customerName?.trim().split(/\s+/)[0];
  const template = FIRST_RESPONSES[language] ?? FIRST_RESPONSES.en!;
  const greeting = first ?? ({ de: 'und guten Tag', fr: '', es: '' } as Record<string, string>)[language] ?? 'there';
  return template(greeting, business).replace(/ ,/g, ',').replace(/Bonjour ,/, 'Bonjour,').replace(/Hola :/, 'Hola:').replace('Hallo und guten Tag', 'Guten Tag');
}
