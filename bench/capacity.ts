import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDynamoClient } from '#shared/adapters/dynamo-client.ts';
import { meterDynamo } from '#shared/adapters/dynamo-metrics.ts';
import { loadConfig } from '#shared/config.ts';
import type { FeedbackMessage } from '#shared/domain/feedback.ts';
import { acceptOrder } from '#shared/use-cases/orders.ts';
import { processFeedback } from '#shared/use-cases/process-feedback.ts';
import { createOrdersDeps } from '#functions/orders/deps.ts';
import { createProcessFeedbackDeps } from '#functions/process-feedback/deps.ts';
import { createClients } from '#infra/local/clients.ts';
import { startDynamo, startSes, startSqsS3, type Emulator } from '#infra/local/emulators.ts';
import { provisionBucket, provisionTable } from '#infra/local/provision.ts';

/** List prices (us-east-1, on-demand), stated in the output. */
const PRICES = {
  dynamoWriteUnitPerMillion: 0.625,
  dynamoReadUnitPerMillion: 0.125,
  lambdaGbSecondArm: 0.0000133334,
  lambdaRequestPerMillion: 0.2,
  sqsRequestPerMillion: 0.4,
  sesPerThousand: 0.1,
  s3PutPerThousand: 0.005,
};

const PRAISE = [
  'Donna at the front desk was lovely, thank you!',
  'Great coffee and friendly staff, we will be back.',
  'Fast delivery and the cake was perfect.',
];
const COMPLAINTS = [
  'We waited 45 minutes and the order was still wrong.',
  'Charged twice for one order, still no refund.',
  'The bread was stale and the staff were rude.',
];
const NEUTRAL = ['Ordered the usual.', 'Picked up at 5pm.', 'Is the shop open on Sundays?'];

/**
 * A small business's mix, per 20 items: 8 survey answers (6 happy, 1 so-so, 1 unhappy), 6 emails
 * (3 complaints, one of them from a customer who answered a survey unhappily before; 3 questions or
 * thanks) and 6 social posts (4 friendly or neutral, 1 negative, 1 five-star review).
 */
export function traffic(count: number, start = Date.now() - count * 60_000): FeedbackMessage[] {
  const messages: FeedbackMessage[] = [];
  for (let i = 0; i < count; i += 1) {
    const slot = i % 20;
    const receivedAt = new Date(start + i * 60_000).toISOString();
    const rawKey = `raw/bench/${i}.json`;
    const block = Math.floor(i / 20);
    if (slot < 8) {
      const score = slot === 7 ? 3 : slot === 6 ? 8 : 10;
      messages.push({
        version: 1,
        id: `survey-b${i}`,
        channel: 'survey',
        receivedAt,
        rawKey,
        text: score <= 6 ? COMPLAINTS[i % 3]! : score >= 9 ? PRAISE[i % 3]! : NEUTRAL[i % 3]!,
        customer: { email: `customer${i}@example.com`, name: `Customer ${i}` },
        orderIds: [`B-${i}`],
        survey: { surveyId: `b${i}`, score },
      });
    } else if (slot < 14) {
      // Slot 8 is the unhappy survey customer of this block writing again.
      const from = slot === 8 ? `CUSTOMER${block * 20 + 7}@Example.com` : `writer${i}@example.com`;
      messages.push({
        version: 1,
        id: `email-b${i}`,
        channel: 'email',
        receivedAt,
        rawKey,
        text: slot <= 10 ? COMPLAINTS[i % 3]! : slot === 13 ? PRAISE[i % 3]! : NEUTRAL[i % 3]!,
        customer: { email: from },
        orderIds: [],
        email: { subject: 'My order', messageId: `b${i}@mail.example.com`, threadId: `b${i}@mail.example.com` },
      });
    } else {
      messages.push({
        version: 1,
        id: `social-b${i}`,
        channel: 'social',
        receivedAt,
        rawKey,
        text: slot === 19 ? COMPLAINTS[i % 3]! : slot % 2 === 0 ? PRAISE[i % 3]! : NEUTRAL[i % 3]!,
        customer: { handle: `@fan${i}`, name: `Fan ${i}` },
        orderIds: [],
        mention: { source: 'bluesky', externalId: `p${i}`, publishedAt: receivedAt, ...(slot === 18 ? { rating: 5 } : {}) },
      });
    }
  }
  return messages;
}

/**
 * Processes a realistic mix of feedback against the emulators with a metered DynamoDB client and
 * prints requests and capacity units per item, and the estimated AWS cost per 10,000 items.
 */
