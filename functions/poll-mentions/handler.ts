import { logger } from '#shared/logger.ts';
import { pollAllSources } from '#shared/use-cases/poll-mentions.ts';
import { sourceHealth } from '#shared/use-cases/source-health.ts';
import { deps } from '#shared/wiring.ts';

/**
 * Reads the configured mention sources (every 10 minutes in AWS, every minute locally) and reports
 * how many enabled sources are silent as the CloudWatch metric `Earshot/SilentSources` (embedded
 * metric format), which an alarm watches.
 */
export const handler = async (): Promise<{ sources: number; received: number; failed: number; silent: number }> => {
  const d = deps();
  const outcomes = await pollAllSources(d);
  for (const outcome of outcomes) logger.info('mention source polled', { ...outcome });
  const silent = (await sourceHealth(d)).filter((s) => s.silent).length;
  // Embedded metric format: CloudWatch turns this log line into the metric the alarm watches
  // (only in Lambda; locally the digest shows silent sources).
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) console.log(
    JSON.stringify({
      _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: 'Earshot', Dimensions: [[]], Metrics: [{ Name: 'SilentSources', Unit: 'Count' }] }] },
      SilentSources: silent,
    }),
  );
  return { sources: outcomes.length, received: outcomes.reduce((n, o) => n + o.received, 0), failed: outcomes.filter((o) => o.result === 'failed').length, silent };
};
