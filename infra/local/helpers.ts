import { randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { RAW_BUCKET } from '#infra/definitions.ts';
import type { Clients } from '#infra/local/clients.ts';
import type { LocalHelper } from '#infra/local/http-server.ts';
import type { QueueUrls } from '#infra/local/provision.ts';
import type { Config } from '#shared/config.ts';
import { s3ObjectCreatedEvent } from '#shared/domain/s3-event.ts';
import { readInboundEmail } from '#shared/email/inbound-email.ts';
import { inboundEmailId } from '#shared/use-cases/ingest-email.ts';

/** One email as the local outbox lists it (contract: `GET /_local/outbox`). */
export interface OutboxEmail {
  id: string;
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
  headers: Record<string, string>;
}

/** Maps the SES emulator's store to the contract's outbox entries. */
export async function readOutbox(sesEndpoint: string): Promise<OutboxEmail[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  const store = (await response.json()) as {
    emails: Array<{
      messageId: string;
      from: string;
      destination: { to: string[] };
      subject: string;
      body: { text?: string; html?: string };
      headers?: Array<{ name: string; value: string }>;
      replyTo?: string[];
      at: number;
    }>;
  };
  return store.emails.map((email) => ({
    id: email.messageId,
    to: email.destination.to,
    from: email.from,
    subject: email.subject,
    text: email.body.text ?? '',
    html: email.body.html ?? '',
    sentAt: new Date(email.at * 1000).toISOString(),
    headers: {
      ...Object.fromEntries((email.headers ?? []).map((h) => [h.name, h.value])),
      ...(email.replyTo?.length ? { 'Reply-To': email.replyTo.join(', ') } : {}),
    },
  }));
}

/** How many messages wait in each dead-letter queue. */
export async function deadLetterCounts(sqs: Clients['sqs'], queues: QueueUrls): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [key, { dlqUrl }] of Object.entries(queues)) {
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    counts[key] = Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0);
  }
  return counts;
}

/**
 * Stores a raw message under `inbound/` in the raw-input bucket and sends S3's notification to the
 * inbound-email queue: the path mail takes in AWS (the SES receipt rule). Answers the feedback id
 * the message will have.
 */
export async function receiveInboundEmail(body: Buffer, cfg: Config, clients: Clients, queues: QueueUrls): Promise<string> {
  const now = new Date();
  const key = `${RAW_BUCKET.inboundPrefix}${now.toISOString().slice(0, 10)}/${randomBytes(12).toString('hex')}.eml`;
  await clients.s3.send(new PutObjectCommand({ Bucket: cfg.aws.rawBucket, Key: key, Body: body, ContentType: 'message/rfc822' }));
  await clients.sqs.send(
    new SendMessageCommand({ QueueUrl: queues.inboundEmail.url, MessageBody: JSON.stringify(s3ObjectCreatedEvent(cfg.aws.rawBucket, key, body.byteLength, now, cfg.aws.region)) }),
  );
  const verdict = await readInboundEmail(body);
  return inboundEmailId(key, verdict.email?.messageId);
}

/** What the `/_local/*` helpers act on. */
export interface HelperTargets {
  cfg: Config;
  clients: Clients;
  queues: QueueUrls;
  sesEndpoint: string;
  runInvitations(): Promise<unknown>;
  runReminders(): Promise<unknown>;
  runDigest(): Promise<unknown>;
  /** Runs the reconciler now (`{"graceSeconds": 0}` looks at inputs archived a moment ago too). */
  runReconcile(event: { graceSeconds?: number }): Promise<unknown>;
  /** The SQS endpoint, for `npm run -s earshot -- redrive` against the running stack. */
  sqsEndpoint: string;
  previewDigest(): Promise<unknown>;
}

/** The local-only HTTP helpers (contract: run the schedules now (invitations, reminders and check-ins, digest), read the outbox, feed inbound mail, count dead letters). */
export function localHelpers(targets: HelperTargets): Record<string, { handler: LocalHelper; maxBodyBytes: number }> {
  const { cfg, clients, queues } = targets;
  return {
    'POST /_local/run/invitations': { maxBodyBytes: 1024, handler: async () => ({ status: 200, body: await targets.runInvitations() }) },
    'POST /_local/run/reminders': { maxBodyBytes: 1024, handler: async () => ({ status: 200, body: await targets.runReminders() }) },
    'POST /_local/run/digest': { maxBodyBytes: 1024, handler: async () => ({ status: 200, body: await targets.runDigest() }) },
    'POST /_local/run/reconcile': {
      maxBodyBytes: 1024,
      handler: async (_req, _url, body) => {
        let event: unknown = {};
        try {
          event = body.byteLength ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          return { status: 400, body: { error: { code: 'invalid_request', message: 'body: expected JSON such as {"graceSeconds":0}' } } };
        }
        return { status: 200, body: await targets.runReconcile(typeof event === 'object' && event ? (event as { graceSeconds?: number }) : {}) };
      },
    },
    'GET /_local/digest/preview': { maxBodyBytes: 0, handler: async () => ({ status: 200, body: await targets.previewDigest() }) },
    'GET /_local/outbox': { maxBodyBytes: 0, handler: async () => ({ status: 200, body: await readOutbox(targets.sesEndpoint) }) },
    // Inbound email takes the path it takes in AWS: stored in the bucket, notified to the queue.
    'POST /_local/inbound-email': {
      maxBodyBytes: 12 * 1024 * 1024,
      handler: async (_req, _url, body) => {
        if (!body.byteLength) return { status: 400, body: { error: { code: 'invalid_request', message: 'body: expected a raw RFC 5322 message' } } };
        return { status: 202, body: { id: await receiveInboundEmail(body, cfg, clients, queues) } };
      },
    },
    // The queues and the SQS endpoint, for `npm run -s earshot -- redrive` against the running stack.
    'GET /_local/queues': { maxBodyBytes: 0, handler: async () => ({ status: 200, body: { endpoint: targets.sqsEndpoint, queues } }) },
    'GET /_local/dead-letters': { maxBodyBytes: 0, handler: async () => ({ status: 200, body: await deadLetterCounts(clients.sqs, queues) }) },
  };
}
