import { FUNCTIONS, QUEUES, SECRETS, consumersOf, type FunctionDefinition, type QueueKey } from '#infra/definitions.ts';

/**
 * What a deployment costs a month, itemised per service at AWS list prices (us-east-1, USD, pay as
 * you go, without the free tier). The fixed part (secrets, keys, alarms, schedules, idle queue
 * polling) comes from the definitions, so it follows the stack; the part per item is the model
 * below. `npm run -s earshot -- cost` prints it; the deploy guide shows the same table.
 */
export const PRICES = {
  lambdaRequestsPerMillion: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  httpApiRequestsPerMillion: 1.0,
  sqsRequestsPerMillion: 0.4,
  dynamoWriteUnitsPerMillion: 0.625,
  dynamoReadUnitsPerMillion: 0.125,
  dynamoStorageGbMonth: 0.25,
  dynamoBackupGbMonth: 0.2,
  s3StorageGbMonth: 0.023,
  s3PutsPerThousand: 0.005,
  s3GetsPerThousand: 0.0004,
  sesOutboundPerThousand: 0.1,
  sesInboundPerThousand: 0.1,
  sesInboundChunksPerThousand: 0.09,
  secretPerMonth: 0.4,
  secretsCallsPerTenThousand: 0.05,
  alarmPerMonth: 0.1,
  customMetricPerMonth: 0.3,
  logsIngestedPerGb: 0.5,
  logsStoredGbMonth: 0.03,
  xrayTracesPerMillion: 5.0,
  kmsKeyPerMonth: 1.0,
  kmsRequestsPerTenThousand: 0.03,
  schedulerInvocationsPerMillion: 1.0,
} as const;

/** Minutes in an average month (365.25 days / 12). */
const MONTH_MINUTES = 43_830;
const WEEKS_PER_MONTH = 4.35;

/**
 * One item: a piece of feedback from arrival to the owner's inbox, on average over the channels (a
 * survey answer brings its order, the invitation and the survey page with it; a mention or an email
 * comes alone). Figures are per item and deliberately on the high side.
 */
export const PER_ITEM = {
  /** Order, survey page, answer (a mention is one request, an email none). */
  httpRequests: 3,
  /** The HTTP functions for those requests and process-feedback for the queued item. */
  invocations: 4,
  /** Three HTTP invocations at 512 MB for 0.3 s and processing at 1,024 MB for 0.5 s, cold starts included. */
  gbSeconds: 3 * 0.5 * 0.3 + 1 * 0.5,
  /** Send, receive and delete on the feedback queue. */
  sqsRequests: 3,
  /** Order, survey, feedback, customer, counters, alert outbox, with their index entries. */
  dynamoWriteUnits: 25,
  dynamoReadUnits: 40,
  /** Kept in the table and in the raw-input bucket for the whole retention. */
  tableKb: 4,
  rawKb: 4,
  s3Puts: 1,
  s3Gets: 0.2,
  /** The invitation, plus an alert for the complaints, reminders and check-ins. */
  emailsOut: 1.3,
  /** One item in ten arrives by email (SES receiving). */
  emailsIn: 0.1,
  logKb: 4,
  /** Every invocation is traced at these rates (X-Ray samples the first request each second). */
  traces: 4,
  /** Secret values are kept five minutes per warm function, so most requests read none. */
  secretReads: 0.2,
} as const;

/** The resources a month costs whatever the volume. */
export function fixedUsage(retentionMonths = 24) {
  const definitions = Object.values(FUNCTIONS) as FunctionDefinition[];
  const scheduled = definitions.reduce(
    (sum, fn) => sum + (fn.schedule ? MONTH_MINUTES / fn.schedule.awsRateMinutes : 0) + (fn.every ? MONTH_MINUTES / fn.every.minutes : 0) + (fn.weekly ? WEEKS_PER_MONTH : 0),
    0,
  );
  const consumedQueues = (Object.keys(QUEUES) as QueueKey[]).filter((key) => consumersOf(key).length).length;
  return {
    retentionMonths,
    secrets: Object.keys(SECRETS).length,
    /** A dead-letter alarm per queue, an errors alarm per function, the two silent-source alarms. */
    alarms: Object.keys(QUEUES).length + definitions.length + 2,
    /** The alarm topic's key and the SES events topic's key. */
    kmsKeys: 2,
    customMetrics: 1,
    scheduledInvocations: scheduled,
    /** Scheduled runs: half a second at 512 MB each. */
    scheduledGbSeconds: scheduled * 0.5 * 0.5,
    /** The scheduled runs' reads (pending alerts, due invitations, source state). */
    scheduledReadUnits: scheduled * 2,
    /** Lambda long-polls each consumed queue with five pollers, one empty receive every 20 s each. */
    idlePollRequests: consumedQueues * 5 * 3 * MONTH_MINUTES,
    /** The weekly digest to one owner address. */
    digestEmails: WEEKS_PER_MONTH,
    idleLogKb: scheduled * 0.4,
  };
}

export interface CostLine {
  service: string;
  what: string;
  dollars: number;
}

