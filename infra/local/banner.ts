import type { LocalStack } from '#infra/local/stack.ts';

/**
 * What `npm start` prints once the stack is ready: the URLs it serves, the emulators, the data dir
 * and where alerts go, all from the configuration in effect (environment over file over defaults).
 */
export function startBanner(stack: Pick<LocalStack, 'url' | 'config' | 'endpoints'>, readySeconds: number): string {
  const { url, config } = stack;
  return [
    `Earshot is running for ${config.business.name} (ready in ${readySeconds.toFixed(1)} s)`,
    '',
    `  API              ${url}/v1/orders  (Authorization: Bearer <EARSHOT_API_KEY>)`,
    `  Console          ${url}/console  (sign in as an owner address; the email is in the outbox)`,
    `  Survey pages     ${url}/s/<token>`,
    `  Health           ${url}/healthz`,
    `  Outbox           ${url}/_local/outbox`,
    `  Mentions webhook POST ${url}/v1/mentions  (signed with EARSHOT_WEBHOOK_SECRET)`,
    `  Inbound email    POST ${url}/_local/inbound-email  (Content-Type: message/rfc822)`,
    `  Send invitations POST ${url}/_local/run/invitations`,
    `  Send reminders   POST ${url}/_local/run/reminders  (promise reminders and check-ins due now)`,
    `  Send the digest  POST ${url}/_local/run/digest`,
    '',
    `  DynamoDB ${stack.endpoints.dynamodb}   SQS/S3 ${stack.endpoints.sqs}   SES ${stack.endpoints.ses}`,
    `  Data in ${config.dataDir}. Alerts go to ${config.owner.emails.join(', ')}.`,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}
