import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../bench/cold-import.ts';
import { functionId } from '#infra/aws/stateless-stack.ts';
import { CONSUMER_BATCH, FUNCTIONS, QUEUES, RAW_BUCKET, ROUTES, SECRETS, TABLE, visibilityTimeoutSeconds, type FunctionDefinition, type QueueKey, type SecretKey } from '#infra/definitions.ts';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import { ENV_BINDINGS, parseConfig } from '#shared/config.ts';
import { generatedValue, missingHandlers, synthesise, type GenerateSecretString, type Synthesised } from './synth.ts';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
  Metadata?: { cdk_nag?: { rules_to_suppress: Array<{ id: string; reason?: string }> } };
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Json;
}

const CONTEXT = {
  ownerEmail: 'owner@shop.example,partner@shop.example',
  fromEmail: 'alerts@shop.example',
  businessName: 'Corner Bakery',
  timeZone: 'Europe/London',
  inboundRecipients: 'hello@shop.example,complaints.shop.example',
  digestDay: 'fri',
  digestHour: 17,
  retentionDays: 400,
  logRetentionDays: 14,
  pollerSilenceAlarmMinutes: 180,
};
const DEFINITIONS = Object.values(FUNCTIONS) as FunctionDefinition[];

let synth: Synthesised;
const resources = (which: 'data' | 'stateless', type?: string): Record<string, Resource> => {
  const all = (synth[which].toJSON() as { Resources: Record<string, Resource> }).Resources;
  return Object.fromEntries(Object.entries(all).filter(([, r]) => !type || r.Type === type));
};
const one = (which: 'data' | 'stateless', type: string): [string, Resource] => {
  const found = Object.entries(resources(which, type));
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** The logical id of a function's Lambda resource, found by its description (unique per definition). */
function lambdaOf(definition: FunctionDefinition): [string, Resource] {
  const found = Object.entries(resources('stateless', 'AWS::Lambda::Function')).filter(([, r]) => r.Properties.Description === definition.description);
  expect(found, definition.name).toHaveLength(1);
  return found[0]!;
}

/** Every action a function's role may perform, from the policies attached to that role. */
function actionsOf(definition: FunctionDefinition): { actions: Set<string>; statements: Statement[] } {
  const [, fn] = lambdaOf(definition);
  const roleId = ((fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'])[0];
  const statements = Object.values(resources('stateless', 'AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  return { actions: new Set(statements.flatMap((s) => list(s.Action))), statements };
}

/** Every statement of every identity policy (attached, managed and inline) in both stacks. */
function identityStatements(): Statement[] {
  return (['data', 'stateless'] as const).flatMap((which) =>
    Object.values(resources(which)).flatMap((r) => {
      if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') return (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
      if (r.Type === 'AWS::IAM::Role') return ((r.Properties.Policies ?? []) as Array<{ PolicyDocument: { Statement: Statement[] } }>).flatMap((p) => p.PolicyDocument.Statement);
      return [];
    }),
  );
}

beforeAll(() => {
  const missing = missingHandlers();
  if (missing.length) throw new Error(`Handlers missing, so the functions cannot be bundled: ${missing.join(', ')}`);
  synth = synthesise(CONTEXT);
}, 300_000);

afterAll(() => synth?.cleanup());

describe('the stateful stack', () => {
  it('has the table from the shared definition: keys, indexes, TTL, on-demand, PITR, encryption, kept on delete', () => {
    const [, table] = one('data', 'AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      TABLE.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  it('gives every queue its dead-letter queue with the defined redrive limit and retention, encrypted and TLS-only', () => {
    const queues = resources('data', 'AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(Object.keys(QUEUES).length * 2);
    for (const definition of Object.values(QUEUES)) {
      const [, queue] = Object.entries(queues).find(([id]) => id.startsWith(definition.id) && !id.startsWith(`${definition.id}DeadLetters`))!;
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true });
      const redrive = queue.Properties.RedrivePolicy as { maxReceiveCount: number; deadLetterTargetArn: { 'Fn::GetAtt': [string, string] } };
      expect(redrive.maxReceiveCount).toBe(definition.maxReceiveCount);
      const deadLetters = queues[redrive.deadLetterTargetArn['Fn::GetAtt'][0]]!;
      expect(deadLetters.Properties).toMatchObject({ MessageRetentionPeriod: definition.deadLetterRetentionDays * 86_400, SqsManagedSseEnabled: true });
    }
    for (const queue of Object.values(queues)) expect(queue.DeletionPolicy).toBe('Retain');
    const policies = Object.values(resources('data', 'AWS::SQS::QueuePolicy'));
    expect(policies).toHaveLength(Object.keys(queues).length);
    for (const policy of policies) expect(JSON.stringify(policy)).toContain('"aws:SecureTransport":"false"');
  });

  it('gives every queue a visibility timeout of at least six times its consumer’s timeout plus the batch window', () => {
    const queues = resources('data', 'AWS::SQS::Queue');
    const mappings = Object.values(resources('stateless', 'AWS::Lambda::EventSourceMapping'));
    for (const [key, definition] of Object.entries(QUEUES)) {
      const [, queue] = Object.entries(queues).find(([id]) => id.startsWith(definition.id) && !id.startsWith(`${definition.id}DeadLetters`))!;
      // The consumer as deployed: its Lambda timeout and its event source's batch window, read from the templates.
      const consumers = DEFINITIONS.filter((d) => d.access.consumes === key);
      expect(consumers.length, key).toBeGreaterThan(0);
      for (const consumer of consumers) {
        const [fnId, fn] = lambdaOf(consumer);
        const mapping = mappings.find((m) => (m.Properties.FunctionName as { Ref: string }).Ref === fnId)!;
        const needed = 6 * (fn.Properties.Timeout as number) + (mapping.Properties.MaximumBatchingWindowInSeconds as number);
        expect(queue.Properties.VisibilityTimeout as number, `${definition.name} for ${consumer.name}`).toBeGreaterThanOrEqual(needed);
      }
      expect(queue.Properties.VisibilityTimeout, definition.name).toBe(visibilityTimeoutSeconds(key as QueueKey));
    }
    // The inbound-email consumer runs for up to 60 s: 6 x 60 + 1.
    expect(visibilityTimeoutSeconds('inboundEmail')).toBe(6 * FUNCTIONS.ingestEmail.timeoutSeconds + CONSUMER_BATCH.maxBatchingWindowSeconds);
  });

  it('keeps raw inputs encrypted, private, TLS-only, access-logged and expiring after retentionDays', () => {
    const buckets = resources('data', 'AWS::S3::Bucket');
    const [rawId, raw] = Object.entries(buckets).find(([id]) => id.startsWith(RAW_BUCKET.id))!;
    expect(raw.DeletionPolicy).toBe('Retain');
    expect(raw.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: CONTEXT.retentionDays, Status: 'Enabled' }] },
    });
    const logBucketId = ((raw.Properties.LoggingConfiguration as { DestinationBucketName: { Ref: string } }).DestinationBucketName).Ref;
    expect(logBucketId).not.toBe(rawId);
    expect(buckets[logBucketId]!.Properties).toMatchObject({ OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } });
    for (const policy of Object.values(resources('data', 'AWS::S3::BucketPolicy'))) expect(JSON.stringify(policy)).toContain('"aws:SecureTransport":"false"');
  });

  it('notifies the inbound-email queue of objects created under inbound/', () => {
    const [, notifications] = one('data', 'Custom::S3BucketNotifications');
    const queueId = Object.keys(resources('data', 'AWS::SQS::Queue')).find((id) => id.startsWith(QUEUES.inboundEmail.id) && !id.includes('DeadLetters'))!;
    expect(notifications.Properties.NotificationConfiguration).toEqual({
      QueueConfigurations: [
        {
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: RAW_BUCKET.inboundPrefix }] } },
          QueueArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
        },
      ],
    });
  });

  it('stores mail for the configured recipients under inbound/ through an SES receipt rule SES may write for this account only', () => {
    const [, rule] = one('data', 'AWS::SES::ReceiptRule');
    expect(rule.Properties.Rule).toMatchObject({
      Recipients: ['hello@shop.example', 'complaints.shop.example'],
      Enabled: true,
      ScanEnabled: true,
      Actions: [{ S3Action: { ObjectKeyPrefix: RAW_BUCKET.inboundPrefix } }],
    });
    one('data', 'AWS::SES::ReceiptRuleSet');
    const sesStatements = Object.values(resources('data', 'AWS::S3::BucketPolicy'))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((s) => JSON.stringify(s.Principal ?? '').includes('ses.amazonaws.com'));
    expect(sesStatements).toHaveLength(1);
    expect(sesStatements[0]).toMatchObject({ Effect: 'Allow', Action: 's3:PutObject', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } });
    expect(JSON.stringify(sesStatements[0]!.Resource)).toContain(`/${RAW_BUCKET.inboundPrefix}*`);
  });

  it('generates every secret the functions read, with values each function’s secret parsing accepts, kept on delete', async () => {
    const secrets = resources('data', 'AWS::SecretsManager::Secret');
    expect(Object.keys(secrets)).toHaveLength(Object.keys(SECRETS).length);
    // What Secrets Manager would store on a fresh deploy, derived from each secret's definition.
    const generated = Object.fromEntries(Object.entries(secrets).map(([id, secret]) => [id, generatedValue(secret.Properties.GenerateSecretString as GenerateSecretString)]));
    for (const secret of Object.values(secrets)) expect(secret.DeletionPolicy).toBe('Retain');
    const outputs = (synth.data.toJSON() as { Outputs: Record<string, { Value: { Ref: string }; Export?: { Name: string } }> }).Outputs;
    const secretByExport = new Map(Object.values(outputs).filter((o) => o.Export && o.Value?.Ref in secrets).map((o) => [o.Export!.Name, o.Value.Ref]));

    for (const definition of DEFINITIONS) {
      const env = (lambdaOf(definition)[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const { statements } = actionsOf(definition);
      // Each ARN the function is given names a generated secret its role may read.
      const reader = {
        read: async (id: string) => {
          const secretId = secretByExport.get(id);
          if (!secretId) throw new Error(`${definition.name}: ${id} is not a generated secret`);
          return generated[secretId];
        },
      };
      const arnEnv: Record<string, string> = {};
      for (const key of Object.keys(SECRETS) as SecretKey[]) {
        const value = env[SECRETS[key].arnEnv] as { 'Fn::ImportValue': string } | undefined;
        expect(Boolean(value), `${definition.name} reads ${key}`).toBe((definition.access.secrets ?? []).includes(key));
        if (!value) continue;
        arnEnv[SECRETS[key].arnEnv] = value['Fn::ImportValue'];
        const grant = statements.find((st) => list(st.Action).includes('secretsmanager:GetSecretValue') && list(st.Resource).some((r) => JSON.stringify(r) === JSON.stringify(value)));
        expect(grant, `${definition.name} may read ${key}`).toBeDefined();
      }
      // The function's own secret parsing over the generated values: nothing throws, so nothing answers 500.
      const source = createSecretSource(parseConfig({}, arnEnv), { reader });
      for (const key of definition.access.secrets ?? []) {
        const value = key === 'apiKey' ? await source.apiKey() : key === 'webhookSecret' ? await source.webhookSecret() : (await source.linkKeys()).current;
        expect(value.length, `${definition.name} ${key}`).toBeGreaterThanOrEqual(32);
      }
    }
    // Every secret any function reads is generated.
    const read = new Set(DEFINITIONS.flatMap((d) => d.access.secrets ?? []));
    expect([...read].sort()).toEqual(Object.keys(SECRETS).sort());
  });
});

