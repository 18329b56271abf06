import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { CONSUMER_BATCH, FUNCTIONS, type FunctionKey, type QueueKey } from '#infra/definitions.ts';
import type { Clients } from '#infra/local/clients.ts';
import type { QueueUrls } from '#infra/local/provision.ts';
import { startThread, type Thread } from '#infra/local/threads.ts';
import { logger } from '#shared/logger.ts';

/** The functions an SQS event source triggers. */
export type ConsumerKey = { [K in FunctionKey]: (typeof FUNCTIONS)[K]['access'] extends { consumes: QueueKey } ? K : never }[FunctionKey];

/** The consumer functions, from the shared definitions. */
export const CONSUMER_KEYS = (Object.keys(FUNCTIONS) as FunctionKey[]).filter((key) => 'consumes' in FUNCTIONS[key].access) as ConsumerKey[];

/**
 * How many batches of each queue are processed at once locally: Lambda's maximum concurrency of
 * an event source. The feedback queue takes a burst; the priority queue has its own consumer and
 * its own share, so a burst never holds it up. On a 2-core machine more feedback batches at once
 * only lengthen the queues at the emulators the priority consumer shares (measured by the burst
 * of `npm run bench`: 4 at once processed no faster than 2 and made urgent alerts slower).
 */
export const LOCAL_CONCURRENCY: Record<ConsumerKey, number> = { processFeedback: 2, processUrgent: 2, ingestEmail: 2, mailEvents: 1 };

/** What a consumer thread starts polling with (plain data: it crosses to the thread). */
export interface ConsumerStart {
  /** The stack's configuration inputs (the config file's content and the environment): the thread builds its own configuration from them. */
  file: unknown;
  env: Record<string, string | undefined>;
  queueUrl: string;
  queueArn: string;
  concurrency: number;
  batchSize: number;
  retryDelaySeconds: number;
}

/** A hold on a consumer thread's batches (plain data: the state is shared with the thread). */
export interface ConsumerHold {
  /** [held (1) or released (0), batches in hand, most batches in hand at once]. */
  state: Int32Array;
  busy: boolean;
}

/** Batches held in hand by `Consumers.hold`. */
export interface HeldBatches {
  /** How many batches wait in hand now. */
  inHand(): number;
  /** The most that were in hand at once. */
  mostInHand(): number;
  /** Lets them (and every later batch) go on. */
  release(): void;
}

/** Pauses, resumes and holds the consumers of one queue. */
export interface Consumers {
  /** Stops the queue's consumers (as disabling a Lambda event source mapping would); resolves once no batch of it is in hand. */
  pause(queue: QueueKey): Promise<void>;
  resume(queue: QueueKey): void;
  /**
   * For tests: each batch the queue's consumers receive from now on waits in hand, before its
   * function runs, until released (a slow batch). With `busy`, the first one keeps its thread
   * busy meanwhile, as a long synchronous batch would: that thread does nothing else.
   */
  hold(queue: QueueKey, options?: { busy?: boolean }): Promise<HeldBatches>;
  stop(): Promise<void>;
}

/** What the consumer threads start polling with, once the emulators and queues are there. */
export interface ConsumerSetup {
  config: { file: unknown; env: Record<string, string | undefined> };
  queues: QueueUrls;
  sqs: Clients['sqs'];
  retryDelaySeconds: number;
  concurrency?: Partial<Record<ConsumerKey, number>>;
}

/** Consumer threads that have loaded their functions and wait for `start`. */
export interface LoadedConsumers {
  /** Builds each function over the configuration and starts polling. */
  start(setup: ConsumerSetup): Promise<Consumers>;
  stop(): Promise<void>;
}

/** Lets the batches of a hold go on. */
function release(hold: ConsumerHold): void {
  Atomics.store(hold.state, 0, 0);
  Atomics.notify(hold.state, 0);
}

/**
 * Every queue consumer on a thread of its own (the local event source mappings). The threads start
 * and load their functions at once (alongside the emulators); `start` then builds each function
 * over the stack's configuration and runs up to its concurrency (`LOCAL_CONCURRENCY`, or the
 * `concurrency` given) of batches at once. A consumer thread that ends unexpectedly is started
 * again, as Lambda would start a new instance.
 */
export async function loadConsumerThreads(): Promise<LoadedConsumers> {
  const threads = new Map<ConsumerKey, Thread<unknown>>();
  const starts = new Map<ConsumerKey, ConsumerStart>();
  const holds: ConsumerHold[] = [];
  let stopped = false;
  const launch = async (key: ConsumerKey): Promise<Thread<unknown>> => {
    const thread = await startThread(new URL('./consumer-thread.ts', import.meta.url), { key }, { name: `consumer ${FUNCTIONS[key].name}`, onExit: (code) => restart(key, code) });
    threads.set(key, thread);
    if (stopped) await thread.stop();
    return thread;
  };
  const restart = (key: ConsumerKey, code: number) => {
    logger.error('a consumer thread ended; starting it again', { function: FUNCTIONS[key].name, code });
    if (stopped) return;
    void (async () => {
      const thread = await launch(key);
      const start = starts.get(key);
      if (start && !stopped) await thread.call('start', start);
    })().catch((error: unknown) => logger.error('a consumer thread could not start again', { function: FUNCTIONS[key].name, error: String(error) }));
  };
  const stop = async () => {
    stopped = true;
    // Held batches go on, so the threads can finish them and stop.
    for (const hold of holds) release(hold);
    await Promise.all([...threads.values()].map((thread) => thread.stop()));
  };
  const launched = await Promise.allSettled(CONSUMER_KEYS.map(launch));
  const failed = launched.find((result) => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const consumersOf = (queue: QueueKey) => CONSUMER_KEYS.filter((key) => FUNCTIONS[key].access.consumes === queue);
  return {
    stop,
    start: async (setup) => {
      await Promise.all(
        CONSUMER_KEYS.map(async (key) => {
          const queue = setup.queues[FUNCTIONS[key].access.consumes];
          const attributes = await setup.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['QueueArn'] }));
          const start: ConsumerStart = {
            file: setup.config.file,
            env: setup.config.env,
            queueUrl: queue.url,
            queueArn: attributes.Attributes!.QueueArn!,
            concurrency: Math.max(1, setup.concurrency?.[key] ?? LOCAL_CONCURRENCY[key]),
            batchSize: CONSUMER_BATCH.batchSize,
            retryDelaySeconds: setup.retryDelaySeconds,
          };
          starts.set(key, start);
          await threads.get(key)!.call('start', start);
        }),
      );
      return {
        pause: async (queue) => {
          await Promise.all(consumersOf(queue).map((key) => threads.get(key)!.call('pause')));
        },
        resume: (queue) => {
          for (const key of consumersOf(queue)) void threads.get(key)!.call('resume');
        },
        hold: async (queue, options = {}) => {
          const these = consumersOf(queue).map(() => ({ state: new Int32Array(new SharedArrayBuffer(12)), busy: options.busy ?? false }));
          for (const hold of these) Atomics.store(hold.state, 0, 1);
          holds.push(...these);
          await Promise.all(consumersOf(queue).map((key, i) => threads.get(key)!.call('hold', these[i])));
          const sum = (index: number) => these.reduce((total, hold) => total + Atomics.load(hold.state, index), 0);
          return {
            inHand: () => sum(1),
            mostInHand: () => sum(2),
            release: () => {
              for (const hold of these) release(hold);
            },
          };
        },
        stop,
      };
    },
  };
}
