import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { meterDynamo } from '#shared/adapters/dynamo-metrics.ts';
import { loadConfig } from '#shared/config.ts';
import { addDays, localDate } from '#shared/domain/week.ts';
import { buildWeeklyDigest, digestPeriod } from '#shared/use-cases/digest.ts';
import { createAllAdapters } from '#infra/local/adapters.ts';
import { startDynamo } from '#infra/local/emulators.ts';
import { provisionTable } from '#infra/local/provision.ts';

const TOPICS = ['wait-time', 'product-quality', 'delivery', 'staff-attitude'];

/**
 * Stores `count` feedback items over the last half year the way processing leaves them (one item
 * per feedback, plus each day's counters and lists), written in bulk for speed.
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
        text: complaint ? 'We waited 40 minutes and the coffee was cold.' : 'Lovely as always, thank you Donna!',
        customer: { email: `c${i}@example.com` },
        complaint,
        ...(complaint && d > 14 ? {} : complaint ? { gsi2pk: 'OPEN#COMPLAINTS', gsi2sk: `${day}T12:00:00.000Z#${id}` } : {}),
      });
    }
    items.push({ pk: `DAY#${day}`, sk: '#STATS', feedback: n, feedback_survey: n, complaints: Math.ceil(n / 4), negative: Math.ceil(n / 4), survey_responses: n, promoters: Math.floor(n / 2), detractors: Math.ceil(n / 4), orders: n, order_value: n * 20 });
    for (const topic of TOPICS) items.push({ pk: `DAY#${day}`, sk: `TOPIC#${topic}`, day, topic, complaints: Math.ceil(n / 16), quote: 'We waited 40 minutes.', ids: [] });
    items.push({ pk: `DAY#${day}`, sk: `PRAISE#${day}T12:00:00.000Z#p`, id: 'p', at: `${day}T12:00:00.000Z`, channel: 'survey', quote: 'Thank you Donna!', customer: 'Jo', staff: ['Donna'] });
    written += n;
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
 * time. It reads the 14 day partitions, one page of open complaints and one of top customers, so
 * neither figure grows with the history.
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
      const digest = await buildWeeklyDigest(createAllAdapters(cfg, documents), digestPeriod(now, cfg.business.timeZone, 'now'));
      const ms = performance.now() - started;
      console.log(
        `${count.toLocaleString('en-US').padStart(7)} stored items: digest in ${ms.toFixed(0)} ms, ${meter.usage.requests} DynamoDB requests, ${meter.usage.readUnits.toFixed(1)} read units (${digest.volume.now} items this week; seeded in ${(seededMs / 1000).toFixed(1)} s)`,
      );
    } finally {
      await dynamo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDigest(process.argv[2] ? process.argv.slice(2).map(Number) : undefined);
