import { readFileSync } from 'node:fs';
import type { Node } from 'constructs';

/** Days CloudWatch Logs accepts as a retention (the values of `logs.RetentionDays`). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/**
 * Lambda caps a function's environment at 4 KB in all. The config file travels in it as
 * `EARSHOT_CONFIG_JSON`, so its size is bounded here, leaving room for the other variables.
 */
export const MAX_CONFIG_JSON_BYTES = 2500;

/**
 * Deployment settings, read from CDK context (`cdk.json`, or `-c key=value` on the command line).
 * The runtime configuration of the functions is derived from these, so there is one place to set
 * them for a deployment.
 */
export interface DeploySettings {
  /** Addresses that receive alerts, the digest and CloudWatch alarms (comma-separated in context). */
  ownerEmails: string[];
  /** The verified SES sender address. */
  fromEmail: string;
  /**
   * The SES identities (domains or addresses) the functions may send from: the only resources of
   * their `ses:SendEmail` grant. Defaults to the sender's domain and the sender's address.
   */
  sesIdentities: string[];
  businessName: string;
  /** IANA time zone of the business (digest schedule, daily counters). */
  timeZone: string;
  /** Days raw inputs and personal data are kept. */
  retentionDays: number;
  /** Public base URL for survey links; defaults to the HTTP API's own URL. */
  publicUrl?: string;
  /** Days function and API logs are kept (one of the values CloudWatch Logs accepts). */
  logRetentionDays: number;
  /** Addresses or domains whose inbound mail SES stores for Earshot (empty: no receipt rule). */
  inboundRecipients: string[];
  /** When the weekly digest goes out (in `timeZone`). */
  digest: { day: (typeof DAYS)[number]; hour: number };
  /** Minutes without a successful read before a mention source counts as silent (the poller's threshold). */
  pollerSilenceMinutes: number;
  /** Minutes without any report from the poller before the poller-silence alarm fires. */
  pollerSilenceAlarmMinutes: number;
  /** The functions' config file (JSON, e.g. mention sources, extra topics), from the file `configFile` names. */
  configJson?: string;
}

function text(node: Node, key: string, fallback: string): string {
  const value = node.tryGetContext(key) as unknown;
  if (value === undefined || value === null || value === '') return fallback;
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

function list(node: Node, key: string, fallback: string): string[] {
  return text(node, key, fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function wholeNumber(node: Node, key: string, fallback: number, min: number, max: number): number {
  const value = Number(text(node, key, String(fallback)));
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`context ${key}: a whole number from ${min} to ${max}`);
  return value;
}

const EMAIL = /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/;
const DOMAIN = /^\.?(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * Reads and checks the deployment settings from CDK context; a bad value stops synth with a
 * message naming the context key, before anything reaches CloudFormation.
 */
export function readSettings(node: Node): DeploySettings {
  const fromEmail = text(node, 'fromEmail', 'earshot@example.com');
  const ownerEmails = list(node, 'ownerEmail', 'owner@example.com');
  for (const address of [fromEmail, ...ownerEmails]) {
    if (!EMAIL.test(address)) throw new Error(`context ownerEmail/fromEmail: not an email address: ${address}`);
  }
  const fromDomain = fromEmail.split('@')[1]!;
  const sesIdentities = list(node, 'sesIdentity', `${fromDomain},${fromEmail}`);
  for (const identity of sesIdentities) {
    if (identity.startsWith('.') || (!EMAIL.test(identity) && !DOMAIN.test(identity))) throw new Error(`context sesIdentity: not a domain or an email address: ${identity}`);
  }
  const inboundRecipients = list(node, 'inboundRecipients', '');
  for (const recipient of inboundRecipients) {
    if (!EMAIL.test(recipient) && !DOMAIN.test(recipient)) throw new Error(`context inboundRecipients: not a domain or an email address: ${recipient}`);
  }
  const logRetentionDays = wholeNumber(node, 'logRetentionDays', 30, 1, 3653);
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
    throw new Error(`context logRetentionDays: one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  const timeZone = text(node, 'timeZone', 'UTC');
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(`context timeZone: unknown IANA time zone: ${timeZone}`);
  }
  const digestDay = text(node, 'digestDay', 'MON').toUpperCase();
  if (!(DAYS as readonly string[]).includes(digestDay)) throw new Error(`context digestDay: one of ${DAYS.join(', ')}`);
  const publicUrl = text(node, 'publicUrl', '');
  if (publicUrl && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(publicUrl)) throw new Error('context publicUrl: an https:// URL');
  const configFile = text(node, 'configFile', '');
  let configJson: string | undefined;
  if (configFile) {
    try {
      configJson = JSON.stringify(JSON.parse(readFileSync(configFile, 'utf8')));
    } catch (error) {
      throw new Error(`context configFile (${configFile}): ${(error as Error).message}`);
    }
    if (Buffer.byteLength(configJson) > MAX_CONFIG_JSON_BYTES) {
      throw new Error(`context configFile (${configFile}): ${Buffer.byteLength(configJson)} bytes once minified; Lambda environments hold 4 KB in all, so keep it under ${MAX_CONFIG_JSON_BYTES}`);
    }
  }
  const pollerSilenceMinutes = wholeNumber(node, 'pollerSilenceMinutes', 360, 5, 7 * 24 * 60);
  return {
    ownerEmails,
    fromEmail,
    sesIdentities,
    businessName: text(node, 'businessName', 'Earshot'),
    timeZone,
    retentionDays: wholeNumber(node, 'retentionDays', 730, 1, 3650),
    logRetentionDays,
    pollerSilenceMinutes,
    // CloudWatch evaluates at most one day of periods in an alarm.
    pollerSilenceAlarmMinutes: wholeNumber(node, 'pollerSilenceAlarmMinutes', 360, 30, 24 * 60),
    digest: { day: digestDay as DeploySettings['digest']['day'], hour: wholeNumber(node, 'digestHour', 8, 0, 23) },
    inboundRecipients,
    ...(configJson ? { configJson } : {}),
    ...(publicUrl ? { publicUrl: publicUrl.replace(/\/+$/, '') } : {}),
  };
}
