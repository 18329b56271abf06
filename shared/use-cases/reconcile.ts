import { mentionSchema } from '#shared/domain/mention.ts';
import { INBOUND_PREFIX } from '#shared/domain/raw-input.ts';
import { addDays, localDate } from '#shared/domain/week.ts';
import { logger } from '#shared/logger.ts';
import type { ArchivedInput } from '#shared/ports/raw-archive.ts';
import type { StoredSurveyAnswer } from '#shared/ports/store.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { queueFeedback } from '#shared/use-cases/queue-feedback.ts';
import { ingestEmail } from '#shared/use-cases/ingest-email.ts';
import { mentionMessage } from '#shared/use-cases/mentions.ts';
import { surveyMessage } from '#shared/use-cases/survey.ts';

/** What the reconciler needs. */
export type ReconcileDeps = Pick<Deps, 'archive' | 'feedback' | 'ledger' | 'surveys' | 'mentions' | 'queue' | 'customers' | 'stats' | 'config' | 'now'>;

export interface ReconcileOptions {
  /** Inputs younger than this may still be on their way: they are left alone. */
  graceMs: number;
  /** How far back the archive is compared (longer than the dead-letter queues keep messages). */
  windowDays: number;
  /** Attempts per input before it is set aside as not processable. */
  maxAttempts: number;
}

/** What one run found and did. */
export interface ReconcileResult {
  /** Archived inputs in the window, old enough to compare. */
  checked: number;
  /** Inputs that never became a record and were driven through again now. */
  redriven: number;
  /** Inputs waiting for their next attempt (backoff). */
  waiting: number;
  /** Inputs set aside after `maxAttempts` attempts. */
  gaveUp: number;
}

/** Wait before attempt n+1: one hour doubling, at most a day. */
export function reconcileBackoffMs(attempts: number): number {
  return Math.min(24, 2 ** Math.max(0, attempts - 1)) * 3_600_000;
}

