// Imported first by the benchmarks: quiet logs before any module creates its logger.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
