import { ConfigError } from '#shared/config.ts';
import { startLocalStack } from '#infra/local/stack.ts';

/**
 * `npm start`: the whole pipeline on this machine, in the foreground, until Ctrl-C.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const stack = await startLocalStack();
  const { url } = stack;
  const lines = [
    `Earshot is running for ${stack.config.business.name} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    '',
    `  API              ${url}/v1/orders  (Authorization: Bearer <EARSHOT_API_KEY>)`,
    `  Survey pages     ${url}/s/<token>`,
    `  Health           ${url}/healthz`,
    `  Outbox           ${url}/_local/outbox`,
    `  Mentions webhook POST ${url}/v1/mentions  (signed with EARSHOT_WEBHOOK_SECRET)`,
    `  Inbound email    POST ${url}/_local/inbound-email  (Content-Type: message/rfc822)`,
    `  Send invitations POST ${url}/_local/run/invitations`,
    `  Send the digest  POST ${url}/_local/run/digest`,
    '',
    `  DynamoDB ${stack.endpoints.dynamodb}   SQS/S3 ${stack.endpoints.sqs}   SES ${stack.endpoints.ses}`,
    `  Data in ${stack.config.dataDir}. Alerts go to ${stack.config.owner.emails.join(', ')}.`,
    '',
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await stack.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port in use: ${(error as Error).message}. Set EARSHOT_PORT to a free port.`);
  } else {
    console.error('Earshot could not start:', error);
  }
  process.exit(1);
});
