import { logger } from '#shared/logger.ts';

/** One scheduled job: runs every `everySeconds`, never overlapping itself. */
export interface ScheduledJob {
  name: string;
  everySeconds: number;
  /** When set, the delay before the next run (calendar schedules such as the weekly digest). */
  nextDelayMs?: () => number;
  run: () => Promise<unknown>;
}

/**
 * The local stand-in for EventBridge schedules. Jobs can also be run on demand (the `/_local/run/*`
 * helpers), and a run on demand waits for a scheduled run in progress instead of overlapping it.
 */
export class LocalScheduler {
  private timers = new Map<string, NodeJS.Timeout>();
  private inFlight = new Map<string, Promise<unknown>>();
  private stopped = false;

  constructor(private readonly jobs: ScheduledJob[]) {}

  start(): void {
    for (const job of this.jobs) this.schedule(job);
  }

  /** Runs a job now (after any run of it in progress) and returns its result. */
  async runNow(name: string): Promise<unknown> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no scheduled job named ${name}`);
    await this.inFlight.get(name)?.catch(() => undefined);
    return this.execute(job);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private schedule(job: ScheduledJob): void {
    if (this.stopped) return;
    const timer = setTimeout(async () => {
      try {
        await this.execute(job);
      } catch (error) {
        logger.error('scheduled job failed', { job: job.name, error: String(error) });
      }
      this.schedule(job);
    }, job.nextDelayMs ? job.nextDelayMs() : job.everySeconds * 1000);
    timer.unref();
    this.timers.set(job.name, timer);
  }

  private execute(job: ScheduledJob): Promise<unknown> {
    const running = job.run().finally(() => {
      if (this.inFlight.get(job.name) === running) this.inFlight.delete(job.name);
    });
    this.inFlight.set(job.name, running);
    return running;
  }
}
