/**
 * The poller's CloudWatch metric in embedded metric format: one JSON log line that CloudWatch Logs
 * turns into `Earshot/SilentSources` (no dimensions), which the silent-source alarms watch.
 */
export function silentSourcesMetric(silent: number, at: Date): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [{ Namespace: 'Earshot', Dimensions: [[]], Metrics: [{ Name: 'SilentSources', Unit: 'Count' }] }],
    },
    SilentSources: silent,
  };
}
