import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { startDynamo, startSes, type Emulator } from '#infra/local/emulators.ts';
import { provisionTable } from '#infra/local/provision.ts';
import { DynamoCheckInRepository } from '#shared/adapters/dynamo-check-ins.ts';
import { DynamoCustomerOptOuts } from '#shared/adapters/dynamo-customer-opt-outs.ts';
import { DynamoFigureStore } from '#shared/adapters/dynamo-figures.ts';
import { DynamoPromiseRepository } from '#shared/adapters/dynamo-promises.ts';
import { DynamoAlertOutbox } from '#shared/adapters/dynamo/alerts.ts';
import { DynamoRateLimiter } from '#shared/adapters/dynamo/rate-limiter.ts';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { DynamoStatsRecorder } from '#shared/adapters/dynamo/stats-recorder.ts';
import { createMailer } from '#shared/adapters/mailer.ts';
import { parseConfig, type Config } from '#shared/config.ts';
import type { CaseTimeline, CaseView, FollowThroughEvent } from '#shared/ports/follow-through.ts';
import { createFollowThroughLinks, type FollowThroughDeps, type FollowThroughLinks } from '#shared/use-cases/follow-through.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';

export const LINK_SECRET = 'test-link-secret-0123456789abcdef';

/** A clock a test moves by hand (never sleeps). */
export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(start: string): TestClock {
  let at = Date.parse(start);
  return {
    now: () => new Date(at),
    set: (iso) => {
      at = Date.parse(iso);
    },
    advance: (ms) => {
      at += ms;
    },
  };
}

/**
 * The case side of the follow-through as the tests see it: cases by id and the events recorded on
 * them (idempotent by event id), as the console's case repository keeps them.
 */
export class RecordingCaseTimeline implements CaseTimeline {
  readonly cases = new Map<string, CaseView>();
  readonly events = new Map<string, Array<{ id: string; event: FollowThroughEvent }>>();

  add(view: CaseView): void {
    this.cases.set(view.caseId, view);
  }

  async get(caseId: string) {
    const view = this.cases.get(caseId);
    return view ? structuredClone(view) : undefined;
  }

  async record(caseId: string, event: FollowThroughEvent, eventId: string) {
    const list = this.events.get(caseId) ?? [];
    if (!list.some((e) => e.id === eventId)) list.push({ id: eventId, event });
    this.events.set(caseId, list);
  }

  async reopenNotPutRight(caseId: string, event: FollowThroughEvent, eventId: string) {
    const view = this.cases.get(caseId);
    if (view) {
      view.status = 'new';
      delete view.handledAt;
    }
    await this.record(caseId, event, eventId);
  }

  async slowestOpen() {
    const open = [...this.cases.values()].filter((c) => c.status !== 'handled').sort((a, b) => a.openedAt.localeCompare(b.openedAt))[0];
    return open ? { caseId: open.caseId, customer: open.customer.name ?? open.customer.email ?? '', openedAt: open.openedAt } : undefined;
  }

  kinds(caseId: string): string[] {
    return (this.events.get(caseId) ?? []).map((e) => e.event.kind);
  }
}

/** DynamoDB and SES emulators (SES behind a fault proxy), the table, and the follow-through's adapters. */
export interface FollowThroughHarness {
  config: Config;
  clock: TestClock;
  cases: RecordingCaseTimeline;
  deps: FollowThroughDeps;
  links: FollowThroughLinks;
  ses: FaultProxy;
  dynamo: DynamoDBDocumentClient;
  sent(): Promise<Array<{ subject: string; destination: { to: string[] }; body: { text?: string; html?: string }; headers?: Array<{ name: string; value: string }> }>>;
  clearSent(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFollowThroughHarness(env: Record<string, string> = {}, start = '2025-11-12T09:00:00Z'): Promise<FollowThroughHarness> {
  const [dynamoEmulator, sesEmulator] = (await Promise.all([startDynamo(), startSes()])) as [Emulator, Emulator];
  const ses = await startFaultProxy(sesEmulator.endpoint);
  const config = parseConfig({}, {
    EARSHOT_OWNER_EMAIL: 'owner@example.com,manager@example.com',
    EARSHOT_BUSINESS_NAME: 'Corner Bakery',
    EARSHOT_DIGEST_HOUR: '8',
    EARSHOT_FOLLOW_UP_HOURS: '72',
    EARSHOT_TABLE_NAME: 'earshot-follow-through',
    ...env,
  });
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const raw = new DynamoDBClient({ region: 'us-east-1', endpoint: dynamoEmulator.endpoint, credentials });
  await provisionTable(raw, config.aws.tableName);
  const dynamo = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  const sesClient = new SESv2Client({ region: 'us-east-1', endpoint: ses.endpoint, credentials, maxAttempts: 1 });
  const clock = testClock(start);
  const cases = new RecordingCaseTimeline();
  const table = config.aws.tableName;
  const deps: FollowThroughDeps = {
    config,
    now: clock.now,
    promises: new DynamoPromiseRepository(dynamo, table, config.retentionDays),
    checkIns: new DynamoCheckInRepository(dynamo, table, config.retentionDays),
    figures: new DynamoFigureStore(dynamo, table, config.retentionDays),
    optOuts: new DynamoCustomerOptOuts(dynamo, table),
    alerts: new DynamoAlertOutbox(dynamo, tableOf(config)),
    rateLimiter: new DynamoRateLimiter(dynamo, tableOf(config)),
    stats: new DynamoStatsRecorder(dynamo, tableOf(config)),
    mailer: createMailer(config, sesClient, dynamo),
    cases,
  };
  return {
    config,
    clock,
    cases,
    deps,
    links: createFollowThroughLinks(LINK_SECRET, 'http://127.0.0.1:3999', clock.now),
    ses,
    dynamo,
    sent: async () => ((await (await fetch(`${sesEmulator.endpoint}/store`)).json()) as { emails: never[] }).emails,
    clearSent: async () => {
      await fetch(`${sesEmulator.endpoint}/clear-store`, { method: 'POST' });
    },
    stop: async () => {
      await ses.stop();
      await Promise.all([dynamoEmulator.stop(), sesEmulator.stop()]);
    },
  };
}
