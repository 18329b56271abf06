import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import * as z from '#shared/domain/schema.ts';
import { MAX_BODY_BYTES } from '#shared/http/limits.ts';
import { suggestedResponse } from '#shared/domain/alert-rules.ts';
import { isCaseId, type CaseRecord } from '#shared/domain/case.ts';
import type { Channel } from '#shared/domain/classification.ts';
import { sessionCookieValue, SESSION_TTL_MS, tokenHash, verifyActionToken } from '#shared/domain/console-tokens.ts';
import { ConflictError, GoneError, NotFoundError, PayloadTooLargeError, UnauthorizedError, ValidationError } from '#shared/errors.ts';
import { errorStatus } from '#shared/http/api.ts';
import { logger } from '#shared/logger.ts';
import { eraseCustomer, identityInputSchema, linkIdentity, toIdentity, viewCustomer } from '#shared/use-cases/customer-admin.ts';
import {
  addNote,
  createCaseLinks,
  finderFor,
  markCaseHandled,
  reopenCase,
  repliedElsewhere,
  sendReply,
  suggestedReply,
  type CaseLinks,
} from '#shared/use-cases/cases.ts';
import { checkSignInLink, isOwner, requestSignIn, safeNext, sessionFor, useSignInCode, useSignInLink } from '#shared/use-cases/console-auth.ts';
import { digestPeriod } from '#shared/use-cases/digest.ts';
import { linkQuotedOrder, quotedOrdersOf } from '#shared/use-cases/quoted-orders.ts';
import { sourceHealth } from '#shared/use-cases/source-health.ts';
import {
  actionConfirmPage,
  casePage,
  checkEmailPage,
  CONSOLE_CSP,
  consoleErrorPage,
  customerPage,
  erasedPage,
  eraseConfirmPage,
  handledPage,
  inboxPage,
  monitorPage,
  signInLinkPage,
  signInPage,
  type CustomerTimelineEntry,
  type PageFrame,
} from '#shared/web/console-pages.ts';
import type { ConsoleAuthRepository } from '#shared/ports/cases.ts';
import type { CheckInRepository, CustomerOptOuts, FigureStore, PromiseRepository } from '#shared/ports/follow-through.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';
import type { Deps, FollowThroughHookDeps } from '#shared/use-cases/deps.ts';
import { localDate } from '#shared/domain/week.ts';
import { verifyPromiseKeptToken } from '#shared/domain/promise-link.ts';
import { caseTimeline } from '#shared/use-cases/case-timeline.ts';
import { changePromiseDate, markPromiseKept, savePromise } from '#shared/use-cases/promises.ts';
import { promiseKeptConfirmPage, promiseKeptPage } from '#shared/web/promise-pages.ts';
import { figuresPage } from '#shared/web/figures-page.ts';
import { readFollowThroughDigest } from '#shared/use-cases/recovery-figures.ts';

/** Everything the console's routes use, passed in (tests build their own). */
export interface ConsoleDeps extends Omit<Deps, 'sources' | 'queue' | 'mentions' | 'surveys' | 'ledger'> {
  promises: PromiseRepository;
  checkIns: CheckInRepository;
  figures: FigureStore;
  optOuts: CustomerOptOuts;
  /** The follow-through's counters and check-ins, for the case actions that feed them. */
  followThrough: FollowThroughHookDeps;
  auth: ConsoleAuthRepository;
  /** The link keys (sessions, action links, reply tags) and the API key (`/v1/cases`). */
  secrets: Pick<SecretSource, 'apiKey' | 'linkKeys'>;
  /** Messages waiting in each dead-letter queue, for the monitor page (undefined when not configured). */
  deadLetters: () => Promise<Record<string, number> | undefined>;
}

type Env = { Variables: { owner?: { email: string; tokenHash: string } }; Bindings: { event?: { requestContext?: { http?: { sourceIp?: string } } } } };
type Ctx = Context<Env>;

const CHANNELS = ['survey', 'email', 'social'] as const;
const PAGE_SIZE = 25;