describe('the stateless stack: functions', () => {
  it('has one function per definition, Node 24 on ARM64, with its memory, timeout and description, traced, logging to its own log group', () => {
    expect(Object.keys(resources('stateless', 'AWS::Lambda::Function'))).toHaveLength(DEFINITIONS.length);
    const logGroups = resources('stateless', 'AWS::Logs::LogGroup');
    for (const definition of DEFINITIONS) {
      const [, fn] = lambdaOf(definition);
      expect(fn.Properties, definition.name).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: definition.memoryMb,
        Timeout: definition.timeoutSeconds,
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
      });
      const logGroupId = ((fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup).Ref;
      expect(logGroups[logGroupId]!.Properties.RetentionInDays).toBe(CONTEXT.logRetentionDays);
    }
  });

  it('sets each function the environment its access needs, and only variables the config reads', () => {
    const apiId = one('stateless', 'AWS::ApiGatewayV2::Api')[0];
    for (const definition of DEFINITIONS) {
      const env = ((lambdaOf(definition)[1].Properties.Environment as { Variables: Json }).Variables);
      const { access } = definition;
      expect(env, definition.name).toMatchObject({
        EARSHOT_OWNER_EMAIL: CONTEXT.ownerEmail,
        EARSHOT_FROM_EMAIL: CONTEXT.fromEmail,
        EARSHOT_BUSINESS_NAME: CONTEXT.businessName,
        EARSHOT_TIME_ZONE: CONTEXT.timeZone,
        EARSHOT_RETENTION_DAYS: String(CONTEXT.retentionDays),
        POWERTOOLS_SERVICE_NAME: `earshot-${definition.name}`,
      });
      // The public URL is the API's own URL, built from its id (the API does not depend on the functions, so no cycle).
      expect(env.EARSHOT_PUBLIC_URL).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
      expect('EARSHOT_TABLE_NAME' in env, `${definition.name} table`).toBe(Boolean(access.table));
      expect(RAW_BUCKET.env in env, `${definition.name} bucket`).toBe(Boolean(access.rawBucket));
      for (const [key, queue] of Object.entries(QUEUES)) {
        expect(queue.urlEnv in env, `${definition.name} ${key}`).toBe((access.sendTo ?? []).includes(key as never));
      }
      for (const name of Object.keys(env).filter((n) => n.startsWith('EARSHOT_'))) {
        expect(name in ENV_BINDINGS || name === 'EARSHOT_CONFIG_JSON', `${definition.name}: ${name} is not read by shared/config.ts`).toBe(true);
      }
    }
  });

  it('grants each function exactly what its definition declares', () => {
    for (const definition of DEFINITIONS) {
      const { access } = definition;
      const { actions } = actionsOf(definition);
      const has = (action: string) => actions.has(action);
      const label = (what: string) => `${definition.name}: ${what}`;
      expect(has('dynamodb:Query'), label('table read')).toBe(Boolean(access.table));
      expect(has('dynamodb:PutItem'), label('table write')).toBe(access.table === 'readWrite');
      expect(has('sqs:SendMessage'), label('send to a queue')).toBe(Boolean(access.sendTo?.length));
      expect(has('sqs:ReceiveMessage') && has('sqs:DeleteMessage'), label('consume a queue')).toBe(Boolean(access.consumes));
      expect(has('s3:GetObject*'), label('bucket read')).toBe(access.rawBucket === 'read' || access.rawBucket === 'readWrite');
      expect(has('s3:PutObject'), label('bucket write')).toBe(access.rawBucket === 'write' || access.rawBucket === 'readWrite');
      expect(has('s3:DeleteObject*'), label('bucket delete')).toBe(access.rawBucket === 'readWrite');
      expect(has('ses:SendEmail'), label('send email')).toBe(Boolean(access.sendsEmail));
      expect(has('secretsmanager:GetSecretValue'), label('secret')).toBe(Boolean(access.secrets?.length));
      expect(has('sqs:GetQueueAttributes'), label('dead-letter counts')).toBe(Boolean(access.readsDeadLetters || access.consumes || access.sendTo?.length));
      const services = new Set([...actions].map((a) => a.split(':')[0]));
      expect([...services].sort(), label('services')).toEqual(
        ['xray', access.table && 'dynamodb', (access.sendTo?.length || access.consumes || access.readsDeadLetters) && 'sqs', access.rawBucket && 's3', access.sendsEmail && 'ses', access.secrets?.length && 'secretsmanager']
          .filter((s): s is string => Boolean(s))
          .sort(),
      );
    }
  });

  it("lets the console read only the dead-letter queues' attributes, for the monitor page", () => {
    const { statements } = actionsOf(FUNCTIONS.console);
    const reads = statements.filter((s) => list(s.Action).includes('sqs:GetQueueAttributes'));
    expect(reads.flatMap((s) => list(s.Action))).toEqual(['sqs:GetQueueAttributes']);
    expect(reads.flatMap((s) => list(s.Resource)).map((r) => JSON.stringify(r)).sort()).toEqual(
      Object.values(QUEUES)
        .map((q) => JSON.stringify({ 'Fn::ImportValue': `EarshotData-${q.id}DeadLettersArn` }))
        .sort(),
    );
  });

  it('triggers every queue consumer with batches of 10 and partial batch failures', () => {
    const mappings = Object.values(resources('stateless', 'AWS::Lambda::EventSourceMapping'));
    const consumers = DEFINITIONS.filter((d) => d.access.consumes);
    expect(mappings).toHaveLength(consumers.length);
    for (const definition of consumers) {
      const [fnId] = lambdaOf(definition);
      const mapping = mappings.find((m) => (m.Properties.FunctionName as { Ref: string }).Ref === fnId)!;
      expect(mapping.Properties).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: 10,
        EventSourceArn: { 'Fn::ImportValue': `EarshotData-${QUEUES[definition.access.consumes!].id}Arn` },
      });
      expect(mapping.Properties.MaximumBatchingWindowInSeconds).toBeLessThanOrEqual(5);
    }
  });
});

