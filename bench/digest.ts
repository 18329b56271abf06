import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { meterDynamo } from '#shared/adapters/dynamo-metrics.ts';
import { loadConfig } from '#shared/config.ts';
import { addDays, localDate } from '#shared/domain/week.ts';
import { buildWeeklyDigest, digestPeriod } from '#shared/use-cases/digest.ts';
import { FIGURE } from '#shared/domain/recovery-figures.ts';
import type { CheckInRecord } from '#shared/domain/check-in.ts';
import type { PromiseRecord } from '#shared/domain/promise.ts';
import { checkInKeys } from '#shared/adapters/dynamo-check-ins.ts';
import { figureKeys } from '#shared/adapters/dynamo-figures.ts';
import { promiseKeys } from '#shared/adapters/dynamo-promises.ts';
import { createDigestDeps } from '#functions/digest/deps.ts';
import { startDynamo } from '#infra/local/emulators.ts';
import { provisionTable } from '#infra/local/provision.ts';

const TOPICS = ['wait-time', 'product-quality', 'delivery', 'staff-attitude'];

/** A stored promise as the promise repository writes it (open ones in the open-promise index). */
function promiseItem(caseId: string, dueDate: string, status: PromiseRecord['status'], at: string): Record<string, unknown> {
  const promise: PromiseRecord = {
    caseId,
    promiseId: 'p1',
    text: 'A new cake on Saturday',
    dueDate,
    firstDueDate: dueDate,
    status,
    customer: `Customer ${caseId}`,
    createdAt: at,
    createdBy: 'owner@example.com',
    updatedAt: at,
    changes: 0,
    version: status === 'open' ? 1 : 2,
    ...(status === 'kept' ? { keptAt: at, keptBy: 'owner@example.com', keptOnTime: true } : {}),
  };
  return { ...promiseKeys.promise(caseId, 'p1'), entity: 'promise', ...(status === 'open' ? { gsi1pk: promiseKeys.open, gsi1sk: promiseKeys.openSort(promise) } : {}), ...promise };
}

/** A stored, answered check-in as the check-in repository writes it ("Not yet" ones in the not-put-right index). */
function checkInItem(caseId: string, answer: 'yes' | 'not-yet', at: string): Record<string, unknown> {
  const record: CheckInRecord = { caseId, handling: 2, to: `${caseId}@example.com`, language: 'en', handledAt: at, handledBy: 'owner@example.com', dueAt: at, status: 'answered', sentAt: at, answer, answeredAt: at, counted: true, ...(answer === 'not-yet' ? { comment: 'Still waiting for the refund' } : {}) };
  return { ...checkInKeys.checkIn(caseId, 2), entity: 'check-in', ...(answer === 'not-yet' ? { gsi1pk: checkInKeys.notPutRight, gsi1sk: `${at}#${caseId}#2` } : {}), ...record, linkExpiresAt: at };
}

/**
 * Stores `count` feedback items over the last half year the way processing leaves them (one item
 * per feedback, plus each day's counters and lists), and the follow-through the owner left on the
 * complaints (a kept promise and an answered check-in per complaint, each day's follow-through
 * counters, a few promises still open and a few customers not put right yet), written in bulk for
 * speed.
 */
