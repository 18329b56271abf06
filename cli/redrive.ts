import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import { QUEUES, type QueueKey } from '#infra/definitions.ts';
import { loadConfig } from '#shared/config.ts';

/** A queue and its dead-letter queue, by URL. */
export interface QueuePair {
  url: string;
  dlqUrl: string;
}

/** What one redrive moved. */
export interface RedriveCounts {
  moved: number;
}

/**
 * Moves every message in `pair.dlqUrl` back to `pair.url`, ten at a time: each batch is sent
 * (same body and attributes) before it is deleted from the dead-letter queue, so a failure in
 * between leaves a copy in both and nothing is lost (the consumers are idempotent). Stops when the
 * dead-letter queue answers empty, or after `max` messages.
 */
export async function redriveQueue(sqs: SQSClient, pair: QueuePair, options: { max?: number; dryRun?: boolean } = {}): Promise<RedriveCounts> {
  const max = options.max ?? Number.POSITIVE_INFINITY;
  if (options.dryRun) {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: pair.dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    return { moved: Math.min(max, Number(Attributes?.ApproximateNumberOfMessages ?? 0)) };
  }
  let moved = 0;
  while (moved < max) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: pair.dlqUrl,
        MaxNumberOfMessages: Math.min(10, max - moved),
        WaitTimeSeconds: 1,
        // Long enough to send and delete the batch.
        VisibilityTimeout: 60,
        MessageAttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (!messages.length) break;
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: pair.url,
        Entries: messages.map((m, i) => ({
          Id: String(i),
          MessageBody: m.Body ?? '',
          ...(m.MessageAttributes && Object.keys(m.MessageAttributes).length ? { MessageAttributes: m.MessageAttributes as Record<string, MessageAttributeValue> } : {}),
        })),
      }),
    );
    const ok = new Set((sent.Successful ?? []).map((s) => Number(s.Id)));
    const toDelete = messages.filter((_, i) => ok.has(i));
    if (toDelete.length) {
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: pair.dlqUrl, Entries: toDelete.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
    }
    moved += toDelete.length;
    if (sent.Failed?.length) throw new Error(`could not send ${sent.Failed.length} message(s) back: ${sent.Failed[0]!.Message ?? sent.Failed[0]!.Code}`);
  }
  return { moved };
}

/** The running local stack's queues and SQS endpoint, when one answers on `port`. */
async function localQueues(port: number): Promise<{ endpoint: string; queues: Record<QueueKey, QueuePair> } | undefined> {
  try {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3_000) });
    if (!health.ok) return undefined;
    const answer = await fetch(`http://127.0.0.1:${port}/_local/queues`, { signal: AbortSignal.timeout(5_000) });
    return answer.ok ? ((await answer.json()) as { endpoint: string; queues: Record<QueueKey, QueuePair> }) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The deployed queues: named by CloudFormation `<data stack>-<logical id><hash>-<suffix>`, the
 * logical ids coming from the shared definitions (`FeedbackQueue`, `FeedbackQueueDeadLetters`).
 */
async function deployedQueues(sqs: SQSClient, dataStack: string): Promise<Partial<Record<QueueKey, QueuePair>>> {
  const found: Partial<Record<QueueKey, QueuePair>> = {};
  for (const key of Object.keys(QUEUES) as QueueKey[]) {
    const id = QUEUES[key].id;
    const urls: string[] = [];
    let token: string | undefined;
    do {
      const page = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: `${dataStack}-${id}`, ...(token ? { NextToken: token } : {}) }));
      urls.push(...(page.QueueUrls ?? []));
      token = page.NextToken;
    } while (token);
    const name = (url: string) => url.slice(url.lastIndexOf('/') + 1);
    const url = urls.find((u) => new RegExp(`^${dataStack}-${id}[0-9A-F]{8}-`).test(name(u)));
    const dlqUrl = urls.find((u) => new RegExp(`^${dataStack}-${id}DeadLetters[0-9A-F]{8}-`).test(name(u)));
    if (url && dlqUrl) found[key] = { url, dlqUrl };
  }
  return found;
}

const USAGE = `Usage: npm run -s earshot -- redrive [--queue ${Object.keys(QUEUES).join('|')}|all] [--max N] [--dry-run] [--stack NAME]
Moves the messages of the dead-letter queues back to their queues, after the cause is fixed.
Locally it uses the running stack (EARSHOT_PORT); in AWS the queues of the data stack (--stack,
default EarshotData, or EARSHOT_DATA_STACK), found by their names, with your AWS credentials.
`;

/** `earshot redrive`: moves dead-letter messages back to their queues (locally or in AWS). */
export async function redriveCommand(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  if (args.includes('--help')) {
    out.write(USAGE);
    return 0;
  }
  const which = option('--queue') ?? 'all';
  const keys = which === 'all' ? (Object.keys(QUEUES) as QueueKey[]) : (Object.keys(QUEUES) as QueueKey[]).filter((k) => k === which || QUEUES[k].name === which);
  if (!keys.length) {
    err.write(`Unknown queue: ${which}\n\n${USAGE}`);
    return 2;
  }
  const max = option('--max') ? Number(option('--max')) : undefined;
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
    err.write(`--max needs a positive whole number\n\n${USAGE}`);
    return 2;
  }
  const cfg = loadConfig(process.env);
  const local = await localQueues(cfg.http.port);
  const sqs = local
    ? new SQSClient({ region: cfg.aws.region, endpoint: local.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
    : new SQSClient({ region: cfg.aws.region, ...(cfg.aws.endpoints.sqs ? { endpoint: cfg.aws.endpoints.sqs } : {}) });
  try {
    const queues = local?.queues ?? (await deployedQueues(sqs, option('--stack') ?? process.env.EARSHOT_DATA_STACK ?? 'EarshotData'));
    let total = 0;
    for (const key of keys) {
      const pair = queues[key];
      if (!pair) {
        err.write(`${QUEUES[key].name}: no such queue found${local ? '' : ' in the data stack'}\n`);
        return 1;
      }
      const { moved } = await redriveQueue(sqs, pair, { ...(max !== undefined ? { max: max - total } : {}), dryRun: args.includes('--dry-run') });
      total += moved;
      out.write(`${QUEUES[key].name}: ${moved} message${moved === 1 ? '' : 's'} ${args.includes('--dry-run') ? 'waiting in' : 'moved back from'} the dead-letter queue\n`);
      if (max !== undefined && total >= max) break;
    }
    return 0;
  } finally {
    sqs.destroy();
  }
}
