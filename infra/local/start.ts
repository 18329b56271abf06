import { ConfigError } from '#shared/config.ts';
import { startBanner } from '#infra/local/banner.ts';
import { startLocalStack } from '#infra/local/stack.ts';

/**
 * `npm start`: the whole pipeline on this machine, in the foreground, until Ctrl-C.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const stack = await startLocalStack();
  console.log(startBanner(stack, (Date.now() - started) / 1000));

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
