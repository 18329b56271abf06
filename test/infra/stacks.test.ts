import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#infra/aws/app.ts';
import { functionId } from '#infra/aws/stateless-stack.ts';
import { FUNCTIONS, QUEUES, ROUTES, TABLE } from '#infra/definitions.ts';

/** Every statement of every IAM policy in a template. */
function statements(template: Template): Array<{ Action: string | string[]; Resource: unknown; Effect: string }> {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) => (policy as { Properties: { PolicyDocument: { Statement: never[] } } }).Properties.PolicyDocument.Statement,
  );
}

let data: Template;
let stateless: Template;
let nagErrors: string[];

beforeAll(() => {
  const app = new App({ context: { ownerEmail: 'owner@example.com,partner@example.com', fromEmail: 'alerts@shop.example', timeZone: 'Europe/London', inboundRecipients: 'hello@shop.example', digestDay: 'fri', digestHour: 17 } });
  const built = buildApp(app);
  // Synthesis runs the cdk-nag checks; their failures are reported on the assembly.
  let error: unknown;
  try {
    app.synth();
  } catch (caught) {
    error = caught;
  }
  nagErrors = error ? [String(error)] : [];
  data = Template.fromStack(built.stateful);
  stateless = Template.fromStack(built.stateless);
}, 120_000);

describe('stateful stack', () => {
  it('has the table from the shared definition, with indexes, TTL, PITR and encryption, kept on delete', () => {
    data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    });
    const table = Object.values(data.findResources('AWS::DynamoDB::Table'))[0] as { Properties: { GlobalSecondaryIndexes: Array<{ IndexName: string }> } };
    expect(table.Properties.GlobalSecondaryIndexes.map((i) => i.IndexName)).toEqual(TABLE.indexes.map((i) => i.name));
  });

  it('gives every queue a dead-letter queue with the defined redrive limit, encrypted', () => {
    const queues = Object.values(data.findResources('AWS::SQS::Queue')) as Array<{ Properties: Record<string, unknown> }>;
    expect(queues).toHaveLength(Object.keys(QUEUES).length * 2);
    for (const definition of Object.values(QUEUES)) {
      data.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: definition.visibilityTimeoutSeconds,
        RedrivePolicy: { maxReceiveCount: definition.maxReceiveCount },
        SqsManagedSseEnabled: true,
      });
    }
    for (const queue of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('keeps raw inputs encrypted, private, TLS-only and expiring with the retention', () => {
    data.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 730, Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }] },
    });
    expect(JSON.stringify(data.findResources('AWS::S3::BucketPolicy'))).toContain('aws:SecureTransport');
  });

  it('stores inbound mail for the configured recipients under inbound/ and notifies the inbound-email queue', () => {
    data.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: { Recipients: ['hello@shop.example'], Enabled: true, ScanEnabled: true, TlsPolicy: 'Require', Actions: [{ S3Action: { ObjectKeyPrefix: 'inbound/' } }] },
    });
    const notifications = JSON.stringify(data.findResources('Custom::S3BucketNotifications'));
    expect(notifications).toContain('inbound/');
    expect(notifications).toContain('QueueConfigurations');
    expect(JSON.stringify(data.findResources('AWS::S3::BucketPolicy'))).toContain('ses.amazonaws.com');
  });
});

describe('stateless stack', () => {
  it('has every defined function on Node 22, ARM64, with its memory and timeout, traced', () => {
    for (const definition of Object.values(FUNCTIONS)) {
      stateless.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: definition.memoryMb,
        Timeout: definition.timeoutSeconds,
        Description: definition.description,
        TracingConfig: { Mode: 'Active' },
      });
    }
    expect(Object.keys(stateless.findResources('AWS::Lambda::Function'))).toHaveLength(Object.keys(FUNCTIONS).length);
  });

  it('reports partial batch failures from every queue consumer', () => {
    const mappings = Object.values(stateless.findResources('AWS::Lambda::EventSourceMapping')) as Array<{ Properties: Record<string, unknown> }>;
    const consumers = Object.values(FUNCTIONS).filter((f) => 'consumes' in f.access);
    expect(mappings).toHaveLength(consumers.length);
    for (const mapping of mappings) expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('routes every defined route on the HTTP API and nothing local-only', () => {
    const routes = Object.values(stateless.findResources('AWS::ApiGatewayV2::Route')).map((r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey);
    expect(routes.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    expect(routes.some((r) => r.includes('/_local'))).toBe(false);
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', { AccessLogSettings: {}, DefaultRouteSettings: { ThrottlingRateLimit: 100 } });
  });

  it('grants no wildcard actions, and sends email only from the configured identity', () => {
    for (const statement of statements(stateless)) {
      for (const action of ([] as string[]).concat(statement.Action)) {
        expect(action).not.toBe('*');
        expect(action).not.toMatch(/:\*$/);
      }
    }
    const ses = statements(stateless).filter((s) => ([] as string[]).concat(s.Action).some((a) => a.startsWith('ses:')));
    expect(ses.length).toBe(Object.values(FUNCTIONS).filter((f) => 'sendsEmail' in f.access && f.access.sendsEmail).length);
    for (const statement of ses) expect(JSON.stringify(statement.Resource)).toContain(':identity/shop.example');
  });

  it('runs the scheduled functions on their rates', () => {
    for (const definition of Object.values(FUNCTIONS)) {
      if (!('schedule' in definition)) continue;
      const minutes = definition.schedule.awsRateMinutes;
      stateless.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: `rate(${minutes} minute${minutes === 1 ? '' : 's'})` });
    }
  });

  it('runs the weekly functions with EventBridge Scheduler in the owner\'s time zone', () => {
    for (const definition of Object.values(FUNCTIONS) as Array<{ weekly?: { day: string; hour: number; minute: number } }>) {
      if (!definition.weekly) continue;
      stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: `cron(${definition.weekly.minute} 17 ? * FRI *)`,
        ScheduleExpressionTimezone: 'Europe/London',
        FlexibleTimeWindow: { Mode: 'OFF' },
      });
    }
  });

  it('alarms the owner on dead letters and function errors', () => {
    const alarms = Object.keys(stateless.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.filter((id) => id.includes('DeadLettersAlarm'))).toHaveLength(Object.keys(QUEUES).length);
    for (const definition of Object.values(FUNCTIONS)) expect(alarms.some((id) => id.startsWith(`${functionId(definition.name)}ErrorsAlarm`))).toBe(true);
    stateless.resourceCountIs('AWS::SNS::Subscription', 2);
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'Earshot', MetricName: 'SilentSources', Threshold: 1, TreatMissingData: 'breaching' });
  });
});

describe('cdk-nag', () => {
  it('finds no unacknowledged AwsSolutions rule violations', () => {
    expect(nagErrors).toEqual([]);
  });
});
