/**
 * One queue consumer on a thread of its own (see startConsumerThreads). Started with its function
 * key, it loads the function's modules at once (while the emulators start); `start` then builds the
 * function by its own composition root over the stack's configuration and runs up to
 * `concurrency` batches at once, each in its own SQS poller, as Lambda runs up to the maximum
 * concurrency of an event source. Commands: `start`, `pause` (the pollers stop after the poll in
 * hand), `resume`, `hold` (see Consumers.hold), `stop`.
 */
import { FUNCTIONS } from '#infra/definitions.ts';
import type { ConsumerHold, ConsumerStart, ConsumerKey } from '#infra/local/consumers.ts';
import { buildHandler, loadFunction } from '#infra/local/functions.ts';
import { localContext } from '#infra/local/lambda-context.ts';
import { SqsPoller, type SqsHandler } from '#infra/local/sqs-poller.ts';
import { serveThread } from '#infra/local/threads.ts';
import { createSqsClient } from '#shared/adapters/sqs-client.ts';
import { parseConfig } from '#shared/config.ts';

/** `Atomics.waitAsync` (ES2024; the compiler's library is older). */
type WaitAsync = { waitAsync(array: Int32Array, index: number, value: number): { async: false; value: string } | { async: true; value: Promise<string> } };

serveThread(async ({ key }: { key: ConsumerKey }) => {
  await loadFunction(key);
  const definition = FUNCTIONS[key];
  let pollers: SqsPoller[] = [];
  let sqs: ReturnType<typeof createSqsClient> | undefined;
  let hold: ConsumerHold | undefined;
  /** Batches wait here while a hold is on: [held (1) or released (0), batches in hand, most in hand at once]. */
  const waitIfHeld = async () => {
    const held = hold;
    if (!held || Atomics.load(held.state, 0) !== 1) return;
    const inHand = Atomics.add(held.state, 1, 1) + 1;
    for (let most = Atomics.load(held.state, 2); inHand > most; most = Atomics.load(held.state, 2)) {
      if (Atomics.compareExchange(held.state, 2, most, inHand) === most) break;
    }
    if (held.busy) {
      // The thread does nothing else until released, as during a long synchronous batch.
      Atomics.wait(held.state, 0, 1);
    } else {
      while (Atomics.load(held.state, 0) === 1) {
        const waiting = (Atomics as unknown as WaitAsync).waitAsync(held.state, 0, 1);
        if (waiting.async) await waiting.value;
      }
    }
    Atomics.sub(held.state, 1, 1);
  };
  const pause = async () => {
    await Promise.all(pollers.map((poller) => poller.stop()));
  };
  return {
    commands: {
      start: async (data: ConsumerStart) => {
        const config = parseConfig(data.file, data.env);
        // The pollers' SQS client; the function's composition builds the other clients it uses, and only those.
        sqs = createSqsClient(config);
        const built = (await buildHandler(key, config, { sqs })) as SqsHandler;
        const handler: SqsHandler = async (event, context) => {
          await waitIfHeld();
          return built(event, context);
        };
        const client = sqs;
        pollers = Array.from(
          { length: data.concurrency },
          () =>
            new SqsPoller({
              sqs: client,
              queueUrl: data.queueUrl,
              queueArn: data.queueArn,
              handler,
              context: () => localContext(definition.name, definition.timeoutSeconds),
              batchSize: data.batchSize,
              retryDelaySeconds: data.retryDelaySeconds,
              region: config.aws.region,
            }),
        );
        for (const poller of pollers) poller.start();
      },
      pause,
      resume: async () => {
        for (const poller of pollers) poller.start();
      },
      hold: async (given: ConsumerHold) => {
        hold = given;
      },
    },
    stop: async () => {
      await pause();
      sqs?.destroy();
    },
  };
});