/** The feedback id of a survey or social input from its archive key (`raw/<channel>/<day>/<id>.json`). */
export function idOfRawKey(key: string): string | undefined {
  const match = /^raw\/(?:survey|social)\/\d{4}-\d{2}-\d{2}\/([^/]+)\.json$/.exec(key);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

function utcDays(from: Date, to: Date): string[] {
  const days: string[] = [];
  for (let day = from.toISOString().slice(0, 10); day <= to.toISOString().slice(0, 10); day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * Compares the raw-input archive with the records and drives every input that was archived but
 * never became a record (nor was set aside) through the pipeline again: a message that expired in
 * a dead-letter queue, a queue purged by hand, a process that died between archiving and queueing.
 * Idempotent: a driven-through input is recognised downstream by its id, so it gives one record
 * and one alert however often it is sent. Each input is tried at most `maxAttempts` times with a
 * growing pause, then set aside with its reason (shown in the digest). Each input driven through
 * is counted in the day's `reconciled` counter (the digest's monitor section).
 */
export async function reconcileArchive(deps: ReconcileDeps, options: ReconcileOptions): Promise<ReconcileResult> {
  const now = deps.now();
  const from = new Date(now.getTime() - options.windowDays * 86_400_000);
  const cutoff = now.getTime() - options.graceMs;
  const inWindow = (input: ArchivedInput) => input.lastModified.getTime() >= from.getTime() && input.lastModified.getTime() <= cutoff;

  const listed: ArchivedInput[] = [];
  for (const day of utcDays(from, now)) {
    for (const channel of ['survey', 'social']) listed.push(...(await deps.archive.list(`raw/${channel}/${day}/`)));
  }
  // SES names inbound objects by its own message id (no date in the key): the whole prefix is listed.
  listed.push(...(await deps.archive.list(INBOUND_PREFIX)));
  const inputs = listed.filter(inWindow);

  const ledger = await deps.ledger.entries(inputs.map((i) => i.key));
  const idOf = (input: ArchivedInput) => idOfRawKey(input.key) ?? ledger.get(input.key)?.inbound?.id;
  const ids = inputs.map(idOf).filter((id): id is string => Boolean(id));
  const recorded = await deps.feedback.existing(ids);
  const timeZone = deps.config.business.timeZone;
  const localDays = utcDays(new Date(from.getTime() - 86_400_000), new Date(now.getTime() + 86_400_000)).map((d) => localDate(new Date(`${d}T12:00:00Z`), timeZone));
  const setAside = await deps.ledger.setAsideIds([...new Set(localDays)]);

  const result: ReconcileResult = { checked: inputs.length, redriven: 0, waiting: 0, gaveUp: 0 };
  const today = localDate(now, timeZone);
  for (const input of inputs) {
    const entry = ledger.get(input.key);
    // An inbound message ingest set aside (skipped or rejected) is settled, as is any recorded id.
    if (entry?.inbound && entry.inbound.outcome !== 'queued') continue;
    const id = idOf(input);
    if (id && (recorded.has(id) || setAside.has(id))) continue;
    const attempts = entry?.attempts;
    if (attempts && attempts.attempts >= options.maxAttempts) {
      const counted = await deps.stats.setAside(today, {
        id: id ?? input.key,
        channel: input.key.startsWith(INBOUND_PREFIX) ? 'email' : input.key.startsWith('raw/survey/') ? 'survey' : 'social',
        outcome: 'rejected',
        reason: 'not-processed',
        detail: `driven through ${attempts.attempts} times without becoming a record`,
        rawKey: input.key,
        at: now.toISOString(),
      });
      if (counted) await deps.stats.count(today, { rejected: 1 });
      result.gaveUp += 1;
      continue;
    }
    if (attempts && Date.parse(attempts.lastAttemptAt) + reconcileBackoffMs(attempts.attempts) > now.getTime()) {
      result.waiting += 1;
      continue;
    }
    await deps.ledger.noteAttempt(input.key, now);
    try {
      await driveThrough(input, deps);
      result.redriven += 1;
      await deps.stats.count(today, { reconciled: 1 });
    } catch (error) {
      logger.error('reconcile: could not drive an archived input through', { key: input.key, error: String(error) });
    }
  }
  if (result.redriven || result.gaveUp) logger.warn('reconcile: archived inputs that had not become records', { ...result });
  return result;
}

/** Sends one archived input through the pipeline again, as its ingest path would have. */
async function driveThrough(input: ArchivedInput, deps: ReconcileDeps): Promise<void> {
  if (input.key.startsWith(INBOUND_PREFIX)) {
    await ingestEmail(input.key, input.size, deps);
    return;
  }
  const id = idOfRawKey(input.key);
  const body = await deps.archive.get(input.key);
  if (!id || !body) return;
  const raw = JSON.parse(Buffer.from(body).toString('utf8')) as unknown;
  if (input.key.startsWith('raw/survey/')) {
    const answer = raw as { surveyId?: string; score?: number; comment?: string; receivedAt?: string };
    const survey = answer.surveyId ? await deps.surveys.get(answer.surveyId) : undefined;
    if (!survey || typeof answer.score !== 'number') throw new Error('survey answer without its survey');
    const stored: StoredSurveyAnswer =
      survey.answer?.rawKey === input.key
        ? survey.answer
        : { score: answer.score, ...(answer.comment ? { comment: answer.comment } : {}), rawKey: input.key, receivedAt: answer.receivedAt ?? input.lastModified.toISOString() };
    // The link is used up by this answer, so the customer cannot answer it a second time.
    await deps.surveys.markAnswered(survey.surveyId, id, deps.now(), stored);
    await queueFeedback(surveyMessage(survey, stored), deps);
    await deps.surveys.markQueued(survey.surveyId, deps.now());
    return;
  }
  const mention = mentionSchema.safeParse(raw);
  if (!mention.success) throw new Error('archived mention does not match the webhook schema');
  await queueFeedback(mentionMessage(mention.data, id, input.key, input.lastModified), deps);
  await deps.mentions.markQueued(mention.data.source, mention.data.externalId, deps.now());
}
