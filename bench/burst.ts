import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { signMention } from '#shared/domain/mention.ts';
import { localDate } from '#shared/domain/week.ts';
import { percentile, startStackProcess } from './local-stack.ts';

/** The local defaults the stack process runs with (`npm start` without any settings). */
const API_KEY = 'local-dev-key';
const WEBHOOK_SECRET = 'local-dev-secret';

interface Request {
  kind: 'ordinary' | 'urgent';
  send(url: string): Promise<{ status: number; id?: string }>;
  /** The subject of the alert an urgent item raises. */
  alertSubject?: string;
}

async function post(url: string, path: string, headers: Record<string, string>, body: string | Buffer): Promise<{ status: number; id?: string }> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers, body, signal: AbortSignal.timeout(60_000) });
  const answer = (await response.json().catch(() => ({}))) as { id?: string };
  return { status: response.status, ...(answer.id ? { id: answer.id } : {}) };
}

function mentionRequest(i: number): Request {
  const body = JSON.stringify({
    source: 'Bluesky',
    externalId: `at://did:plc:burst/app.bsky.feed.post/${i}`,
    author: { handle: `@fan${i}.bsky.social`, name: `Fan ${i}` },
    text: ['Lovely bread this morning, thank you!', 'Queue was long but the croissants were worth it', 'Picked up a cake for the weekend', 'Best sourdough in town'][i % 4]!,
    publishedAt: new Date().toISOString(),
  });
  return {
    kind: 'ordinary',
    send: (url) => {
      const timestamp = Math.floor(Date.now() / 1000);
      return post(url, '/v1/mentions', { 'content-type': 'application/json', 'x-earshot-timestamp': String(timestamp), 'x-earshot-signature': signMention(WEBHOOK_SECRET, timestamp, body) }, body);
    },
  };
}

function surveyRequest(token: string, score: number, comment: string, kind: Request['kind'], alertSubject?: string): Request {
  return {
    kind,
    ...(alertSubject ? { alertSubject } : {}),
    send: (url) => post(url, '/v1/survey-responses', { 'content-type': 'application/json' }, JSON.stringify({ token, score, comment })),
  };
}

