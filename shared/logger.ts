import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs (CloudWatch in AWS, stdout locally). Never log customer text or addresses:
 * log ids and counts.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'earshot',
  logLevel: (process.env.POWERTOOLS_LOG_LEVEL ?? (process.env.VITEST ? 'ERROR' : 'INFO')) as 'INFO',
});