/** The month's cost per service for a number of items a month, at full retention (the table and bucket hold `retentionMonths` of items). */
export function monthlyCost(itemsPerMonth: number, retentionMonths = 24): CostLine[] {
  const f = fixedUsage(retentionMonths);
  const p = PRICES;
  const n = itemsPerMonth;
  const stored = n * retentionMonths;
  const gb = (kb: number) => kb / 1024 / 1024;
  const invocations = f.scheduledInvocations + n * PER_ITEM.invocations;
  return [
    {
      service: 'Lambda',
      what: `${fmt(invocations)} invocations, ${fmt(f.scheduledGbSeconds + n * PER_ITEM.gbSeconds)} GB-s (ARM)`,
      dollars: (invocations / 1e6) * p.lambdaRequestsPerMillion + (f.scheduledGbSeconds + n * PER_ITEM.gbSeconds) * p.lambdaArmGbSecond,
    },
    { service: 'API Gateway (HTTP API)', what: `${fmt(n * PER_ITEM.httpRequests)} requests`, dollars: ((n * PER_ITEM.httpRequests) / 1e6) * p.httpApiRequestsPerMillion },
    {
      service: 'SQS',
      what: `${fmt(f.idlePollRequests + n * PER_ITEM.sqsRequests)} requests (mostly Lambda's empty long polls)`,
      dollars: ((f.idlePollRequests + n * PER_ITEM.sqsRequests) / 1e6) * p.sqsRequestsPerMillion,
    },
    {
      service: 'DynamoDB (on-demand)',
      what: `${fmt(n * PER_ITEM.dynamoWriteUnits)} writes, ${fmt(f.scheduledReadUnits + n * PER_ITEM.dynamoReadUnits)} reads, ${fmtGb(gb(stored * PER_ITEM.tableKb))} stored with backups`,
      dollars:
        ((n * PER_ITEM.dynamoWriteUnits) / 1e6) * p.dynamoWriteUnitsPerMillion +
        ((f.scheduledReadUnits + n * PER_ITEM.dynamoReadUnits) / 1e6) * p.dynamoReadUnitsPerMillion +
        gb(stored * PER_ITEM.tableKb) * (p.dynamoStorageGbMonth + p.dynamoBackupGbMonth),
    },
    {
      service: 'S3',
      what: `${fmt(n * PER_ITEM.s3Puts)} writes, ${fmtGb(gb(stored * PER_ITEM.rawKb))} of raw inputs`,
      dollars: ((n * PER_ITEM.s3Puts) / 1000) * p.s3PutsPerThousand + ((n * PER_ITEM.s3Gets) / 1000) * p.s3GetsPerThousand + gb(stored * PER_ITEM.rawKb) * p.s3StorageGbMonth,
    },
    {
      service: 'SES',
      what: `${fmt(f.digestEmails + n * PER_ITEM.emailsOut)} emails sent, ${fmt(n * PER_ITEM.emailsIn)} received`,
      dollars:
        ((f.digestEmails + n * PER_ITEM.emailsOut) / 1000) * p.sesOutboundPerThousand +
        ((n * PER_ITEM.emailsIn) / 1000) * (p.sesInboundPerThousand + p.sesInboundChunksPerThousand),
    },
    {
      service: 'Secrets Manager',
      what: `${f.secrets} secrets, ${fmt(n * PER_ITEM.secretReads)} reads`,
      dollars: f.secrets * p.secretPerMonth + ((n * PER_ITEM.secretReads) / 10_000) * p.secretsCallsPerTenThousand,
    },
    {
      service: 'CloudWatch',
      what: `${f.alarms} alarms, ${f.customMetrics} metric, ${fmtGb(gb(f.idleLogKb + n * PER_ITEM.logKb))} of logs, X-Ray traces`,
      dollars:
        f.alarms * p.alarmPerMonth +
        f.customMetrics * p.customMetricPerMonth +
        gb(f.idleLogKb + n * PER_ITEM.logKb) * (p.logsIngestedPerGb + p.logsStoredGbMonth) +
        ((f.scheduledInvocations + n * PER_ITEM.traces) / 1e6) * p.xrayTracesPerMillion,
    },
    { service: 'KMS', what: `${f.kmsKeys} keys (alarm and mail-event topics)`, dollars: f.kmsKeys * p.kmsKeyPerMonth },
    { service: 'EventBridge Scheduler', what: `${fmt(WEEKS_PER_MONTH)} weekly digest runs (the other schedules are EventBridge rules, free)`, dollars: (WEEKS_PER_MONTH / 1e6) * p.schedulerInvocationsPerMillion },
  ];
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function fmtGb(value: number): string {
  return value < 0.01 ? `${(value * 1024).toFixed(1)} MB` : `${value.toFixed(2)} GB`;
}

const money = (dollars: number) => `$${dollars < 0.005 && dollars > 0 ? '<0.01' : dollars.toFixed(2)}`;

/** The cost table the deploy guide shows: idle, 1,000 and 10,000 items a month. */
export function costTable(volumes: number[] = [0, 1000, 10_000]): string {
  const columns = volumes.map((n) => monthlyCost(n));
  const header = `| Service | ${volumes.map((n) => (n ? `${n.toLocaleString('en-US')} items/month` : 'Idle')).join(' | ')} |`;
  const rule = `|---|${volumes.map(() => '---:').join('|')}|`;
  const rows = columns[0]!.map((line, i) => `| ${line.service} | ${columns.map((c) => money(c[i]!.dollars)).join(' | ')} |`);
  const total = `| **Total** | ${columns.map((c) => `**${money(c.reduce((s, l) => s + l.dollars, 0))}**`).join(' | ')} |`;
  return [header, rule, ...rows, total].join('\n');
}
