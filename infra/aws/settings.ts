import { readFileSync } from 'node:fs';
import type { Node } from 'constructs';
import { ConfigError, ENV_BINDINGS, parseConfig, type Config } from '#shared/config.ts';

/** Days CloudWatch Logs accepts as a retention (the values of `logs.RetentionDays`). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/**
 * Lambda caps a function's environment at 4 KB in all. The config file travels in it as
 * `EARSHOT_CONFIG_JSON`, so its size is bounded here, leaving room for the other variables.
 */
export const MAX_CONFIG_JSON_BYTES = 2500;

/**
 * Context keys that set a field of the functions' configuration, with the environment variable
 * that carries it. Given on the command line (`-c ownerEmail=...`) they rank above the config file,
 * as environment variables do locally; left out, the file decides, then the schema's defaults.
 */
export const CONTEXT_BINDINGS = {
  ownerEmail: 'EARSHOT_OWNER_EMAIL',
  fromEmail: 'EARSHOT_FROM_EMAIL',
  businessName: 'EARSHOT_BUSINESS_NAME',
  timeZone: 'EARSHOT_TIME_ZONE',
  retentionDays: 'EARSHOT_RETENTION_DAYS',
  publicUrl: 'EARSHOT_PUBLIC_URL',
  digestDay: 'EARSHOT_DIGEST_DAY',
  digestHour: 'EARSHOT_DIGEST_HOUR',
  pollerSilenceMinutes: 'EARSHOT_MENTIONS_SILENT_AFTER_MINUTES',
} as const satisfies Record<string, keyof typeof ENV_BINDINGS>;

/** Config file sections the stack itself sets in AWS, or that must never travel in a template. */
const NOT_IN_DEPLOYED_FILE: Record<string, string> = {
  secrets: 'secrets are generated in Secrets Manager by the data stack; keep them out of the config file (it travels in the template)',
  aws: 'the stack sets the table, queues, bucket and endpoints itself',
};

/**
 * Deployment settings. The functions' configuration is resolved exactly as locally, with one
 * precedence: context keys given for this deploy (the deploy's environment) over the config file
 * (`-c configFile=...`) over the schema's defaults; cdk.json holds no such setting, so it never
 * overrides the file. The stack's own resources (alarm subscriptions, SES grants, schedules,
 * lifecycle) are built from that same resolved configuration.
 */
export interface DeploySettings {
  /** The functions' configuration, as every function will resolve it. */
  config: Config;
  /** What the functions get in their environment: the context overrides and the file (`EARSHOT_CONFIG_JSON`). */
  functionEnvironment: Record<string, string>;
  /** Addresses that receive alerts, the digest and CloudWatch alarms. */
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
  /** Public base URL for survey links; defaults to the custom domain, else the HTTP API's own URL. */
  publicUrl?: string;
  /** The business's own domain for survey links and the console, with its ACM certificate (same region). */
  customDomain?: { domainName: string; certificateArn: string };
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

/** Reads the config file `configFile` names, refusing what has no place in a deployed file. */
function readDeployedFile(configFile: string): { file: Record<string, unknown>; json: string } | undefined {
  if (!configFile) return undefined;
  let file: unknown;
  try {
    file = JSON.parse(readFileSync(configFile, 'utf8'));
  } catch (error) {
    throw new Error(`context configFile (${configFile}): ${(error as Error).message}`);
  }
  if (typeof file !== 'object' || file === null || Array.isArray(file)) throw new Error(`context configFile (${configFile}): expected a JSON object`);
  for (const [key, reason] of Object.entries(NOT_IN_DEPLOYED_FILE)) {
    if (key in file) throw new Error(`context configFile (${configFile}): ${key}: not allowed in a deployed config file (${reason})`);
  }
  const json = JSON.stringify(file);
  if (Buffer.byteLength(json) > MAX_CONFIG_JSON_BYTES) {
    throw new Error(`context configFile (${configFile}): ${Buffer.byteLength(json)} bytes once minified; Lambda environments hold 4 KB in all, so keep it under ${MAX_CONFIG_JSON_BYTES}`);
  }
  return { file: file as Record<string, unknown>, json };
}

/**
 * Reads and checks the deployment settings from CDK context and the config file; a bad value stops
 * synth with a message naming the context key, or, for the file, the same message `npm start` gives.
 */
export function readSettings(node: Node): DeploySettings {
  const configFile = text(node, 'configFile', '');
  const deployed = readDeployedFile(configFile);
  const contextEnv: Record<string, string> = {};
  for (const [key, envName] of Object.entries(CONTEXT_BINDINGS)) {
    const value = text(node, key, '');
    if (value) contextEnv[envName] = key === 'digestDay' ? value.toUpperCase() : value;
  }
  let config: Config;
  try {
    config = parseConfig(deployed?.file ?? {}, contextEnv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A value given as context is named by its context key; one from the file keeps the local message.
    const named = error.issues.map((issue) => {
      const entry = Object.entries(CONTEXT_BINDINGS).find(([, envName]) => contextEnv[envName] !== undefined && issue.includes(`(${envName})`));
      return entry ? `context ${entry[0]}: ${issue}` : issue;
    });
    throw new ConfigError(configFile ? [...named, `(config file: ${configFile})`] : named);
  }
  const fromEmail = config.mail.from;
  const ownerEmails = config.owner.emails;
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
  const domainName = text(node, 'customDomain', '').toLowerCase();
  const certificateArn = text(node, 'certificateArn', '');
  if (Boolean(domainName) !== Boolean(certificateArn)) throw new Error('context customDomain and certificateArn: give both (the domain and its ACM certificate in the stack’s region), or neither');
  if (domainName && (domainName.startsWith('.') || !DOMAIN.test(domainName))) throw new Error(`context customDomain: not a domain name: ${domainName}`);
  if (certificateArn && !/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) throw new Error('context certificateArn: the ARN of an ACM certificate (arn:aws:acm:<region>:<account>:certificate/<id>)');
  const publicUrl = config.http.publicUrl ?? (domainName ? `https://${domainName}` : undefined);
  if (publicUrl && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(publicUrl)) throw new Error('context publicUrl (or http.publicUrl in the config file): an https:// URL');
  return {
    config,
    functionEnvironment: { ...contextEnv, ...(deployed ? { EARSHOT_CONFIG_JSON: deployed.json } : {}) },
    ownerEmails,
    fromEmail,
    sesIdentities,
    businessName: config.business.name,
    timeZone: config.business.timeZone,
    retentionDays: config.retentionDays,
    logRetentionDays,
    pollerSilenceMinutes: config.mentions.silentAfterMinutes,
    // CloudWatch evaluates at most one day of periods in an alarm.
    pollerSilenceAlarmMinutes: wholeNumber(node, 'pollerSilenceAlarmMinutes', 360, 30, 24 * 60),
    digest: { day: config.digest.day, hour: config.digest.hour },
    inboundRecipients,
    ...(deployed ? { configJson: deployed.json } : {}),
    ...(publicUrl ? { publicUrl: publicUrl.replace(/\/+$/, '') } : {}),
    ...(domainName ? { customDomain: { domainName, certificateArn } } : {}),
  };
}