describe('the stateless stack: HTTP API, schedules, alarms', () => {
  it('routes exactly the defined routes to their functions (payload 2.0), never the local-only helpers, with throttling and access logs', () => {
    const routes = Object.values(resources('stateless', 'AWS::ApiGatewayV2::Route'));
    const integrations = resources('stateless', 'AWS::ApiGatewayV2::Integration');
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of ROUTES) {
      const found = routes.find((r) => r.Properties.RouteKey === `${route.method} ${route.path}`)!;
      const integrationId = (((found.Properties.Target as { 'Fn::Join': [string, Array<string | { Ref: string }>] })['Fn::Join'][1]).find((p) => typeof p !== 'string') as { Ref: string }).Ref;
      expect(integrations[integrationId]!.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [lambdaOf(FUNCTIONS[route.fn])[0], 'Arn'] },
      });
    }
    expect(routes.some((r) => String(r.Properties.RouteKey).includes('/_local'))).toBe(false);
    const [, stage] = one('stateless', 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({ StageName: '$default', DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 } });
    expect((stage.Properties.AccessLogSettings as { DestinationArn: unknown }).DestinationArn).toBeDefined();
  });

  it('runs each scheduled function at its rate', () => {
    const rules = Object.values(resources('stateless', 'AWS::Events::Rule'));
    const scheduled = DEFINITIONS.filter((d) => d.schedule);
    expect(rules).toHaveLength(scheduled.length);
    for (const definition of scheduled) {
      const minutes = definition.schedule!.awsRateMinutes;
      const rule = rules.find((r) => r.Properties.ScheduleExpression === `rate(${minutes} minute${minutes === 1 ? '' : 's'})` && JSON.stringify(r.Properties.Targets).includes(lambdaOf(definition)[0]));
      expect(rule, definition.name).toBeDefined();
      expect(rule!.Properties.State).toBe('ENABLED');
    }
  });

  /** The only statements of the role a schedule runs as. */
  function schedulerStatements(schedule: { Properties: Json }): Statement[] {
    const roleId = ((schedule.Properties.Target as { RoleArn: { 'Fn::GetAtt': [string, string] } }).RoleArn)['Fn::GetAtt'][0];
    const role = resources('stateless', 'AWS::IAM::Role')[roleId]!;
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
    return Object.values(resources('stateless', 'AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  }

  it('runs the follow-through every few minutes with EventBridge Scheduler in the business time zone, through a role that may only invoke it', () => {
    const schedules = Object.values(resources('stateless', 'AWS::Scheduler::Schedule'));
    const frequent = DEFINITIONS.filter((d) => d.every);
    expect(frequent.map((d) => d.name)).toEqual(['follow-through']);
    for (const definition of frequent) {
      const [fnId] = lambdaOf(definition);
      const schedule = schedules.find((s) => JSON.stringify((s.Properties.Target as Json).Arn) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }))!;
      expect(schedule.Properties).toMatchObject({
        ScheduleExpression: `cron(0/${definition.every!.minutes} * * * ? *)`,
        ScheduleExpressionTimezone: CONTEXT.timeZone,
        FlexibleTimeWindow: { Mode: 'OFF' },
      });
      expect(schedulerStatements(schedule)).toEqual([{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [fnId, 'Arn'] } }]);
      expect(definition.every!.minutes).toBeLessThanOrEqual(15);
    }
  });

  it('runs each weekly function with EventBridge Scheduler in the business time zone, through a role that may only invoke it', () => {
    const schedules = Object.values(resources('stateless', 'AWS::Scheduler::Schedule'));
    const weekly = DEFINITIONS.filter((d) => d.weekly);
    expect(schedules).toHaveLength(weekly.length + DEFINITIONS.filter((d) => d.every).length);
    for (const definition of weekly) {
      const [fnId] = lambdaOf(definition);
      const schedule = schedules.find((s) => JSON.stringify((s.Properties.Target as Json).Arn) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }))!;
      // The digest's day and hour come from context (digestDay, digestHour); other weekly functions keep their definition.
      const { day, hour } = definition.name === 'digest' ? { day: 'FRI', hour: CONTEXT.digestHour } : definition.weekly!;
      expect(schedule.Properties).toMatchObject({
        ScheduleExpression: `cron(${definition.weekly!.minute} ${hour} ? * ${day} *)`,
        ScheduleExpressionTimezone: CONTEXT.timeZone,
        FlexibleTimeWindow: { Mode: 'OFF' },
      });
      expect(schedulerStatements(schedule)).toEqual([{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [fnId, 'Arn'] } }]);
    }
  });

  it('alarms the owners on dead letters, function errors and silent mention sources, through an encrypted topic', () => {
    const alarms = resources('stateless', 'AWS::CloudWatch::Alarm');
    const [topicId, topic] = one('stateless', 'AWS::SNS::Topic');
    for (const alarm of Object.values(alarms)) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    for (const definition of Object.values(QUEUES)) {
      const alarm = Object.entries(alarms).find(([id]) => id.startsWith(`Alarms${definition.id}DeadLettersAlarm`))?.[1];
      expect(alarm?.Properties, definition.id).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS', ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
    }
    for (const definition of DEFINITIONS) {
      const alarm = Object.entries(alarms).find(([id]) => id.startsWith(`Alarms${functionId(definition.name)}ErrorsAlarm`))?.[1];
      expect(alarm?.Properties, definition.name).toMatchObject({ MetricName: 'Errors', Namespace: 'AWS/Lambda', Dimensions: [{ Name: 'FunctionName', Value: { Ref: lambdaOf(definition)[0] } }] });
    }
    const silent = Object.values(alarms).filter((a) => a.Properties.Namespace === 'Earshot' && a.Properties.MetricName === 'SilentSources');
    expect(silent.map((a) => a.Properties)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Statistic: 'Maximum', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1 }),
        // Nothing reported for the whole pollerSilenceAlarmMinutes window (180 minutes: 3 hours, all breaching).
        expect.objectContaining({ Statistic: 'SampleCount', ComparisonOperator: 'LessThanThreshold', Threshold: 1, TreatMissingData: 'breaching', Period: 3600, EvaluationPeriods: 3, DatapointsToAlarm: 3 }),
      ]),
    );
    expect(silent).toHaveLength(2);
    expect(Object.keys(topic.Properties)).toContain('KmsMasterKeyId');
    const [, key] = one('stateless', 'AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
    const [, topicPolicy] = one('stateless', 'AWS::SNS::TopicPolicy');
    expect(JSON.stringify(topicPolicy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    const subscriptions = Object.values(resources('stateless', 'AWS::SNS::Subscription')).map((s) => s.Properties);
    expect(subscriptions).toEqual(CONTEXT.ownerEmail.split(',').map((address) => ({ Protocol: 'email', Endpoint: address, TopicArn: { Ref: topicId } })));
  });
});

