import { logger } from '#shared/logger.ts';
import { silentSourcesMetric } from '#shared/domain/silent-sources-metric.ts';
import { pollAllSources, type PollDeps } from '#shared/use-cases/poll-mentions.ts';
import { sourceHealth } from '#shared/use-cases/source-health.ts';

/** What the pollers use. */
export type PollMentionsDeps = PollDeps;

/**
 * Reads the enabled mention sources (every 10 minutes in AWS, every minute locally) and reports how
 * many are silent as the CloudWatch metric `Earshot/SilentSources` (embedded metric format, on
 * every run, even with no sources), which the silent-source and silent-poller alarms watch.
 */
export function makePollMentionsHandler(deps: PollMentionsDeps) {
  return async (): Promise<{ sources: number; received: number; failed: number; silent: number }> => {
    const outcomes = await pollAllSources(deps);
    for (const outcome of outcomes) {
      if (outcome.result === 'failed') logger.warn('mention source failed', { ...outcome });
      else logger.info('mention source polled', { ...outcome });
    }
    const silent = (await sourceHealth(deps)).filter((s) => s.silent).length;
    // CloudWatch reads embedded metrics from the function's log lines; locally the digest shows
    // silent sources instead, so the line is left out of the console.
    if (process.env.AWS_LAMBDA_FUNCTION_NAME) console.log(JSON.stringify(silentSourcesMetric(silent, deps.now())));
    return { sources: outcomes.length, received: outcomes.reduce((n, o) => n + o.received, 0), failed: outcomes.filter((o) => o.result === 'failed').length, silent };
  };
}
