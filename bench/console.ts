import './quiet.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeConsoleApp } from '#functions/console/app.ts';
import { createConsoleDeps } from '#functions/console/deps.ts';
import { createClients } from '#infra/local/clients.ts';
import { caseKeys } from '#shared/adapters/dynamo-cases.ts';
import { SESSION } from '#shared/adapters/dynamo/table.ts';
import { meterDynamo } from '#shared/adapters/dynamo-metrics.ts';
import { caseIdFor, inboxSortKey, type CaseRecord } from '#shared/domain/case.ts';
import { randomToken, sessionCookieValue, tokenHash } from '#shared/domain/console-tokens.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { percentile } from './local-stack.ts';

const LINK_SECRET = 'bench-link-secret-0123456789abcdef';
const CHANNELS = ['survey', 'email', 'social'] as const;
const NAMES = ['Maria Lopez', 'Jonas Weber', 'Pat Quinn', 'Ana Silva', 'Sam Okafor', 'Lea Martin', 'Tom Berg', 'Ines Costa'];

/**
 * Stores `total` items the way processing and the console leave them: cases (a tenth open) with
 * three timeline events and their search entries each, and the feedback items they quote.
 */
async function seed(documents: DynamoDBDocumentClient, table: string, total: number, now: Date): Promise<CaseRecord[]> {
  const perCase = 8; // case + 3 events + 3 search entries + 1 feedback item
  const cases: CaseRecord[] = [];
  const items: Array<Record<string, unknown>> = [];
  for (let i = 0; items.length + perCase <= total; i += 1) {
    const feedbackId = `bench-${i}`;
    const openedAt = new Date(now.getTime() - (i % 180) * 86_400_000 - i * 1000).toISOString();
    const channel = CHANNELS[i % 3]!;
    const name = `${NAMES[i % NAMES.length]} ${i}`;
    const open = i % 10 === 0;
    const record: CaseRecord = {
      caseId: caseIdFor(feedbackId),
      status: open ? (i % 20 === 0 ? 'new' : 'acknowledged') : 'handled',
      urgent: i % 7 === 0,
      channel,
      openedAt,
      updatedAt: openedAt,
      openedBy: feedbackId,
      customerId: `c_${i}`,
      customer: { name, email: `customer${i}@example.com` },
      quote: 'We waited 40 minutes and the coffee was cold when it came.',
      feedbackIds: [feedbackId],
      alertKeys: [`complaint:${feedbackId}`],
      orderIds: [`B-${i}`],
      replies: open ? 0 : 1,
      version: 3,
      ...(open ? {} : { handledAt: openedAt, firstResponseAt: openedAt }),
    };
    cases.push(record);
    const sort = inboxSortKey(record);
    const handled = record.status === 'handled';
    items.push({ ...caseKeys.case(record.caseId), ...record, gsi1pk: caseKeys.list(handled), gsi1sk: sort, gsi2pk: caseKeys.listByChannel(handled, channel), gsi2sk: sort });
    for (const [n, kind] of ['opened', 'alert', open ? 'note' : 'handled'].entries()) {
      items.push({ ...caseKeys.event(record.caseId, `${openedAt}#${n}`), caseId: record.caseId, eventId: `${openedAt}#${n}`, at: openedAt, kind, by: n ? 'owner@example.com' : 'Earshot', text: kind === 'note' ? 'Called, no answer.' : undefined });
    }
    for (const finder of [`email:customer${i}@example.com`, `name:${name.split(' ')[0]!.toLowerCase()}`, `customer:c_${i}`]) {
      items.push({ pk: `CASEFIND#${finder}`, sk: `${openedAt}#${record.caseId}`, caseId: record.caseId });
    }
    items.push({
      pk: `FEEDBACK#${feedbackId}`,
      sk: '#FEEDBACK',
      id: feedbackId,
      channel,
      receivedAt: openedAt,
      processedAt: openedAt,
      rawKey: `raw/${feedbackId}`,
      text: 'We waited 40 minutes and the coffee was cold when it came. Nobody said sorry.',
      customer: { name, email: `customer${i}@example.com` },
      orderIds: [`B-${i}`],
      classification: { sentiment: 'negative', score: -0.6, complaint: true, urgent: false, cues: [], topics: ['wait-time'], language: 'en' },
      complaint: true,
      customerId: `c_${i}`,
      caseId: record.caseId,
    });
  }
  const writes = items.map((Item) => ({ PutRequest: { Item: JSON.parse(JSON.stringify(Item)) as Record<string, unknown> } }));
  for (let i = 0; i < writes.length; i += 25) {
    let request: Record<string, typeof writes> | undefined = { [table]: writes.slice(i, i + 25) };
    while (request && Object.keys(request).length) request = (await documents.send(new BatchWriteCommand({ RequestItems: request }))).UnprocessedItems as typeof request;
  }
  return cases;
}