describe('least privilege', () => {
  it('has no wildcard action in any identity policy', () => {
    const statements = identityStatements();
    expect(statements.length).toBeGreaterThan(DEFINITIONS.length);
    for (const statement of statements) {
      for (const action of list(statement.Action)) {
        expect(action, JSON.stringify(statement)).not.toBe('*');
        expect(action, JSON.stringify(statement)).not.toMatch(/:\*$/);
      }
    }
  });

  it('allows no wildcard action in resource policies, except the account administering its own alarm key', () => {
    for (const which of ['data', 'stateless'] as const) {
      for (const [id, r] of Object.entries(resources(which))) {
        const document = (r.Properties?.PolicyDocument ?? r.Properties?.KeyPolicy) as { Statement: Statement[] } | undefined;
        for (const statement of document?.Statement ?? []) {
          if (statement.Effect !== 'Allow') continue;
          const wildcard = list(statement.Action).some((a) => a === '*' || a.endsWith(':*'));
          if (!wildcard) continue;
          expect(r.Type, id).toBe('AWS::KMS::Key');
          expect(JSON.stringify(statement.Principal), id).toMatch(/:root"/);
        }
      }
    }
  });

  it('lets functions send email only from the configured SES identities, through the configuration set, and nothing but SendEmail', () => {
    const ses = identityStatements().filter((s) => list(s.Action).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(DEFINITIONS.filter((d) => d.access.sendsEmail).length);
    for (const statement of ses) {
      expect(list(statement.Action)).toEqual(['ses:SendEmail']);
      // The default identities: the sender's domain and the sender's address, and the configuration set; nothing else.
      const resources = list(statement.Resource).map((r) => JSON.stringify(r));
      const identities = resources.map((r) => r.match(/:identity\/([^"]*)"/)?.[1]).filter(Boolean);
      expect(identities.sort()).toEqual(['alerts@shop.example', 'shop.example']);
      expect(resources.filter((r) => r.includes(':configuration-set/'))).toEqual([expect.stringContaining('EarshotData-ConfigurationSetName')]);
      expect(resources).toHaveLength(3);
    }
  });
});

describe('bounces and complaints', () => {
  it('sends every email through a configuration set that suppresses bounced and complaining addresses and reports both to the mail-events queue', () => {
    const [setId, set] = one('data', 'AWS::SES::ConfigurationSet');
    expect(set.Properties).toMatchObject({ SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] }, SendingOptions: { SendingEnabled: true } });
    const [, destination] = one('data', 'AWS::SES::ConfigurationSetEventDestination');
    const [topicId, topic] = one('data', 'AWS::SNS::Topic');
    expect(destination.Properties).toMatchObject({
      ConfigurationSetName: { Ref: setId },
      EventDestination: { Enabled: true, MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: { TopicARN: { Ref: topicId } } },
    });
    // Encrypted with its own key, which SES in this account may use; only this configuration set may publish.
    expect(Object.keys(topic.Properties)).toContain('KmsMasterKeyId');
    const [, key] = one('data', 'AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain('ses.amazonaws.com');
    const [, topicPolicy] = one('data', 'AWS::SNS::TopicPolicy');
    const sesPublish = (topicPolicy.Properties.PolicyDocument as { Statement: Statement[] }).Statement.find((st) => JSON.stringify(st.Principal).includes('ses.amazonaws.com'))!;
    expect(sesPublish).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish' });
    expect(JSON.stringify(sesPublish.Condition)).toContain(':configuration-set/');
    // Raw delivery into the mail-events queue, which the mail-events function consumes.
    const [, subscription] = one('data', 'AWS::SNS::Subscription');
    const queueId = Object.keys(resources('data', 'AWS::SQS::Queue')).find((id) => id.startsWith(QUEUES.mailEvents.id) && !id.includes('DeadLetters'))!;
    expect(subscription.Properties).toMatchObject({ Protocol: 'sqs', RawMessageDelivery: true, TopicArn: { Ref: topicId }, Endpoint: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    expect(DEFINITIONS.filter((d) => d.access.consumes === 'mailEvents').map((d) => d.name)).toEqual(['mail-events']);
    // Every function that sends email names the configuration set.
    for (const definition of DEFINITIONS.filter((d) => d.access.sendsEmail)) {
      const env = (lambdaOf(definition)[1].Properties.Environment as { Variables: Json }).Variables;
      expect(env.EARSHOT_SES_CONFIGURATION_SET, definition.name).toEqual({ 'Fn::ImportValue': 'EarshotData-ConfigurationSetName' });
    }
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('reports no unacknowledged finding', () => {
    const report = synth.violations.map((v) => `${v.ruleName}: ${v.description} at ${v.paths.join(', ')}`);
    expect(report).toEqual([]);
    expect(synth.synthError).toBeUndefined();
  });

  it('ran, and every acknowledgement carries a written reason', () => {
    const acknowledged = (['data', 'stateless'] as const).flatMap((which) =>
      Object.values(resources(which)).flatMap((r) => r.Metadata?.cdk_nag?.rules_to_suppress ?? []),
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledged) {
      expect(id).toMatch(/^AwsSolutions-/);
      expect(reason?.length ?? 0, id).toBeGreaterThan(40);
    }
  });
});

describe('the bundles', () => {
  it('are what the cold-import bench measures, byte for byte, and start without source maps', async () => {
    const manifest = JSON.parse(readFileSync(join(synth.outdir, 'EarshotApp.assets.json'), 'utf8')) as { files: Record<string, { source: { path: string; packaging: string } }> };
    for (const definition of DEFINITIONS) {
      const [, fn] = lambdaOf(definition);
      // Loading a source map costs every cold start (about 50 ms of CPU for the 1.3 MB map of process-feedback).
      const env = (fn.Properties.Environment as { Variables: Json }).Variables;
      expect(String(env.NODE_OPTIONS ?? ''), definition.name).not.toContain('source-maps');
      const code = fn.Properties.Code as { S3Key: string };
      const asset = manifest.files[code.S3Key.replace(/\.zip$/, '')];
      expect(asset, definition.name).toBeDefined();
      const deployed = readFileSync(join(synth.outdir, asset!.source.path, 'index.mjs'));
      const measured = (await bundleFunction(process.cwd(), definition.name)).code;
      expect(Buffer.from(measured).equals(deployed), `${definition.name}: the bench's bundle differs from the deployed one`).toBe(true);
    }
  }, 180_000);

  it('are ESM bundles that load in Node and export a handler, without the AWS SDK inside', async () => {
    const manifest = JSON.parse(readFileSync(join(synth.outdir, 'EarshotApp.assets.json'), 'utf8')) as { files: Record<string, { source: { path: string; packaging: string } }> };
    const bundles = Object.values(manifest.files)
      .filter((file) => file.source.packaging === 'zip')
      .map((file) => join(synth.outdir, file.source.path));
    expect(bundles).toHaveLength(DEFINITIONS.length);
    const run = promisify(execFile);
    for (const dir of bundles) {
      expect(readdirSync(dir).sort()).toEqual(['index.mjs']);
      const file = join(dir, 'index.mjs');
      const code = readFileSync(file, 'utf8');
      expect(code).not.toMatch(/class SQSClient|class DynamoDBClient/);
      expect(statSync(file).size).toBeLessThan(1024 * 1024);
      const url = pathToFileURL(resolve(file)).href;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); console.log(typeof m.handler);`], {
        env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1', EARSHOT_LINK_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x' },
        timeout: 20_000,
      });
      expect(stdout.trim(), dir).toBe('function');
    }
  }, 180_000);
});
