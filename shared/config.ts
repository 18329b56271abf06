import { readFileSync } from 'node:fs';
import * as z from '#shared/domain/schema.ts';
import { mentionSourceSchema } from '#shared/domain/mention-source.ts';
import { accentProblem, isHexColour } from '#shared/domain/colour.ts';
import { reviewSiteId } from '#shared/domain/review-link.ts';

/** A whole number from `min` to `max`, also read from text (environment variables are text). */
function wholeNumber(min: number, max: number) {
  return z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max));
}

/**
 * The one configuration schema. Every setting has a default that works on a laptop; the optional
 * JSON file named by `EARSHOT_CONFIG` supplies the rest, and the environment variables listed in
 * ENV_BINDINGS override both. Each function parses it once, in its composition root; a bad value
 * stops start-up with a message naming the field.
 */
export const configSchema = z.strictObject({
  business: z.prefault(
    z.strictObject({
      name: z._default(z.string().check(z.trim(), z.minLength(1), z.maxLength(120)), 'My Business'),
      timeZone: z._default(z.string().check(z.refine(isTimeZone, { message: 'unknown IANA time zone' })), 'UTC'),
      /** The logo on the customer pages: an https address of an image (shown 48 px high). */
      logoUrl: z.optional(z.url({ protocol: /^https$/, message: 'expected an https:// address of an image' }).check(z.maxLength(2048))),
      /**
       * The accent colour of the customer pages and emails (buttons, the chosen score), `#rrggbb`.
       * White text goes on it, so a colour without WCAG AA contrast (4.5:1) is refused at start.
       */
      accentColor: z._default(
        z.string().check(
          z.trim(),
          z.refine(isHexColour, { message: 'expected a colour as #rrggbb' }),
          z.superRefine((colour, ctx) => {
            const problem = isHexColour(colour) ? accentProblem(colour) : undefined;
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          }),
        ),
        '#1d4ed8',
      ),
    }),
    {},
  ),
  owner: z.prefault(
    z.strictObject({
      /** Where alerts and digests go. */
      emails: z._default(z.array(z.email()).check(z.minLength(1)), ['owner@example.com']),
    }),
    {},
  ),
  mail: z.prefault(
    z.strictObject({
      /** Sender of every email the system sends; must be verified in SES when deployed. */
      from: z._default(z.email(), 'earshot@example.com'),
      /** The SES configuration set every email goes out through (set by the stack in AWS): bounces and complaints come back through it. */
      configurationSet: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
      /** The business's own address replies to customers go out from (a verified SES identity); default: \`from\`. */
      replyFrom: z.optional(z.email()),
      /**
       * The address SES receives customer mail on. Replies carry it, plus-addressed with the case's
       * signed tag, as their Reply-To, so the customer's answer joins the case.
       */
      inboundAddress: z.optional(z.email()),
    }),
    {},
  ),
  http: z.prefault(
    z.strictObject({
      port: z._default(wholeNumber(0, 65535), 3000),
      /** Base of the links put in emails (survey links). Locally derived from the port. */
      publicUrl: z.optional(z.url()),
    }),
    {},
  ),
  dataDir: z._default(z.string().check(z.minLength(1)), '.earshot'),
  secrets: z.prefault(
    z.strictObject({
      apiKey: z.optional(z.string().check(z.minLength(8))),
      webhookSecret: z.optional(z.string().check(z.minLength(8))),
      /** HMAC key for survey links; generated once per data dir locally when absent. */
      linkSecret: z.optional(z.string().check(z.minLength(16))),
      /** In AWS: the Secrets Manager secrets the data stack generates, one per secret (set by the stack). */
      apiKeySecretArn: z.optional(z.string().check(z.minLength(1))),
      webhookSecretArn: z.optional(z.string().check(z.minLength(1))),
      linkSecretArn: z.optional(z.string().check(z.minLength(1))),
      /** How long a value read from Secrets Manager is used before it is read again (a rotation takes effect within it). */
      maxAgeSeconds: z._default(wholeNumber(0, 300), 300),
    }),
    {},
  ),
  survey: z.prefault(
    z.strictObject({
      inviteDelayHours: z._default(z.coerce.number().check(z.minimum(0), z.maximum(24 * 365)), 72),
      linkTtlDays: z._default(wholeNumber(1, 365), 30),
      /**
       * When set, the thank-you page of a low score (0-6) promises that someone will get back to the
       * customer within this many hours. Unset: the page promises nothing.
       */
      callBackWithinHours: z.optional(wholeNumber(1, 24 * 14)),
    }),
    {},
  ),
  /**
   * Public review pages (Google, Tripadvisor, Trustpilot…) offered to every customer alike: on the
   * survey's thank-you page, the check-in pages and, when turned on, the invitation email, in the
   * same words whatever the score or answer. Asking only happy customers ("review gating") breaks
   * Google's and Trustpilot's rules and the FTC's guidance, so no setting ties them to the score.
   * Each link goes through the business's own counting redirect (`/r/<token>`).
   */
  reviews: z.prefault(
    z.strictObject({
      links: z._default(
        z
          .array(
            z.strictObject({
              /** The site's name as the customer reads it ("Google", "Tripadvisor"). */
              name: z.string().check(z.trim(), z.minLength(1), z.maxLength(60), z.regex(/^[\p{L}\p{N}][\p{L}\p{N} .&'-]*$/u, 'letters, digits, spaces and . & \' - only')),
              /** The page where the customer writes the review. */
              url: z.url({ protocol: /^https$/, message: 'expected an https:// address' }).check(z.maxLength(2048)),
            }),
          )
          .check(
            z.maxLength(5),
            z.refine((links) => new Set(links.map((l) => reviewSiteId(l.name))).size === links.length, { message: 'each review site once' }),
          ),
        [],
      ),
      /** Also offer the review links in the survey invitation email (to every customer alike). */
      inInvitation: z._default(z.boolean(), false),
    }),
    {},
  ),
  aws: z.prefault(
    z.strictObject({
      region: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
      tableName: z._default(z.string().check(z.minLength(1)), 'earshot'),
      feedbackQueueUrl: z.optional(z.string()),
      inboundEmailQueueUrl: z.optional(z.string()),
      /** Dead-letter queues the console's monitor page counts. */
      feedbackDeadLetterQueueUrl: z.optional(z.string()),
      inboundEmailDeadLetterQueueUrl: z.optional(z.string()),
      mailEventsDeadLetterQueueUrl: z.optional(z.string()),
      urgentDeadLetterQueueUrl: z.optional(z.string()),
      /** The priority queue for likely-urgent items (without it they share the feedback queue). */
      urgentQueueUrl: z.optional(z.string()),
      rawBucket: z._default(z.string().check(z.minLength(3)), 'earshot-raw'),
      endpoints: z.prefault(
        z.strictObject({
          dynamodb: z.optional(z.url()),
          sqs: z.optional(z.url()),
          s3: z.optional(z.url()),
          ses: z.optional(z.url()),
        }),
        {},
      ),
    }),
    {},
  ),
  alerts: z.prefault(
    z.strictObject({
      /** How a first, non-urgent complaint reaches the owner. */
      firstComplaint: z._default(z.enum(['immediate', 'hourly', 'off']), 'immediate'),
      secondComplaintWindowDays: z._default(wholeNumber(1, 3650), 180),
      recurringTopicThreshold: z._default(wholeNumber(2, 100), 3),
      recurringTopicWindowDays: z._default(wholeNumber(1, 90), 7),
      foldWindowMinutes: z._default(wholeNumber(0, 24 * 60), 60),
      maxNonUrgentPerHour: z._default(wholeNumber(1, 1000), 10),
    }),
    {},
  ),
  classifier: z.prefault(
    z.strictObject({
      /** Extra topics for the taxonomy: topic name -> keywords or phrases. */
      extraTopics: z._default(z.record(z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1)))), {}),
    }),
    {},
  ),
  /** When the weekly digest goes out, in the business's time zone. */
  digest: z.prefault(
    z.strictObject({
      day: z._default(z.enum(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']), 'MON'),
      hour: z._default(wholeNumber(0, 23), 8),
    }),
    {},
  ),
  /** The check-in to the customer after a case is marked handled ("Did we put it right?"). */
  followUp: z.prefault(
    z.strictObject({
      enabled: z._default(z.boolean(), true),
      /** Hours after the case is marked handled; 0 = due at once. */
      delayHours: z._default(z.coerce.number().check(z.minimum(0), z.maximum(24 * 90)), 72),
      /** Languages the check-in may be written in (the customer's, when listed; else English). */
      languages: z._default(z.array(z.enum(['en', 'es', 'fr', 'de'])).check(z.minLength(1)), ['en', 'es', 'fr', 'de']),
    }),
    {},
  ),
  /** Sources the mention pollers read (each enabled by being listed), and when one counts as silent. */
  mentions: z.prefault(
    z.strictObject({
      sources: z._default(z.array(mentionSourceSchema).check(z.maxLength(50)), []),
      /** A source with no successful read for this long is silent (alarm, digest). */
      silentAfterMinutes: z._default(wholeNumber(5, 7 * 24 * 60), 360),
      /** Timeout of one request to a source. */
      timeoutMs: z._default(wholeNumber(500, 60_000), 10_000),
      /** Posts older than this are not read (a new source's history, or after a long outage), so they never alert. */
      maxAgeHours: z._default(wholeNumber(1, 24 * 365), 72),
      /** Pages read per source and run, at most. */
      maxPages: z._default(wholeNumber(1, 20), 3),
      userAgent: z._default(z.string().check(z.minLength(1), z.maxLength(200)), 'earshot-mentions/0.1 (+https://github.com/earshot)'),
    }),
    {},
  ),
  /** The reconciler: archived inputs that never became a record are driven through again. */
  reconcile: z.prefault(
    z.object({
      /** Inputs younger than this may still be on their way through the queues. */
      graceMinutes: z._default(wholeNumber(1, 24 * 60), 15),
      /** How far back the archive is compared: longer than the dead-letter queues keep messages (14 days). */
      windowDays: z._default(wholeNumber(1, 90), 16),
      /** Attempts per input (an hour apart, doubling) before it is set aside as not processable. */
      maxAttempts: z._default(wholeNumber(1, 20), 5),
    }),
    {},
  ),
  /** Regular expressions (source text) that find order references in free text, first group = id. */
  orderPatterns: z._default(z.array(z.string().check(z.refine(isRegExp, { message: 'not a valid regular expression' }))), []),
  retentionDays: z._default(wholeNumber(1, 3650), 730),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Environment variables and the config paths they set. */
export const ENV_BINDINGS: Record<string, { path: string[]; list?: boolean }> = {
  EARSHOT_BUSINESS_NAME: { path: ['business', 'name'] },
  EARSHOT_TIME_ZONE: { path: ['business', 'timeZone'] },
  EARSHOT_OWNER_EMAIL: { path: ['owner', 'emails'], list: true },
  EARSHOT_FROM_EMAIL: { path: ['mail', 'from'] },
  EARSHOT_SES_CONFIGURATION_SET: { path: ['mail', 'configurationSet'] },
  EARSHOT_REPLY_FROM_EMAIL: { path: ['mail', 'replyFrom'] },
  EARSHOT_INBOUND_EMAIL: { path: ['mail', 'inboundAddress'] },
  EARSHOT_PORT: { path: ['http', 'port'] },
  EARSHOT_PUBLIC_URL: { path: ['http', 'publicUrl'] },
  EARSHOT_DATA_DIR: { path: ['dataDir'] },
  EARSHOT_API_KEY: { path: ['secrets', 'apiKey'] },
  EARSHOT_WEBHOOK_SECRET: { path: ['secrets', 'webhookSecret'] },
  EARSHOT_LINK_SECRET: { path: ['secrets', 'linkSecret'] },
  EARSHOT_API_KEY_SECRET_ARN: { path: ['secrets', 'apiKeySecretArn'] },
  EARSHOT_WEBHOOK_SECRET_ARN: { path: ['secrets', 'webhookSecretArn'] },
  EARSHOT_LINK_SECRET_ARN: { path: ['secrets', 'linkSecretArn'] },
  EARSHOT_INVITE_DELAY_HOURS: { path: ['survey', 'inviteDelayHours'] },
  EARSHOT_SURVEY_TTL_DAYS: { path: ['survey', 'linkTtlDays'] },
  EARSHOT_CALL_BACK_HOURS: { path: ['survey', 'callBackWithinHours'] },
  EARSHOT_LOGO_URL: { path: ['business', 'logoUrl'] },
  EARSHOT_ACCENT_COLOR: { path: ['business', 'accentColor'] },
  AWS_REGION: { path: ['aws', 'region'] },
  EARSHOT_TABLE_NAME: { path: ['aws', 'tableName'] },
  EARSHOT_FEEDBACK_QUEUE_URL: { path: ['aws', 'feedbackQueueUrl'] },
  EARSHOT_INBOUND_EMAIL_QUEUE_URL: { path: ['aws', 'inboundEmailQueueUrl'] },
  EARSHOT_FEEDBACK_DLQ_URL: { path: ['aws', 'feedbackDeadLetterQueueUrl'] },
  EARSHOT_INBOUND_EMAIL_DLQ_URL: { path: ['aws', 'inboundEmailDeadLetterQueueUrl'] },
  EARSHOT_MAIL_EVENTS_DLQ_URL: { path: ['aws', 'mailEventsDeadLetterQueueUrl'] },
  EARSHOT_URGENT_DLQ_URL: { path: ['aws', 'urgentDeadLetterQueueUrl'] },
  EARSHOT_URGENT_QUEUE_URL: { path: ['aws', 'urgentQueueUrl'] },
  EARSHOT_RAW_BUCKET: { path: ['aws', 'rawBucket'] },
  EARSHOT_DYNAMODB_ENDPOINT: { path: ['aws', 'endpoints', 'dynamodb'] },
  EARSHOT_SQS_ENDPOINT: { path: ['aws', 'endpoints', 'sqs'] },
  EARSHOT_S3_ENDPOINT: { path: ['aws', 'endpoints', 's3'] },
  EARSHOT_SES_ENDPOINT: { path: ['aws', 'endpoints', 'ses'] },
  EARSHOT_FIRST_COMPLAINT_ALERTS: { path: ['alerts', 'firstComplaint'] },
  EARSHOT_MAX_ALERTS_PER_HOUR: { path: ['alerts', 'maxNonUrgentPerHour'] },
  EARSHOT_RECURRING_TOPIC_THRESHOLD: { path: ['alerts', 'recurringTopicThreshold'] },
  EARSHOT_RETENTION_DAYS: { path: ['retentionDays'] },
  EARSHOT_DIGEST_DAY: { path: ['digest', 'day'] },
  EARSHOT_DIGEST_HOUR: { path: ['digest', 'hour'] },
  EARSHOT_FOLLOW_UP_HOURS: { path: ['followUp', 'delayHours'] },
  EARSHOT_MENTIONS_SILENT_AFTER_MINUTES: { path: ['mentions', 'silentAfterMinutes'] },
};

/** One configuration problem, naming the field (and its environment variable when it has one). */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Builds the configuration from a parsed config file (or nothing) and environment variables:
 * environment over file over the schema's defaults. Pure: no file or process access, so it is
 * easy to test. Every object is strict, so a misspelt or misplaced key stops start-up with a
 * message naming it (and the key it probably meant).
 */
export function parseConfig(given: unknown, env: Record<string, string | undefined>): Config {
  const file = given ?? {};
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    throw new ConfigError(['config file: expected a JSON object']);
  }
  const input = structuredClone(file) as Record<string, unknown>;
  for (const [name, binding] of Object.entries(ENV_BINDINGS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = binding.list ? raw.split(',').map((s) => s.trim()).filter(Boolean) : raw;
    setPath(input, binding.path, value);
  }
  const result = configSchema.safeParse(input);
  if (!result.success) throw new ConfigError(result.error.issues.flatMap(describeConfigIssue));
  return result.data;
}

const ENV_BY_PATH = new Map(Object.entries(ENV_BINDINGS).map(([name, binding]) => [binding.path.join('.'), name]));

/** Keys that would tie the review invitation to the score, which no setting may do. */
const GATING_KEY = /score|rating|nps|promoter|detractor|happy|satisf|gat(e|ing)|only|min|max|threshold/i;
const NO_GATING =
  "review links are offered to every customer in the same words whatever their score: asking only happy customers (review gating) breaks Google's and Trustpilot's rules and the FTC's guidance, so no setting ties them to the score";

/** One line per problem: the field's path, its environment variable when it has one, what is wrong. */
function describeConfigIssue(issue: z.core.$ZodIssue): string[] {
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      if (at[0] === 'reviews' && GATING_KEY.test(key)) return `${[...at, key].join('.')}: unknown key; ${NO_GATING}`;
      const suggestion = suggestKey(at, key);
      return `${[...at, key].join('.')}: unknown key${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
    });
  }
  const envPath = [...issue.path];
  while (envPath.length && typeof envPath[envPath.length - 1] === 'number') envPath.pop();
  const envName = ENV_BY_PATH.get(envPath.join('.'));
  return [`${at.join('.') || '(root)'}${envName ? ` (${envName})` : ''}: ${issue.message}`];
}

/** Every key path the schema knows (objects only, not inside arrays), e.g. `owner.emails`. */
function knownPaths(schema: z.core.$ZodType = configSchema, prefix: string[] = []): string[][] {
  const def = schema._zod.def as {
    type: string;
    shape?: Record<string, z.core.$ZodType>;
    innerType?: z.core.$ZodType;
    in?: z.core.$ZodType;
    element?: z.core.$ZodType;
    options?: z.core.$ZodType[];
  };
  if (def.type === 'object' && def.shape) {
    return Object.entries(def.shape).flatMap(([key, inner]) => [[...prefix, key], ...knownPaths(inner, [...prefix, key])]);
  }
  if (def.type === 'array' && def.element) return knownPaths(def.element, [...prefix, '*']);
  if (def.type === 'union' && def.options) return def.options.flatMap((option) => knownPaths(option, prefix));
  const inner = def.innerType ?? def.in;
  return inner ? knownPaths(inner, prefix) : [];
}

/** The known key an unknown one was probably meant to be: a near spelling here, or the same name elsewhere. */
function suggestKey(at: string[], key: string): string | undefined {
  const paths = knownPaths();
  const here = at.map((segment) => (/^\d+$/.test(segment) ? '*' : segment)).join('.');
  const near = (a: string, b: string, max: number) => editDistance(a.toLowerCase(), b.toLowerCase()) <= max;
  const siblings = paths.filter((p) => p.slice(0, -1).join('.') === here);
  const sibling = siblings.find((p) => near(p[p.length - 1]!, key, 0)) ?? siblings.find((p) => near(p[p.length - 1]!, key, Math.min(2, key.length >> 2)));
  if (sibling) return [...at, sibling[sibling.length - 1]!].join('.');
  const elsewhere = paths.find((p) => near(p[p.length - 1]!, key, 0)) ?? paths.find((p) => near(p[p.length - 1]!, key, 1) && key.length > 3);
  return elsewhere?.join('.');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Adds defaults (by environment variable name) that rank below the config file: a default is
 * applied only where neither the environment nor the file sets its field. The local stack uses it
 * for its own defaults (API key, webhook secret, public URL...), so a file's value is never
 * overridden by a default: one precedence, environment over file over defaults.
 */
export function withDefaults(
  env: Record<string, string | undefined>,
  file: unknown,
  defaults: Record<string, string | (() => string)>,
): Record<string, string | undefined> {
  const result = { ...env };
  for (const [name, fallback] of Object.entries(defaults)) {
    if (result[name]) continue;
    const binding = ENV_BINDINGS[name];
    if (binding && hasPath(file, binding.path)) continue;
    result[name] = typeof fallback === 'function' ? fallback() : fallback;
  }
  return result;
}

function hasPath(value: unknown, path: string[]): boolean {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return node !== undefined && node !== null && node !== '';
}

/**
 * Reads `EARSHOT_CONFIG` (a JSON file) or `EARSHOT_CONFIG_JSON` (the same JSON inline, as the AWS
 * stack passes it to the functions) if set, and parses the whole configuration from `env`.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parseConfig(readConfigFile(env), env);
}

/**
 * The config file's content as parsed JSON: `EARSHOT_CONFIG_JSON` (inline, as the AWS stack passes
 * it to the functions) or the file `EARSHOT_CONFIG` names, or `{}` when neither is set.
 */
export function readConfigFile(env: Record<string, string | undefined> = process.env): unknown {
  if (env.EARSHOT_CONFIG_JSON) {
    try {
      return JSON.parse(env.EARSHOT_CONFIG_JSON);
    } catch (error) {
      throw new ConfigError([`EARSHOT_CONFIG_JSON: ${(error as Error).message}`]);
    }
  }
  const path = env.EARSHOT_CONFIG;
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError([`EARSHOT_CONFIG (${path}): ${(error as Error).message}`]);
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
