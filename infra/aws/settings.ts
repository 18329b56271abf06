import { readFileSync } from 'node:fs';
import type { Node } from 'constructs';

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
  /** The SES identity (domain or address) the functions may send from; defaults to the sender's domain. */
  sesIdentity: string;
  businessName: string;
  /** IANA time zone of the business (digest schedule, daily counters). */
  timeZone: string;
  /** Days raw inputs and personal data are kept. */
  retentionDays: number;
  /** Public base URL for survey links; defaults to the HTTP API's own URL. */
  publicUrl?: string;
  /** Days function and API logs are kept. */
  logRetentionDays: number;
  /** Addresses or domains whose inbound mail SES stores for Earshot (empty: no receipt rule). */
  inboundRecipients: string[];
  /** When the weekly digest goes out (in `timeZone`). */
  digest: { day: 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN'; hour: number };
  /** Minutes without a successful read before a mention source counts as silent (alarm). */
  pollerSilenceMinutes: number;
  /** The functions' config file (JSON, e.g. mention sources, extra topics), from the file `configFile` names. */
  configJson?: string;
}

function text(node: Node, key: string, fallback: string): string {
  const value = node.tryGetContext(key) as unknown;
  return value === undefined || value === null || value === '' ? fallback : String(value);
}

/** Reads and checks the deployment settings; a bad value stops synth with a message naming it. */
export function readSettings(node: Node): DeploySettings {
  const fromEmail = text(node, 'fromEmail', 'earshot@example.com');
  const ownerEmails = text(node, 'ownerEmail', 'owner@example.com')
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  const retentionDays = Number(text(node, 'retentionDays', '730'));
  const logRetentionDays = Number(text(node, 'logRetentionDays', '30'));
  for (const address of [fromEmail, ...ownerEmails]) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) throw new Error(`context: not an email address: ${address}`);
  }
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error('context retentionDays: a whole number of days, at least 1');
  const publicUrl = text(node, 'publicUrl', '');
  const digestDay = text(node, 'digestDay', 'MON').toUpperCase();
  const digestHour = Number(text(node, 'digestHour', '8'));
  if (!['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'].includes(digestDay)) throw new Error('context digestDay: one of MON, TUE, WED, THU, FRI, SAT, SUN');
  if (!Number.isInteger(digestHour) || digestHour < 0 || digestHour > 23) throw new Error('context digestHour: a whole hour from 0 to 23');
  const configFile = text(node, 'configFile', '');
  const configJson = configFile ? JSON.stringify(JSON.parse(readFileSync(configFile, 'utf8'))) : undefined;
  return {
    ownerEmails,
    fromEmail,
    sesIdentity: text(node, 'sesIdentity', fromEmail.split('@')[1]!),
    businessName: text(node, 'businessName', 'Earshot'),
    timeZone: text(node, 'timeZone', 'UTC'),
    retentionDays,
    logRetentionDays,
    pollerSilenceMinutes: Number(text(node, 'pollerSilenceMinutes', '360')),
    digest: { day: digestDay as DeploySettings['digest']['day'], hour: digestHour },
    ...(configJson ? { configJson } : {}),
    inboundRecipients: text(node, 'inboundRecipients', '')
      .split(',')
      .map((recipient) => recipient.trim())
      .filter(Boolean),
    ...(publicUrl ? { publicUrl } : {}),
  };
}
