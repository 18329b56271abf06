import type { SourceHealth } from '#shared/digest/build.ts';
import { sourceName } from '#shared/domain/mention-source.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/**
 * Each enabled source's health (last success, last error), for the silent-source metric and the
 * digest: silent when its last success is older than `mentions.silentAfterMinutes`, or when it
 * has never succeeded and was first tried longer ago than that (or never tried at all).
 */
export async function sourceHealth(deps: { polls: Pick<Deps['polls'], 'list'>; config: Deps['config']; now: Deps['now'] }): Promise<SourceHealth[]> {
  const { silentAfterMinutes } = deps.config.mentions;
  const sources = deps.config.mentions.sources.filter((s) => s.enabled);
  if (!sources.length) return [];
  const states = new Map((await deps.polls.list()).map((s) => [s.sourceId, s]));
  const limit = deps.now().getTime() - silentAfterMinutes * 60_000;
  return sources.map((source) => {
    const state = states.get(source.id);
    const since = state?.lastSuccessAt ?? state?.firstAttemptAt;
    return {
      source: sourceName(source),
      ...(state?.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
      ...(state?.lastError ? { lastError: state.lastError } : {}),
      silent: !since || Date.parse(since) < limit,
    };
  });
}
