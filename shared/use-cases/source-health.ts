import type { SourceHealth } from '#shared/digest/build.ts';
import { sourceName } from '#shared/mentions/source-name.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** Each configured source's health: silent when its last success is older than the configured time. */
export async function sourceHealth(deps: Pick<Deps, 'polls' | 'config' | 'now'>): Promise<SourceHealth[]> {
  const { sources, silentAfterMinutes } = deps.config.mentions;
  if (!sources.length) return [];
  const states = new Map((await deps.polls.list()).map((s) => [s.sourceId, s]));
  const limit = deps.now().getTime() - silentAfterMinutes * 60_000;
  return sources.map((source) => {
    const state = states.get(source.id);
    return {
      source: sourceName(source),
      ...(state?.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
      ...(state?.lastError ? { lastError: state.lastError } : {}),
      silent: !state?.lastSuccessAt || Date.parse(state.lastSuccessAt) < limit,
    };
  });
}
