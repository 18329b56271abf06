import {
  codeHash,
  isRandomToken,
  MAX_CODE_ATTEMPTS,
  randomToken,
  SESSION_TTL_MS,
  signInCode,
  SIGN_IN_TTL_MS,
  tokenHash,
  verifySessionCookie,
} from '#shared/domain/console-tokens.ts';
import { normaliseEmail } from '#shared/domain/identity.ts';
import { emailLayout } from '#shared/emails/layout.ts';
import type { ConsoleAuthRepository, Session } from '#shared/ports/cases.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import type { LinkSecret } from '#shared/domain/link-keys.ts';
import { html } from '#shared/web/html.ts';

/** What signing in needs. */
export type AuthDeps = Pick<Deps, 'config' | 'mailer' | 'rateLimiter' | 'now'> & { auth: ConsoleAuthRepository };

/** Sign-in requests allowed per address and per source address in a 15-minute window. */
export const SIGN_IN_LIMITS = { perAddress: 5, perIp: 30, windowMinutes: 15 } as const;

/** Where to go after signing in: a console path only (never another site). */
export function safeNext(next: string | undefined | null): string {
  return next && /^\/console(?:\/[A-Za-z0-9/_-]*)?(?:\?[A-Za-z0-9=&%._-]*)?$/.test(next) ? next : '/console';
}

/** Whether an address is one of the configured owner addresses. */
export function isOwner(config: Deps['config'], email: string): boolean {
  const wanted = email.trim().toLowerCase();
  return config.owner.emails.some((owner) => owner.toLowerCase() === wanted);
}

async function withinLimits(deps: AuthDeps, keys: Array<[string, number]>): Promise<boolean> {
  const now = deps.now();
  const windowMs = SIGN_IN_LIMITS.windowMinutes * 60_000;
  const slot = Math.floor(now.getTime() / windowMs);
  const expires = new Date((slot + 2) * windowMs);
  for (const [key, max] of keys) if (!(await deps.rateLimiter.take(`console:${key}:${slot}`, max, expires))) return false;
  return true;
}

/**
 * Emails a sign-in link and a code to an owner address. The answer is the same for any address
 * (nothing tells whether it is an owner's); only the rate limits (per address, per source IP) can
 * refuse, and they refuse any address alike.
 */