/**
 * The console's inbox and case pages on the local stack over `total` stored items: time to first
 * byte through the local HTTP server (p50, p95) and DynamoDB requests per page (counted on a
 * metered copy of the same app), none of them a scan.
 */
export async function benchConsole(total = 100_000, samples = 200): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-console-bench-'));
  const stack = await startLocalStack({
    env: { ...process.env, EARSHOT_PORT: '0', EARSHOT_DATA_DIR: dataDir, EARSHOT_LINK_SECRET: LINK_SECRET, POWERTOOLS_LOG_LEVEL: 'ERROR' },
    schedules: false,
  });
  try {
    const clients = createClients(stack.config);
    const seeding = performance.now();
    const cases = await seed(clients.dynamo, stack.config.aws.tableName, total, new Date());
    const seededMs = performance.now() - seeding;
    const token = randomToken();
    await clients.dynamo.send(
      new BatchWriteCommand({
        RequestItems: {
          [stack.config.aws.tableName]: [{ PutRequest: { Item: SESSION.item({ hash: tokenHash(token) }, { email: 'owner@example.com', createdAt: new Date().toISOString(), validUntil: new Date(Date.now() + 86_400_000 * 30).toISOString() }) } }],
        },
      }),
    );
    const cookie = `earshot_session=${sessionCookieValue(LINK_SECRET, token)}`;
    const open = cases.filter((c) => c.status !== 'handled');
    const pages: Array<[string, (i: number) => string]> = [
      ['inbox (open cases)', () => '/console'],
      ['inbox, one channel', (i) => `/console?channel=${CHANNELS[i % 3]}`],
      ['inbox, handled', () => '/console?status=handled'],
      ['inbox, search by name', (i) => `/console?q=${NAMES[i % NAMES.length]!.split(' ')[0]}`],
      ['case page', (i) => `/console/cases/${open[(i * 7) % open.length]!.caseId}`],
    ];
    const metered = createConsoleDeps(stack.config, clients);
    const meter = meterDynamo(clients.dynamo);
    const app = makeConsoleApp({ ...metered, secrets: { apiKey: async () => 'bench', linkKeys: async () => ({ current: LINK_SECRET, previous: [] }) } });
    console.log(`${total.toLocaleString('en-US')} stored items (${cases.length.toLocaleString('en-US')} cases, ${open.length.toLocaleString('en-US')} open), seeded in ${(seededMs / 1000).toFixed(1)} s`);
    for (const [name, path] of pages) {
      for (let i = 0; i < 5; i += 1) await fetch(`${stack.url}${path(i)}`, { headers: { cookie } }).then((r) => r.text());
      const ttfb: number[] = [];
      for (let i = 0; i < samples; i += 1) {
        const started = performance.now();
        const response = await fetch(`${stack.url}${path(i)}`, { headers: { cookie } });
        ttfb.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`${path(i)} answered ${response.status}`);
        await response.text();
      }
      meter.reset();
      const response = await app.request(path(1), { headers: { cookie } });
      if (response.status !== 200) throw new Error(`${path(1)} answered ${response.status} in the metered app`);
      const ops = Object.entries(meter.usage.byOperation).map(([op, n]) => `${n} ${op.replace('Command', '')}`).join(', ');
      console.log(
        `${name.padEnd(24)} TTFB p50 ${percentile(ttfb, 50).toFixed(1)} ms, p95 ${percentile(ttfb, 95).toFixed(1)} ms (target p95 < 150 ms); ${meter.usage.requests} DynamoDB requests (${ops}), ${meter.usage.readUnits.toFixed(1)} read units, no scan: ${!meter.usage.byOperation.ScanCommand}`,
      );
    }
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchConsole(process.argv[2] ? Number(process.argv[2]) : undefined);