const NOTICES: Record<string, string> = {
  reply: 'Reply sent.',
  elsewhere: 'Recorded: you answered them elsewhere.',
  handled: 'Case marked handled.',
  'order-linked': "Linked: the sender is now the order's customer, with one history.",
  'already-handled': 'This case was handled already.',
  reopened: 'Case reopened.',
  note: 'Note added.',
  linked: 'Identity linked.',
  'signed-in': 'You are signed in.',
  promise: 'Promise saved. Earshot reminds you on the day it is due.',
  kept: 'Promise marked kept.',
  'already-kept': 'This promise was marked kept already.',
  changed: 'Promise changed.',
};

/** One answer to expect from JSON routes' bodies. */
const replyBody = z.object({ text: z.string().check(z.minLength(1), z.maxLength(20_000)) });
const noteBody = z.object({ text: z.string().check(z.minLength(1), z.maxLength(5000)) });
const linkOrderBody = z.object({ orderId: z.string().check(z.minLength(1), z.maxLength(128)) });
const handledBody = z._default(z.object({ whatWasDone: z.optional(z.string().check(z.maxLength(5000))) }), {});

/**
 * The owner's console and its JSON API, as one Hono app: sign-in by emailed link or code,
 * server-side sessions, the inbox, case, customer and monitor pages, one-click links from alert
 * emails, and `/v1/cases` for integrations (API key). Every page carries the strict CSP and
 * security headers; every state-changing form is checked against cross-site forgery (Origin and
 * Sec-Fetch-Site), so a forged cross-site POST gets 403 and changes nothing.
 */