async function seed(documents: DynamoDBDocumentClient, table: string, count: number, now: Date, timeZone: string): Promise<void> {
  const days = 182;
  const today = localDate(now, timeZone);
  const perDay = Math.ceil(count / days);
  const items: Array<Record<string, unknown>> = [];
  let written = 0;
  for (let d = 0; d < days && written < count; d += 1) {
    const day = addDays(today, -d);
    const n = Math.min(perDay, count - written);
    for (let i = 0; i < n; i += 1) {
      const id = `bench-${day}-${i}`;
      const complaint = i % 4 === 0;
      items.push({
        pk: `FEEDBACK#${id}`,
        sk: '#FEEDBACK',
        id,
        channel: 'survey',
        receivedAt: `${day}T12:00:00.000Z`,
        processedAt: `${day}T12:00:01.000Z`,
        rawKey: `raw/${day}/${id}.json`,
        text: complaint ? 'We waited 40 minutes and the coffee was cold.' : 'Lovely as always, thank you Donna!',
        customer: { email: `c${i}@example.com` },
        orderIds: [],
        classification: { sentiment: complaint ? 'negative' : 'positive', score: complaint ? -0.6 : 0.8, complaint, urgent: false, cues: [], topics: complaint ? ['wait-time'] : [], language: 'en' },
        complaint,
        ...(complaint && d > 14 ? {} : complaint ? { gsi2pk: 'OPEN#COMPLAINTS', gsi2sk: `${day}T12:00:00.000Z#${id}` } : {}),
      });
      if (complaint) {
        // The complaint's case was promised something (kept, so out of the open-promise index) and checked in on (answered Yes).
        const caseId = `bench${String(written + i).padStart(11, '0')}`;
        const at = `${day}T12:00:00.000Z`;
        items.push(promiseItem(caseId, day, 'kept', at), checkInItem(caseId, 'yes', at));
      }
    }
    const complaints = Math.ceil(n / 4);
    items.push({
      ...figureKeys.day(day),
      [FIGURE.casesOpened]: complaints,
      [FIGURE.answered48h]: complaints - 1,
      [FIGURE.firstAnswers]: complaints,
      [FIGURE.firstHandled]: complaints,
      [FIGURE.checkInsSent]: complaints,
      // One customer in five days not put right at first.
      [FIGURE.recovered]: complaints - (d % 5 === 0 ? 1 : 0),
      [FIGURE.notPutRight]: d % 5 === 0 ? 1 : 0,
      [FIGURE.promisesMade]: complaints,
      [FIGURE.promisesDue]: complaints,
      [FIGURE.promisesKeptOnTime]: complaints,
      h_answer_5: complaints,
      h_handled_30: complaints,
    });
    items.push({ pk: `DAY#${day}`, sk: '#STATS', feedback: n, feedback_survey: n, complaints: Math.ceil(n / 4), negative: Math.ceil(n / 4), survey_responses: n, promoters: Math.floor(n / 2), detractors: Math.ceil(n / 4), orders: n, order_value: n * 20 });
    for (const topic of TOPICS) items.push({ pk: `DAY#${day}`, sk: `TOPIC#${topic}`, day, topic, complaints: Math.ceil(n / 16), quote: 'We waited 40 minutes.', ids: [] });
    items.push({ pk: `DAY#${day}`, sk: `PRAISE#${day}T12:00:00.000Z#p`, id: 'p', at: `${day}T12:00:00.000Z`, channel: 'survey', quote: 'Thank you Donna!', customer: 'Jo', staff: ['Donna'] });
    written += n;
  }
  // A few promises still open (two overdue, three due this week) and three customers not put right yet.
  for (let i = 0; i < 5; i += 1) {
    const dueDate = addDays(today, i < 2 ? -3 - i : i);
    const caseId = `benchopen${String(i).padStart(7, '0')}`;
    items.push(promiseItem(caseId, dueDate, 'open', `${today}T09:00:00.000Z`));
  }
  for (let i = 0; i < 3; i += 1) {
    const caseId = `benchnpr${String(i).padStart(8, '0')}`;
    const at = `${addDays(today, -1)}T10:0${i}:00.000Z`;
    items.push(checkInItem(caseId, 'not-yet', at));
  }
  for (let i = 0; i < items.length; i += 25) {
    let request: Record<string, Array<{ PutRequest: { Item: Record<string, unknown> } }>> | undefined = {
      [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (request && Object.keys(request).length) {
      const result = await documents.send(new BatchWriteCommand({ RequestItems: request }));
      request = result.UnprocessedItems as typeof request;
    }
  }
}

/**
 * The digest's cost over 1,000 and over 100,000 stored items: DynamoDB requests, read units and
 * time. It reads the 14 day partitions, one page of open complaints and one of top customers, and
 * for promises and recoveries one query of the 90 days' counters and the open-promise and
 * not-put-right indexes, so neither figure grows with the history.
 */
export async function benchDigest(sizes = [1_000, 100_000]): Promise<void> {
  for (const count of sizes) {
    const dataDir = mkdtempSync(join(tmpdir(), 'earshot-digest-bench-'));
    const dynamo = await startDynamo();
    const cfg = loadConfig({ ...process.env, EARSHOT_DATA_DIR: dataDir, EARSHOT_DYNAMODB_ENDPOINT: dynamo.endpoint, EARSHOT_TABLE_NAME: `earshot-digest-${count}` });
    try {
      const documents = createDynamoClient(cfg);
      await provisionTable(documents, cfg.aws.tableName);
      const now = new Date();
      const seeding = performance.now();
      await seed(documents, cfg.aws.tableName, count, now, cfg.business.timeZone);
      const seededMs = performance.now() - seeding;
      const meter = meterDynamo(documents);
      const started = performance.now();
      // The digest function's own adapters (with the follow-through's figures, promises and check-ins) over the metered client.
      const digest = await buildWeeklyDigest(createDigestDeps(cfg, { dynamo: documents }, () => now), digestPeriod(now, cfg.business.timeZone, 'now'));
      const ms = performance.now() - started;
      console.log(
        `${count.toLocaleString('en-US').padStart(7)} stored items: digest in ${ms.toFixed(0)} ms, ${meter.usage.requests} DynamoDB requests, ${meter.usage.readUnits.toFixed(1)} read units (${digest.volume.now} items this week; promises and recoveries: ${digest.followThrough ? `${digest.followThrough.figures.days90.recovered} of ${digest.followThrough.figures.days90.answered} recovered in 90 days, ${digest.followThrough.figures.promises.overdueCount} overdue` : 'none'}; seeded in ${(seededMs / 1000).toFixed(1)} s)`,
      );
    } finally {
      await dynamo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDigest(process.argv[2] ? process.argv.slice(2).map(Number) : undefined);