export async function requestSignIn(input: { email: string; next: string; ip: string; publicUrl: string }, deps: AuthDeps): Promise<'sent' | 'limited'> {
  const email = normaliseEmail(input.email) ?? input.email.trim().toLowerCase().slice(0, 254);
  if (!(await withinLimits(deps, [[`ip:${input.ip}`, SIGN_IN_LIMITS.perIp], [`addr:${email}`, SIGN_IN_LIMITS.perAddress]]))) return 'limited';
  if (!isOwner(deps.config, email)) return 'sent';
  const now = deps.now();
  const validUntil = new Date(now.getTime() + SIGN_IN_TTL_MS);
  const token = randomToken();
  const code = signInCode();
  const next = safeNext(input.next);
  await deps.auth.saveLink(tokenHash(token), { email, next, validUntil: validUntil.toISOString() });
  await deps.auth.saveCode(email, codeHash(email, code), next, validUntil);
  const link = `${input.publicUrl.replace(/\/+$/, '')}/console/sign-in/${token}`;
  const business = deps.config.business.name;
  await deps.mailer.send({
    to: [email],
    subject: 'Sign in to Earshot',
    text: [`Sign in to Earshot for ${business}:`, '', `Sign in: ${link}`, '', `Or type this code on the sign-in page: ${code}`, '', 'The link and the code work once, for 15 minutes.', 'If you did not ask to sign in, ignore this email.'].join('\n'),
    html: emailLayout({
      title: 'Sign in to Earshot',
      preheader: `Your code is ${code}`,
      body: html`<p style="margin:0 0 16px;font-size:20px;font-weight:bold;">Sign in to Earshot</p>
<p style="margin:0 0 16px;">For ${business}.</p>
<p style="margin:0 0 16px;"><a href="${link}" style="display:inline-block;padding:12px 24px;border-radius:6px;background:#1d4ed8;color:#ffffff;font-weight:bold;text-decoration:none;">Sign in</a></p>
<p style="margin:0 0 8px;">Or type this code on the sign-in page:</p>
<p style="margin:0 0 16px;font-size:28px;font-weight:bold;letter-spacing:4px;font-family:Menlo,Consolas,monospace;">${code}</p>
<p style="margin:0;color:#52525b;font-size:14px;">The link and the code work once, for 15 minutes. If you did not ask to sign in, ignore this email.</p>`,
    }),
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return 'sent';
}

/** Whether an emailed sign-in link can still be used (a GET shows its button; it uses nothing). */
export async function checkSignInLink(token: string, deps: AuthDeps): Promise<'ok' | 'invalid' | 'used' | 'expired'> {
  if (!isRandomToken(token)) return 'invalid';
  const link = await deps.auth.getLink(tokenHash(token));
  if (!link) return 'invalid';
  if (link.usedAt) return 'used';
  if (Date.parse(link.validUntil) <= deps.now().getTime()) return 'expired';
  return isOwner(deps.config, link.email) ? 'ok' : 'invalid';
}

/** A new session: its token goes into the cookie, its hash into the table. */
async function startSession(email: string, deps: AuthDeps): Promise<{ token: string; session: Session }> {
  const now = deps.now();
  const token = randomToken();
  const session = { email, createdAt: now.toISOString(), validUntil: new Date(now.getTime() + SESSION_TTL_MS).toISOString() };
  await deps.auth.createSession(tokenHash(token), session);
  return { token, session };
}

/** Uses an emailed sign-in link (the POST of its page): once, within 15 minutes. */
export async function useSignInLink(token: string, deps: AuthDeps): Promise<{ result: 'ok'; token: string; next: string } | { result: 'invalid' | 'used' | 'expired' }> {
  const state = await checkSignInLink(token, deps);
  if (state !== 'ok') return { result: state };
  const hash = tokenHash(token);
  const link = (await deps.auth.getLink(hash))!;
  if (!(await deps.auth.useLink(hash, deps.now()))) return { result: 'used' };
  const session = await startSession(link.email, deps);
  return { result: 'ok', token: session.token, next: safeNext(link.next) };
}

/** Uses an emailed 6-digit code with the address it was sent to. */
export async function useSignInCode(
  input: { email: string; code: string; ip: string },
  deps: AuthDeps,
): Promise<{ result: 'ok'; token: string; next: string } | { result: 'wrong' | 'expired' | 'limited' }> {
  const email = (normaliseEmail(input.email) ?? '').slice(0, 254);
  const code = input.code.replace(/\s+/g, '');
  if (!(await withinLimits(deps, [[`code-ip:${input.ip}`, SIGN_IN_LIMITS.perIp]]))) return { result: 'limited' };
  if (!email || !/^\d{6}$/.test(code)) return { result: 'wrong' };
  const used = await deps.auth.useCode(email, codeHash(email, code), deps.now(), MAX_CODE_ATTEMPTS);
  if (used.result === 'ok') {
    if (!isOwner(deps.config, email)) return { result: 'wrong' };
    const session = await startSession(email, deps);
    return { result: 'ok', token: session.token, next: safeNext(used.next) };
  }
  return { result: used.result === 'expired' || used.result === 'locked' ? 'expired' : 'wrong' };
}

/**
 * The owner signed in with a session cookie: made by this deployment, stored, not past its end,
 * and for an address that is still an owner's (removing an address from the configuration signs
 * its sessions out). A session used with less than 29 days left is extended (at most one write a
 * day). Undefined means signed out.
 */
export async function sessionFor(cookie: string | undefined, secret: LinkSecret, deps: AuthDeps): Promise<{ email: string; tokenHash: string; extended?: Date } | undefined> {
  const token = verifySessionCookie(secret, cookie);
  if (!token) return undefined;
  const hash = tokenHash(token);
  const session = await deps.auth.getSession(hash);
  const now = deps.now();
  if (!session || Date.parse(session.validUntil) <= now.getTime()) return undefined;
  if (!isOwner(deps.config, session.email)) {
    await deps.auth.deleteSession(hash);
    return undefined;
  }
  if (Date.parse(session.validUntil) - now.getTime() < SESSION_TTL_MS - 86_400_000) {
    const extended = new Date(now.getTime() + SESSION_TTL_MS);
    await deps.auth.extendSession(hash, extended);
    return { email: session.email, tokenHash: hash, extended };
  }
  return { email: session.email, tokenHash: hash };
}