export function makeConsoleApp(deps: ConsoleDeps): Hono<Env> {
  const app = new Hono<Env>();
  const publicUrl = (deps.config.http.publicUrl ?? `http://127.0.0.1:${deps.config.http.port}`).replace(/\/+$/, '');
  const origin = new URL(publicUrl).origin;
  const loopbackHttp = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i.test(origin);
  // `__Host-` binds the cookie to this host, Secure and path /; only plain-http loopback goes without.
  const cookieName = loopbackHttp ? 'earshot_session' : '__Host-earshot_session';
  const frame = (c: Ctx): PageFrame => ({
    businessName: deps.config.business.name,
    timeZone: deps.config.business.timeZone,
    ...(c.get('owner') ? { owner: c.get('owner')!.email } : {}),
  });
  // Built per request: the link keys change when they are rotated.
  // The follow-through's use cases see cases through the case timeline (promise and check-in steps).
  const followThrough = { ...deps, cases: caseTimeline(deps) };
  const caseLinks = async (): Promise<CaseLinks> => createCaseLinks(await deps.secrets.linkKeys(), deps.config, deps.now);
  const sourceIp = (c: Ctx) => c.env?.event?.requestContext?.http?.sourceIp ?? '127.0.0.1';
  const html = (c: Ctx, status: number, body: string) => c.html(body, status as 200);
  const setSession = (c: Ctx, value: string) =>
    setCookie(c, cookieName, value, { path: '/', httpOnly: true, secure: !loopbackHttp, sameSite: 'Lax', maxAge: Math.floor(SESSION_TTL_MS / 1000) });

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: Object.fromEntries(
        CONSOLE_CSP.split('; ').map((d) => {
          const [name, ...values] = d.split(' ');
          return [name!.replace(/-(\w)/g, (_, l: string) => l.toUpperCase()), values];
        }),
      ),
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
      strictTransportSecurity: loopbackHttp ? false : 'max-age=31536000; includeSubDomains',
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('*', async (c, next) => {
    const length = Number(c.req.header('content-length'));
    if (Number.isFinite(length) && length > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
    await next();
  });
  const isConsole = (path: string) => path === '/console' || path.startsWith('/console/');
  const forgeryCheck = csrf({ origin, secFetchSite: 'same-origin' });
  app.use('*', async (c, next) => (isConsole(c.req.path) ? forgeryCheck(c, next) : next()));
  const sessionCheck = async (c: Ctx, next: () => Promise<void>) => {
    const cookie = getCookie(c, cookieName);
    if (cookie) {
      const session = await sessionFor(cookie, await deps.secrets.linkKeys(), deps);
      if (session) {
        c.set('owner', { email: session.email, tokenHash: session.tokenHash });
        if (session.extended) setSession(c, cookie);
      } else {
        // Signed out, expired, revoked, or a cookie from another deployment: forget it.
        deleteCookie(c, cookieName, { path: '/', secure: !loopbackHttp });
      }
    }
    await next();
  };
  app.use('*', async (c, next) => (isConsole(c.req.path) ? sessionCheck(c, next) : next()));

  /** The signed-in owner, or a redirect to sign in that comes back here. */
  const requireOwner = (c: Ctx): string | Response => {
    const owner = c.get('owner');
    if (owner) return owner.email;
    const back = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : c.req.path.replace(/\/[a-z-]+$/, '');
    return c.redirect(`/console?next=${encodeURIComponent(safeNext(back))}`, 303);
  };
  const form = async (c: Ctx): Promise<Record<string, string>> => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/x-www-form-urlencoded\b|^multipart\/form-data\b/i.test(type)) throw new ValidationError('The form could not be read.');
    const body = await c.req.parseBody();
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
  };

  // Sign-in
  app.get('/console', async (c) => {
    if (!c.get('owner')) return html(c, 200, signInPage(frame(c), { next: safeNext(c.req.query('next')), ...(c.req.query('next')?.startsWith('/console/cases/') ? { reason: 'Sign in to open the case.' } : {}) }));
    return inbox(c);
  });
  app.post('/console/sign-in', async (c) => {
    const fields = await form(c);
    const email = (fields.email ?? '').trim().slice(0, 254);
    const next = safeNext(fields.next);
    if (!email.includes('@')) return html(c, 400, signInPage(frame(c), { next, error: 'Type your email address.' }));
    const sent = await requestSignIn({ email, next, ip: sourceIp(c), publicUrl }, deps);
    if (sent === 'limited') return html(c, 429, consoleErrorPage(frame(c), 429));
    return html(c, 200, checkEmailPage(frame(c), { email, next }));
  });
  app.get('/console/sign-in/:token', async (c) => {
    const token = c.req.param('token');
    const state = await checkSignInLink(token, deps);
    if (state === 'invalid') return html(c, 404, consoleErrorPage(frame(c), 404));
    if (state !== 'ok') return html(c, 410, consoleErrorPage(frame(c), 410, 'This sign-in link has expired or has been used already. Ask for a new one.'));
    return html(c, 200, signInLinkPage(frame(c), `/console/sign-in/${token}`));
  });
  app.post('/console/sign-in/:token', async (c) => {
    const used = await useSignInLink(c.req.param('token'), deps);
    if (used.result === 'invalid') return html(c, 404, consoleErrorPage(frame(c), 404));
    if (used.result !== 'ok') return html(c, 410, consoleErrorPage(frame(c), 410, 'This sign-in link has expired or has been used already. Ask for a new one.'));
    setSession(c, sessionCookieValue(await deps.secrets.linkKeys(), used.token));
    return c.redirect(used.next, 303);
  });
  app.post('/console/code', async (c) => {
    const fields = await form(c);
    const email = (fields.email ?? '').slice(0, 254);
    const next = safeNext(fields.next);
    const used = await useSignInCode({ email, code: fields.code ?? '', ip: sourceIp(c) }, deps);
    if (used.result === 'limited') return html(c, 429, consoleErrorPage(frame(c), 429));
    if (used.result !== 'ok') {
      const error = used.result === 'expired' ? 'This code no longer works. Ask for a new one.' : 'That code is not right. Check the email and try again.';
      return html(c, 400, checkEmailPage(frame(c), { email, next, error }));
    }
    setSession(c, sessionCookieValue(await deps.secrets.linkKeys(), used.token));
    return c.redirect(used.next, 303);
  });
  app.post('/console/sign-out', async (c) => {
    const owner = c.get('owner');
    if (owner) await deps.auth.deleteSession(owner.tokenHash);
    deleteCookie(c, cookieName, { path: '/', secure: !loopbackHttp });
    c.set('owner', undefined);
    return c.redirect('/console', 303);
  });

  // Inbox
  const inbox = async (c: Ctx) => {
    const handled = c.req.query('status') === 'handled';
    const channelQuery = c.req.query('channel');
    const channel = (CHANNELS as readonly string[]).includes(channelQuery ?? '') ? (channelQuery as Channel) : undefined;
    const query = (c.req.query('q') ?? '').trim().slice(0, 200);
    const after = c.req.query('after');
    const now = deps.now();
    if (query) {
      const found = new Map<string, CaseRecord>();
      for (const finder of finderFor(query)) for (const record of await deps.cases.find(finder, PAGE_SIZE)) found.set(record.caseId, record);
      const cases = [...found.values()].filter((r) => !channel || r.channel === channel).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
      return html(c, 200, inboxPage(frame(c), { cases, handled, query, now, ...(channel ? { channel } : {}) }));
    }
    const page = await deps.cases.list({ handled, limit: PAGE_SIZE, ...(channel ? { channel } : {}), ...(after ? { after } : {}) });
    return html(c, 200, inboxPage(frame(c), { cases: page.cases, handled, now, paged: Boolean(after), ...(channel ? { channel } : {}), ...(page.next ? { next: page.next } : {}) }));
  };

  // Case
  app.get('/console/cases/:id', async (c) => {
    const owner = requireOwner(c);
    if (typeof owner !== 'string') return owner;
    return showCase(c, c.req.param('id'), { notice: NOTICES[c.req.query('done') ?? ''] });
  });
  const showCase = async (c: Ctx, caseId: string, messages: { notice?: string | undefined; error?: string }, status = 200) => {
    const found = isCaseId(caseId) ? await deps.cases.withTimeline(caseId) : undefined;
    if (!found) return html(c, 404, consoleErrorPage(frame(c), 404, 'There is no such case.'));
    const { record, events } = found;
    const [items, profile, others] = await Promise.all([
      deps.feedback.getMany(record.feedbackIds.slice(-20)),
      record.customerId ? deps.customers.get(record.customerId) : Promise.resolve(undefined),
      record.customerId ? deps.cases.find({ kind: 'customer', value: record.customerId }, 11) : Promise.resolve([]),
    ]);
    items.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const orderIds = [...new Set([...record.orderIds, ...(profile?.orderIds ?? [])])].slice(0, 10);
    const orders = (await Promise.all(orderIds.map((id) => deps.orders.get(id)))).filter((o) => o !== undefined);
    const opening = items.find((i) => i.id === record.openedBy) ?? items[0];
    const language = opening?.classification.language ?? 'en';
    const [promises, checkIns, quotedOrders] = await Promise.all([deps.promises.listForCase(record.caseId), deps.checkIns.listForCase(record.caseId), quotedOrdersOf(items, deps)]);
    const now = deps.now();
    return html(
      c,
      status,
      casePage(frame(c), {
        record,
        events,
        items,
        ...(profile ? { profile } : {}),
        orders,
        quotedOrders,
        otherCases: others.filter((o) => o.caseId !== record.caseId).slice(0, 10),
        alerts: [],
        suggestedReply: suggestedReply(language, record.customer.name, deps.config.business.name),
        ...(record.channel === 'social' && opening ? { publicReply: suggestedResponse(opening) } : {}),
        canEmail: Boolean(record.customer.email),
        now,
        ...(messages.notice ? { notice: messages.notice } : {}),
        ...(messages.error ? { error: messages.error } : {}),
        followThrough: {
          panel: { base: `/console/cases/${record.caseId}`, promises, open: record.status !== 'handled', today: localDate(now, deps.config.business.timeZone), timeZone: deps.config.business.timeZone },
          checkIns,
          checkIn: deps.config.followUp,
        },
      }),
    );
  };
  app.post('/console/cases/:id/:action', async (c) => {
    const owner = requireOwner(c);
    if (typeof owner !== 'string') return owner;
    const caseId = c.req.param('id');
    if (!isCaseId(caseId) || !(await deps.cases.get(caseId))) return html(c, 404, consoleErrorPage(frame(c), 404, 'There is no such case.'));
    const fields = await form(c);
    const back = (done: string) => c.redirect(`/console/cases/${caseId}?done=${done}`, 303);
    try {
      switch (c.req.param('action')) {
        case 'reply':
          await sendReply(caseId, fields.reply ?? '', owner, deps, await caseLinks());
          return back('reply');
        case 'replied-elsewhere':
          await repliedElsewhere(caseId, owner, deps);
          return back('elsewhere');
        case 'handled': {
          // The case page's form says whether to check in with the customer (a ticked box); the
          // emailed one-click link and the API keep the default (check in).
          const checkIn = fields.checkInChoice === '1' ? fields.checkIn === 'yes' : undefined;
          return back((await markCaseHandled(caseId, fields.done, owner, deps, checkIn === undefined ? {} : { checkIn })).changed ? 'handled' : 'already-handled');
        }
        case 'promise':
          await savePromise(caseId, { text: fields.promise ?? '', dueDate: fields.due ?? '' }, owner, followThrough);
          return back('promise');
        case 'reopen':
          await reopenCase(caseId, owner, deps);
          return back('reopened');
        case 'note':
          await addNote(caseId, fields.note ?? '', owner, deps);
          return back('note');
        case 'link-order':
          await linkQuotedOrder(caseId, fields.order ?? '', owner, deps);
          return back('order-linked');
        default:
          return html(c, 404, consoleErrorPage(frame(c), 404));
      }
    } catch (error) {
      if (error instanceof ValidationError) return showCase(c, caseId, { error: error.message }, 400);
      throw error;
    }
  });

  // A promise on a case: kept, or changed (new date or wording, with a note)
  app.post('/console/cases/:id/promises/:promiseId/:action', async (c) => {
    const owner = requireOwner(c);
    if (typeof owner !== 'string') return owner;
    const caseId = c.req.param('id');
    const promiseId = c.req.param('promiseId');
    if (!isCaseId(caseId) || !(await deps.promises.get(caseId, promiseId))) return html(c, 404, consoleErrorPage(frame(c), 404, 'There is no such promise.'));
    const fields = await form(c);
    const back = (done: string) => c.redirect(`/console/cases/${caseId}?done=${done}`, 303);
    try {
      switch (c.req.param('action')) {
        case 'kept':
          return back((await markPromiseKept(caseId, promiseId, owner, followThrough)).changed ? 'kept' : 'already-kept');
        case 'changed':
          await changePromiseDate(caseId, promiseId, { dueDate: fields.due ?? '', note: fields.note ?? '', ...(fields.text !== undefined ? { text: fields.text } : {}) }, owner, followThrough);
          return back('changed');
        default:
          return html(c, 404, consoleErrorPage(frame(c), 404));
      }
    } catch (error) {
      if (error instanceof ValidationError) return showCase(c, caseId, { error: error.message }, 400);
      throw error;
    }
  });

  // Customer
  app.get('/console/customers/:id', async (c) => {
    const owner = requireOwner(c);
    if (typeof owner !== 'string') return owner;
    return showCustomer(c, c.req.param('id'), { notice: NOTICES[c.req.query('done') ?? ''] });
  });
  const showCustomer = async (c: Ctx, customerId: string, messages: { notice?: string | undefined; error?: string }, status = 200) => {
    const view = await viewCustomer(customerId, deps);
    const cases = await deps.cases.find({ kind: 'customer', value: view.customer.customerId }, 20);
    const timeline: CustomerTimelineEntry[] = [
      ...view.orders.map((o) => ({ at: o.purchasedAt, what: `Order ${o.orderId}${o.total !== undefined ? `, ${o.total.toFixed(2)}${o.currency ? ` ${o.currency}` : ''}` : ''}` })),
      ...view.feedback.map((f) => ({
        at: f.receivedAt,
        what: `${f.channel === 'survey' ? `Survey answer${f.score !== undefined ? ` (${f.score}/10)` : ''}` : f.channel === 'email' ? 'Email' : `Post on ${f.source ?? 'social media'}`}${f.complaint ? ', complaint' : ''}`,
        text: f.text.slice(0, 600),
        ...(f.caseId ? { href: `/console/cases/${f.caseId}` } : {}),
      })),
    ];
    for (const record of cases.slice(0, 10)) {
      const found = await deps.cases.withTimeline(record.caseId);
      for (const e of found?.events ?? []) {
        if (e.kind === 'opened' || e.kind === 'follow-up' || e.kind === 'customer-reply') continue;
        const names: Record<string, string> = {
          alert: 'Alert sent',
          reply: 'Reply sent',
          'replied-elsewhere': 'Replied elsewhere',
          handled: 'Marked handled',
          reopened: 'Reopened',
          note: 'Note',
          'promise-made': 'Promise made',
          'promise-kept': 'Promise kept',
          'promise-changed': 'Promise changed',
          'promise-overdue': 'Promise overdue',
          'check-in-sent': 'Check-in sent',
          'check-in-answered': 'Check-in answered',
          'check-in-unanswered': 'Check-in not answered',
          'check-in-cancelled': 'Check-in not sent',
          'order-linked': "Linked to the order's customer",
        };
        timeline.push({ at: e.at, what: `${names[e.kind] ?? e.kind} (${e.by})`, ...(e.text ? { text: e.text.slice(0, 600) } : {}), href: `/console/cases/${record.caseId}` });
      }
    }
    timeline.sort((a, b) => b.at.localeCompare(a.at));
    const profile = (await deps.customers.get(view.customer.customerId))!;
    return html(c, status, customerPage(frame(c), { profile, timeline, cases, now: deps.now(), ...(messages.notice ? { notice: messages.notice } : {}), ...(messages.error ? { error: messages.error } : {}) }));
  };
  app.post('/console/customers/:id/identities', async (c) => {
    const owner = requireOwner(c);
    if (typeof owner !== 'string') return owner;
    const fields = await form(c);
    const customerId = c.req.param('id');
    const parsed = identityInputSchema.safeParse({ type: fields.type, value: fields.value, ...(fields.source?.trim() ? { source: fields.source } : {}) });
    try {
      if (!parsed.success) throw new ValidationError('Give a handle, phone or email, and where a handle lives.');
      const profile = await linkIdentity(customerId, toIdentity(parsed.data), deps);
      return c.redirect(`/console/customers/${profile.customerId}?done=linked`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return showCustomer(c, customerId, { error: error.message }, 400);
      throw error;
    }
  });
  app.get('/console/customers/:id/erase', async (c) => {
    const owner = requireOwner(c);
    if (typeof owner !== 'string') return owner;
    const profile = await deps.customers.get(c.req.param('id'));
    if (!profile) throw new NotFoundError('no such customer');
    return html(c, 200, eraseConfirmPage(frame(c), profile));
  });
  app.post('/console/customers/:id/erase', async (c) => {
    const owner = requireOwner(c);
    if (typeof owner !== 'string') return owner;
    const erasure = await eraseCustomer(c.req.param('id'), deps);
    logger.info('customer erased from the console', { customerId: erasure.customerId });
    return html(c, 200, erasedPage(frame(c), erasure.removed));
  });

  // Figures: promises and recoveries, from the day counters (no scan), as in the digest
  app.get('/console/figures', async (c) => {
    const owner = requireOwner(c);
    if (typeof owner !== 'string') return owner;
    const period = digestPeriod(deps.now(), deps.config.business.timeZone, 'now');
    const followThroughFigures = await readFollowThroughDigest(followThrough, period.days);
    return html(c, 200, figuresPage(frame(c), { followThrough: followThroughFigures, firstDay: period.days[0]!, lastDay: period.days[period.days.length - 1]! }));
  });

  // Monitor
  app.get('/console/monitor', async (c) => {
    const owner = requireOwner(c);
    if (typeof owner !== 'string') return owner;
    const now = deps.now();
    const period = digestPeriod(now, deps.config.business.timeZone, 'now');
    const [days, sources, deadLetters, pending] = await Promise.all([
      Promise.all(period.days.map((day) => deps.digest.day(day))),
      sourceHealth(deps),
      deps.deadLetters().catch(() => undefined),
      deps.alerts.listDue(new Date(now.getTime() + 366 * 86_400_000), 50),
    ]);
    const setAside = days.flatMap((d) => d.setAside).sort((a, b) => b.at.localeCompare(a.at));
    return html(c, 200, monitorPage(frame(c), { setAside, sources, deadLetters, pendingAlerts: pending }));
  });

  // One-click links from alert emails
  const actionLink = async (c: Ctx) => {
    const link = verifyActionToken(await deps.secrets.linkKeys(), c.req.param('token') ?? '', deps.now());
    if (link === 'expired') return { error: html(c, 410, consoleErrorPage(frame(c), 410, 'This link has expired. Open the case from the console instead.')) };
    const record = link !== 'invalid' && isOwner(deps.config, link.email) ? await deps.cases.get(link.caseId) : undefined;
    if (link === 'invalid' || !record) return { error: html(c, 404, consoleErrorPage(frame(c), 404)) };
    return { link, record };
  };
  app.get('/console/a/:token', async (c) => {
    const found = await actionLink(c);
    if ('error' in found) return found.error;
    const usedAlready = found.link.action === 'handled' && (await deps.auth.actionLinkUsed(tokenHash(c.req.param('token'))));
    if (usedAlready) return html(c, 410, consoleErrorPage(frame(c), 410, 'This link has been used already.'));
    return html(c, 200, actionConfirmPage(frame(c), { action: found.link.action, record: found.record, postTo: c.req.path, handledAlready: found.record.status === 'handled' }));
  });
  app.post('/console/a/:token', async (c) => {
    const found = await actionLink(c);
    if ('error' in found) return found.error;
    const { link, record } = found;
    const caseUrl = `/console/cases/${record.caseId}`;
    if (link.action === 'open') return c.get('owner') ? c.redirect(caseUrl, 303) : c.redirect(`/console?next=${encodeURIComponent(caseUrl)}`, 303);
    // "Mark handled" works once, without a session, for this one case.
    // One conditional write decides, so two presses (or a scanner and the owner) act once.
    const firstUse = await deps.auth.useActionLink(tokenHash(c.req.param('token')), { email: link.email, caseId: record.caseId, validUntil: link.expiresAt }, deps.now());
    if (!firstUse) return html(c, 410, consoleErrorPage(frame(c), 410, 'This link has been used already.'));
    const fields = await form(c).catch(() => ({}) as Record<string, string>);
    const result = await markCaseHandled(record.caseId, fields.done, link.email, deps);
    return html(c, 200, handledPage(frame(c), result.record, result.changed));
  });

  // The `Kept` link of a promise reminder: a confirmation page; only its POST marks the promise kept
  // (without a session, for that one promise, like "Mark handled" from an alert).
  const keptLink = async (c: Ctx) => {
    const link = verifyPromiseKeptToken(await deps.secrets.linkKeys(), c.req.param('token') ?? '', deps.now());
    if (link === 'expired') return { error: html(c, 410, consoleErrorPage(frame(c), 410, 'This link has expired. Open the case from the console instead.')) };
    const record = link !== 'invalid' && isOwner(deps.config, link.email) && isCaseId(link.caseId) ? await deps.cases.get(link.caseId) : undefined;
    const promise = record && link !== 'invalid' ? await deps.promises.get(record.caseId, link.promiseId) : undefined;
    if (link === 'invalid' || !record || !promise) return { error: html(c, 404, consoleErrorPage(frame(c), 404)) };
    return { link, record, promise };
  };
  app.get('/console/p/:token', async (c) => {
    const found = await keptLink(c);
    if ('error' in found) return found.error;
    return html(c, 200, promiseKeptConfirmPage(frame(c), { record: found.record, promise: found.promise, postTo: c.req.path }));
  });
  app.post('/console/p/:token', async (c) => {
    const found = await keptLink(c);
    if ('error' in found) return found.error;
    const result = await markPromiseKept(found.record.caseId, found.promise.promiseId, found.link.email, followThrough);
    return html(c, 200, promiseKeptPage(frame(c), { record: found.record, promise: result.promise, changed: result.changed }));
  });

  // JSON API (API key), the same case actions for integrations
  app.use('/v1/*', async (c, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
    const given = tokenHash(match?.[1]?.trim() ?? '');
    if (given !== tokenHash(await deps.secrets.apiKey())) throw new UnauthorizedError('missing or invalid API key');
    await next();
  });
  const jsonBody = async <S extends z.ZodMiniType>(c: Ctx, schema: S): Promise<z.infer<S>> => {
    let value: unknown = {};
    const text = await c.req.text();
    if (text.trim()) {
      try {
        value = JSON.parse(text);
      } catch {
        throw new ValidationError('body: malformed JSON', 'body');
      }
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    return parsed.data;
  };
  const apiActor = 'API';
  app.get('/v1/cases', async (c) => {
    const handled = c.req.query('status') === 'handled';
    const channelQuery = c.req.query('channel');
    const channel = (CHANNELS as readonly string[]).includes(channelQuery ?? '') ? (channelQuery as Channel) : undefined;
    const q = (c.req.query('q') ?? '').trim();
    if (q) {
      const found = new Map<string, CaseRecord>();
      for (const finder of finderFor(q)) for (const record of await deps.cases.find(finder, PAGE_SIZE)) found.set(record.caseId, record);
      return c.json({ cases: [...found.values()] });
    }
    const after = c.req.query('after');
    const limit = Math.min(100, Math.max(1, Number(c.req.query('limit')) || PAGE_SIZE));
    return c.json(await deps.cases.list({ handled, limit, ...(channel ? { channel } : {}), ...(after ? { after } : {}) }));
  });
  app.get('/v1/cases/:id', async (c) => {
    const found = isCaseId(c.req.param('id')) ? await deps.cases.withTimeline(c.req.param('id')) : undefined;
    if (!found) throw new NotFoundError(`no case ${c.req.param('id')}`);
    return c.json({ case: found.record, events: found.events });
  });
  app.post('/v1/cases/:id/:action', async (c) => {
    const caseId = c.req.param('id');
    if (!isCaseId(caseId) || !(await deps.cases.get(caseId))) throw new NotFoundError(`no case ${caseId}`);
    switch (c.req.param('action')) {
      case 'reply':
        return c.json({ case: await sendReply(caseId, (await jsonBody(c, replyBody)).text, apiActor, deps, await caseLinks()) });
      case 'replied-elsewhere':
        return c.json({ case: await repliedElsewhere(caseId, apiActor, deps) });
      case 'handled': {
        const result = await markCaseHandled(caseId, (await jsonBody(c, handledBody)).whatWasDone, apiActor, deps);
        return c.json({ case: result.record, changed: result.changed });
      }
      case 'reopen': {
        const result = await reopenCase(caseId, apiActor, deps);
        return c.json({ case: result.record, changed: result.changed });
      }
      case 'notes':
        return c.json({ case: await addNote(caseId, (await jsonBody(c, noteBody)).text, apiActor, deps) });
      case 'link-order': {
        const result = await linkQuotedOrder(caseId, (await jsonBody(c, linkOrderBody)).orderId, apiActor, deps);
        return c.json({ case: result.record, changed: result.changed });
      }
      default:
        throw new NotFoundError('no such case action');
    }
  });

  app.notFound((c) => (c.req.path.startsWith('/v1/') ? c.json({ error: { code: 'not_found', message: 'no such route' } }, 404) : html(c, 404, consoleErrorPage(frame(c), 404, 'There is no such page.'))));
  app.onError((error, c) => {
    const status = error instanceof HTTPException ? error.status : errorStatus(error).status;
    if (c.req.path.startsWith('/v1/')) {
      const mapped = errorStatus(error instanceof HTTPException ? new UnauthorizedError('forbidden') : error);
      return c.json({ error: { code: status === 403 ? 'forbidden' : mapped.code, message: status === 403 ? 'cross-site request refused' : mapped.message } }, (status === 403 ? 403 : mapped.status) as 400);
    }
    if (!(error instanceof HTTPException) && !(error instanceof NotFoundError) && !(error instanceof ValidationError) && !(error instanceof ConflictError) && !(error instanceof GoneError)) {
      logger.error('console error', { path: c.req.path, error: error instanceof Error ? error.message : String(error) });
    }
    const code = error instanceof HTTPException ? error.status : errorStatus(error).status;
    return html(c, code, consoleErrorPage(frame(c), code, error instanceof ValidationError ? error.message : undefined));
  });
  return app;
}