export async function benchCapacity(count = 300): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-capacity-'));
  const emulators = (await Promise.all([startDynamo(), startSqsS3(), startSes()])) as [Emulator, Emulator, Emulator];
  const [dynamo, sqsS3, ses] = emulators;
  const cfg = loadConfig({
    ...process.env,
    EARSHOT_DATA_DIR: dataDir,
    EARSHOT_DYNAMODB_ENDPOINT: dynamo.endpoint,
    EARSHOT_SQS_ENDPOINT: sqsS3.endpoint,
    EARSHOT_S3_ENDPOINT: sqsS3.endpoint,
    EARSHOT_SES_ENDPOINT: ses.endpoint,
    EARSHOT_API_KEY: 'bench-api-key',
    EARSHOT_WEBHOOK_SECRET: 'bench-webhook',
    EARSHOT_LINK_SECRET: 'bench-link-secret-0123456789',
    EARSHOT_TABLE_NAME: 'earshot-bench',
    EARSHOT_MAX_ALERTS_PER_HOUR: '1000',
  });
  try {
    const clients = createClients(cfg);
    await provisionTable(clients.dynamo, cfg.aws.tableName);
    await provisionBucket(clients.s3, cfg.aws.rawBucket);
    const dynamoClient = createDynamoClient(cfg);
    const meter = meterDynamo(dynamoClient);
    const intake = createOrdersDeps(cfg, { dynamo: dynamoClient });
    const d = createProcessFeedbackDeps(cfg, { dynamo: dynamoClient, ses: clients.ses });
    const messages = traffic(count);
    // Orders come first (survey customers are known from their order); metered on their own.
    for (const m of messages.filter((m) => m.survey)) {
      await acceptOrder({ orderId: m.orderIds[0]!, customer: { email: m.customer.email!, name: m.customer.name! }, total: 30 }, intake, 'bench-link-secret-0123456789', 'http://127.0.0.1');
    }
    const orders = messages.filter((m) => m.survey).length;
    const orderUsage = { ...meter.usage };
    meter.reset();
    let alerts = 0;
    const started = performance.now();
    for (const message of messages) {
      const outcome = await processFeedback(message, d);
      alerts += outcome.alerts.filter((a) => a.result !== 'folded').length;
    }
    const elapsedMs = performance.now() - started;
    const { usage } = meter;
    const per = (n: number) => (n / count).toFixed(2);
    console.log(`order intake: ${(orderUsage.writeUnits / orders).toFixed(2)} write units, ${(orderUsage.readUnits / orders).toFixed(2)} read units per order`);
    console.log(`processed ${count} items (40% survey answers, 30% emails, 30% social; ${alerts} alerts sent)`);
    console.log(`DynamoDB per item: ${per(usage.requests)} requests, ${per(usage.readUnits)} read units, ${per(usage.writeUnits)} write units   (budget: <= 4 read, <= 6 write)`);
    console.log('  (write units include one per index entry a write adds or removes, as DynamoDB bills them)');
    console.log(
      `  by operation: ${Object.entries(usage.byOperation)
        .map(([op, n]) => `${op.replace('Command', '')} ${per(n)}`)
        .join(', ')}`,
    );
    const items = 10_000;
    const scale = items / count;
    const msPerItem = elapsedMs / count;
    const dynamoCost = (usage.writeUnits * scale * PRICES.dynamoWriteUnitPerMillion + usage.readUnits * scale * PRICES.dynamoReadUnitPerMillion) / 1e6;
    // Processing runs at 1 GB in batches of 10; ingest (API or mail) is one 512 MB call of ~50 ms per item.
    const lambdaCost =
      ((msPerItem / 1000) * 1 * items + 0.05 * 0.5 * items) * PRICES.lambdaGbSecondArm + ((items / 10 + items) / 1e6) * PRICES.lambdaRequestPerMillion;
    const sqsCost = ((items * 1.2) / 1e6) * PRICES.sqsRequestPerMillion;
    const sesCost = ((alerts * scale) / 1000) * PRICES.sesPerThousand;
    const s3Cost = (items / 1000) * PRICES.s3PutPerThousand;
    const total = dynamoCost + lambdaCost + sqsCost + sesCost + s3Cost;
    console.log(`estimated AWS cost per 10,000 items: $${total.toFixed(4)}`);
    console.log(
      `  DynamoDB $${dynamoCost.toFixed(4)}, Lambda $${lambdaCost.toFixed(4)} (${msPerItem.toFixed(1)} ms/item here), SQS $${sqsCost.toFixed(4)}, SES $${sesCost.toFixed(4)} (${Math.round(alerts * scale)} alerts), S3 $${s3Cost.toFixed(4)}`,
    );
    console.log(
      `  list prices: DynamoDB on-demand $${PRICES.dynamoWriteUnitPerMillion}/M write units, $${PRICES.dynamoReadUnitPerMillion}/M read units; Lambda ARM $${PRICES.lambdaGbSecondArm}/GB-s + $${PRICES.lambdaRequestPerMillion}/M requests; SQS $${PRICES.sqsRequestPerMillion}/M requests; SES $${PRICES.sesPerThousand}/1000 emails; S3 $${PRICES.s3PutPerThousand}/1000 PUTs`,
    );
  } finally {
    await Promise.all(emulators.map((e) => e.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