function emailRequest(i: number, from: string, name: string, text: string, alertSubject: string): Request {
  const raw = [`From: ${name} <${from}>`, 'To: hello@shop.example', 'Subject: About my order', `Message-ID: <burst-urgent-${i}@mail.example>`, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
  return { kind: 'urgent', alertSubject, send: (url) => post(url, '/_local/inbound-email', { 'content-type': 'message/rfc822' }, Buffer.from(raw)) };
}

async function createOrder(url: string, orderId: string, email: string, name: string): Promise<string> {
  const response = await fetch(`${url}/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ orderId, customer: { email, name } }),
  });
  if (response.status !== 202) throw new Error(`order ${orderId} got ${response.status}`);
  return new URL(((await response.json()) as { surveyUrl: string }).surveyUrl).pathname.split('/').pop()!;
}

/** CPU seconds (user and system, every thread) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    // Fields 14 and 15 after the command name: utime and stime, in clock ticks (100 a second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** The machine's load averages (1, 5, 15 minutes), as `uptime` prints them. */
function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
}

/** Runs `tasks` with at most `concurrency` at a time. */
async function pool<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

/**
 * A burst on the local stack (`npm start` in a child process): `ordinary` items (mentions and
 * survey answers, none of which alerts) sent at `concurrency`, with `urgent` ones mixed in at even
 * intervals (illness in a survey answer, a legal threat by email, and second complaints by email
 * from customers who complained before the burst). Prints each urgent item's request-to-alert
 * latency, the burst's throughput, and the exactly-once counts. Loopback only, bounded in count
 * and time (`limitMs`).
 */
export async function benchBurst(options: { ordinary: number; urgent: number; concurrency: number; limitMs?: number }): Promise<void> {
  const limit = Date.now() + (options.limitMs ?? 15 * 60_000);
  const stack = await startStackProcess({ EARSHOT_MAX_ALERTS_PER_HOUR: '1000', EARSHOT_RECURRING_TOPIC_THRESHOLD: '100' });
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: stack.endpoints.dynamodb, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
  const sqs = new SQSClient({ region: 'us-east-1', endpoint: stack.endpoints.sqs, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    // Set-up (not measured): orders for the survey answers, and a first complaint of each customer
    // whose second complaint comes in the burst.
    const surveyShare = Math.floor(options.ordinary / 5);
    const repeaters = Math.floor(options.urgent / 4);
    const ill = Math.ceil(options.urgent / 2);
    const legal = options.urgent - ill - repeaters;
    const tokens = await pool(
      Array.from({ length: surveyShare + ill + repeaters }, (_, i) => () => createOrder(stack.url, `BURST-${i}`, `buyer${i}@example.com`, `Buyer ${i}`)),
      10,
    );
    const firstComplaints = tokens.slice(surveyShare + ill);
    const day = localDate(new Date(), 'UTC');
    const counted = async () => Number((await dynamo.send(new GetCommand({ TableName: 'earshot', Key: { pk: `DAY#${day}`, sk: '#STATS' }, ConsistentRead: true }))).Item?.feedback ?? 0);
    const initial = await counted();
    for (const [i, token] of firstComplaints.entries()) {
      const answer = await post(stack.url, '/v1/survey-responses', { 'content-type': 'application/json' }, JSON.stringify({ token, score: 4, comment: 'The bread was stale.' }));
      if (answer.status !== 202) throw new Error(`first complaint ${i} got ${answer.status}`);
    }
    const setupAlerts = firstComplaints.length;
    const deadlineSetup = Date.now() + 120_000;
    for (;;) {
      const outbox = (await (await fetch(`${stack.url}/_local/outbox`)).json()) as Array<{ subject: string }>;
      if (outbox.filter((e) => e.subject.startsWith('New complaint from')).length >= setupAlerts || Date.now() > deadlineSetup) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // The first complaints are counted after their alerts are sent: wait for their counts too.
    while ((await counted()) < initial + firstComplaints.length && Date.now() < deadlineSetup) await new Promise((r) => setTimeout(r, 100));
    const before = await counted();

    // The burst: ordinary items with the urgent ones spread evenly through it.
    const ordinary: Request[] = Array.from({ length: options.ordinary }, (_, i) =>
      i < surveyShare ? surveyRequest(tokens[i]!, 9 + (i % 2), 'Lovely, thank you.', 'ordinary') : mentionRequest(i),
    );
    for (let i = ordinary.length - 1; i > 0; i -= 1) {
      const j = (i * 7919) % (i + 1);
      [ordinary[i], ordinary[j]] = [ordinary[j]!, ordinary[i]!];
    }
    const urgent: Request[] = [
      ...Array.from({ length: ill }, (_, k) => surveyRequest(tokens[surveyShare + k]!, 1, 'My whole family got food poisoning after the chicken pie.', 'urgent', `URGENT: Illness reported by Buyer ${surveyShare + k}`)),
      ...Array.from({ length: legal }, (_, k) => emailRequest(k, `writer${k}@example.com`, `Writer ${k}`, 'You overcharged me again and I am calling my lawyer to sue you.', `URGENT: Legal action mentioned by Writer ${k}`)),
      ...Array.from({ length: repeaters }, (_, k) => {
        const n = surveyShare + ill + k;
        return emailRequest(1000 + k, `buyer${n}@example.com`, `Buyer ${n}`, 'Again the bread was stale and the staff were rude. Not happy.', `URGENT: Second complaint from Buyer ${n}`);
      }),
    ];
    const requests: Request[] = [...ordinary];
    urgent.forEach((item, k) => requests.splice(Math.floor(((k + 0.5) * requests.length) / urgent.length), 0, item));

    const acknowledged = new Map<Request, { at: number; id?: string }>();
    const alerted = new Map<string, number>();
    let watching = true;
    const watcher = (async () => {
      while (watching && Date.now() < limit) {
        // Straight from the SES emulator's store (not through the front door, busy with the burst).
        const store = (await (await fetch(`${stack.endpoints.ses}/store`)).json()) as { emails: Array<{ subject: string }> };
        const now = performance.now();
        for (const email of store.emails) if (!alerted.has(email.subject)) alerted.set(email.subject, now);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const loadBefore = load();
    const cpuBefore = cpuSeconds(stack.child.pid);
    const started = performance.now();
    const answers = await pool(
      requests.map((request) => async () => {
        const answer = await request.send(stack.url);
        acknowledged.set(request, { at: performance.now(), ...(answer.id ? { id: answer.id } : {}) });
        return answer;
      }),
      options.concurrency,
    );
    const ingested = performance.now();
    const refused = answers.filter((a) => a.status !== 202).length;
    let processedAt = ingested;
    for (;;) {
      if ((await counted()) - before >= requests.length || Date.now() > limit) break;
      await new Promise((r) => setTimeout(r, 200));
      processedAt = performance.now();
    }
    const deadlineAlerts = Date.now() + 30_000;
    while (urgent.some((u) => !alerted.has(u.alertSubject!)) && Date.now() < Math.min(limit, deadlineAlerts)) await new Promise((r) => setTimeout(r, 50));
    watching = false;
    await watcher;

    // Exactly once: every acknowledged item is one record and one count; each urgent item one alert.
    const ids = [...acknowledged.values()].map((a) => a.id).filter((id): id is string => Boolean(id));
    let records = 0;
    for (let i = 0; i < ids.length; i += 100) {
      const result = await dynamo.send(new BatchGetCommand({ RequestItems: { earshot: { Keys: ids.slice(i, i + 100).map((id) => ({ pk: `FEEDBACK#${id}`, sk: '#FEEDBACK' })), ProjectionExpression: 'id' } } }));
      records += result.Responses?.earshot?.length ?? 0;
    }
    const outbox = (await (await fetch(`${stack.url}/_local/outbox`)).json()) as Array<{ subject: string }>;
    const urgentEmails = outbox.filter((e) => urgent.some((u) => u.alertSubject === e.subject));
    const otherAlerts = outbox.filter((e) => e.subject.startsWith('URGENT:') && !urgent.some((u) => u.alertSubject === e.subject));
    let deadLetters = 0;
    for (const url of ((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).filter((u) => u.endsWith('-dlq'))) {
      deadLetters += Number((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes?.ApproximateNumberOfMessages ?? 0);
    }
    const latencies = urgent.map((u) => (alerted.get(u.alertSubject!) ?? Number.NaN) - (acknowledged.get(u)?.at ?? Number.NaN)).filter((ms) => Number.isFinite(ms));
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
    const finalCount = (await counted()) - before;
    const cpuUsed = cpuSeconds(stack.child.pid);

    console.log(`burst: ${options.ordinary} ordinary items (${surveyShare} survey answers, ${options.ordinary - surveyShare} mentions) and ${urgent.length} urgent (${ill} illness, ${legal} legal, ${repeaters} second complaints), ${options.concurrency} concurrent requests`);
    console.log(`acknowledged: ${answers.length - refused} of ${answers.length} in ${seconds(ingested - started)} (${((answers.length / (ingested - started)) * 1000).toFixed(0)} requests/s)${refused ? `, ${refused} refused` : ''}`);
    console.log(
      `processed: ${finalCount} of ${requests.length} in ${seconds(processedAt - started)} from the first request (${((finalCount / (processedAt - started)) * 1000).toFixed(0)} items/s)${finalCount >= requests.length ? `, all done ${seconds(processedAt - ingested)} after the last acknowledgement` : `, NOT all within the bench's ${seconds(options.limitMs ?? 15 * 60_000)}`}`,
    );
    console.log(
      `urgent alert after its request: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))} over ${latencies.length} of ${urgent.length}   (target p95 < 1000 ms)`,
    );
    console.log(
      `exactly once: ${records} records for ${ids.length} acknowledged ids, day counter +${finalCount}, ${urgentEmails.length} alert emails for ${urgent.length} urgent items (${new Set(urgentEmails.map((e) => e.subject)).size} distinct), ${otherAlerts.length} other urgent alerts, ${deadLetters} in dead-letter queues`,
    );
    console.log(
      `the stack's CPU time during the burst: ${cpuBefore !== undefined && cpuUsed !== undefined ? `${(cpuUsed - cpuBefore).toFixed(1)} s (${(((cpuUsed - cpuBefore) * 1000) / Math.max(1, finalCount)).toFixed(1)} ms per item, every thread)` : 'not measured (no /proc)'}; load average (1, 5, 15 min) ${loadBefore} at the start, ${load()} at the end`,
    );
  } finally {
    dynamo.destroy();
    sqs.destroy();
    await stack.stop();
  }
}
