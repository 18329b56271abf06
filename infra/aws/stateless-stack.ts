import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { CfnStage, DomainName, HttpApi, HttpMethod, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { FUNCTIONS, QUEUES, ROUTES, weeklyTime, type FunctionDefinition, type FunctionKey, type QueueKey } from '#infra/definitions.ts';
import { grantAccess } from '#infra/aws/access.ts';
import { EarshotFunction } from '#infra/aws/earshot-function.ts';
import type { DeploySettings } from '#infra/aws/settings.ts';
import type { StatefulStack } from '#infra/aws/stateful-stack.ts';

/** Logical id stem of a function from its folder name: `process-feedback` -> `ProcessFeedback`. */
export function functionId(name: string): string {
  return name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
}

/** The imported data stack's resources. */
type Data = ReturnType<StatefulStack['importInto']>;

/**
 * One Lambda function per definition, each granted exactly its access, and their routes on the
 * HTTP API (one integration per function).
 */
export class Functions extends Construct {
  readonly byKey: Record<FunctionKey, EarshotFunction>;

  constructor(scope: Construct, id: string, props: { data: Data; dataStackName: string; settings: DeploySettings; environment: Record<string, string>; api: HttpApi }) {
    super(scope, id);
    const { data, settings, environment, api } = props;
    this.byKey = Object.fromEntries(
      (Object.keys(FUNCTIONS) as FunctionKey[]).map((key) => {
        const definition = FUNCTIONS[key];
        const construct = new EarshotFunction(this, functionId(definition.name), { definition, environment, logRetentionDays: settings.logRetentionDays });
        grantAccess(construct.fn, definition.access, data, settings, props.dataStackName);
        Validations.of(construct).acknowledge({
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: 'The AWS managed basic execution role only lets the function write its own logs.',
        });
        Validations.of(construct).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: 'X-Ray trace segments and telemetry cannot be scoped to a resource (xray:PutTraceSegments, xray:PutTelemetryRecords).',
        });
        return [key, construct];
      }),
    ) as Record<FunctionKey, EarshotFunction>;

    const integrations = new Map<FunctionKey, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      let integration = integrations.get(route.fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${functionId(FUNCTIONS[route.fn].name)}Integration`, this.byKey[route.fn].fn);
        integrations.set(route.fn, integration);
      }
      api.addRoutes({ path: route.path, methods: [route.method as HttpMethod], integration });
    }
  }
}

/**
 * The schedules: an EventBridge rule for each function run every few minutes, and an EventBridge
 * Scheduler schedule, in the owner's time zone, for each weekly one (at the time its setting says)
 * and each run every few minutes that reads the owner's calendar (the follow-through).
 */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: { functions: Functions; settings: DeploySettings }) {
    super(scope, id);
    const { settings } = props;
    const stack = Stack.of(this);
    for (const key of Object.keys(FUNCTIONS) as FunctionKey[]) {
      const definition = FUNCTIONS[key] as FunctionDefinition;
      const fn = props.functions.byKey[key].fn;
      if (definition.schedule) {
        new events.Rule(this, `${functionId(definition.name)}Schedule`, {
          description: `Runs ${definition.name} every ${definition.schedule.awsRateMinutes} minute(s)`,
          schedule: events.Schedule.rate(Duration.minutes(definition.schedule.awsRateMinutes)),
          targets: [new LambdaFunction(fn, { retryAttempts: 2 })],
        });
      }
      const every = definition.every;
      if (!definition.weekly && !every) continue;
      // EventBridge Scheduler runs in the business's time zone, through a role that may only invoke this function.
      const role = new iam.Role(this, `${functionId(definition.name)}SchedulerRole`, {
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
        description: `Lets EventBridge Scheduler invoke ${definition.name}`,
      });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
      if (definition.weekly) {
        const weekly = weeklyTime(definition.weekly, settings);
        new CfnSchedule(this, `${functionId(definition.name)}WeeklySchedule`, {
          description: `Runs ${definition.name} every ${weekly.day} at ${String(weekly.hour).padStart(2, '0')}:${String(weekly.minute).padStart(2, '0')} ${settings.timeZone}`,
          scheduleExpression: `cron(${weekly.minute} ${weekly.hour} ? * ${weekly.day} *)`,
          scheduleExpressionTimezone: settings.timeZone,
          flexibleTimeWindow: { mode: 'OFF' },
          target: {
            arn: fn.functionArn,
            roleArn: role.roleArn,
            input: JSON.stringify({ through: 'yesterday' }),
            retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 6 * 3600 },
          },
        });
      }
      if (every) {
        new CfnSchedule(this, `${functionId(definition.name)}Schedule`, {
          description: `Runs ${definition.name} every ${every.minutes} minutes (${settings.timeZone})`,
          scheduleExpression: `cron(0/${every.minutes} * * * ? *)`,
          scheduleExpressionTimezone: settings.timeZone,
          flexibleTimeWindow: { mode: 'OFF' },
          target: {
            arn: fn.functionArn,
            roleArn: role.roleArn,
            input: '{}',
            // A run that fails is not worth repeating late: the next one comes in a few minutes.
            retryPolicy: { maximumRetryAttempts: 1, maximumEventAgeInSeconds: every.minutes * 60 },
          },
        });
      }
    }
  }
}

/**
 * The alarms that tell the owner something is stuck: a message in a dead-letter queue, a function
 * failing, a silent mention source, a silent poller. They notify the alarm topic.
 */
export class Alarms extends Construct {
  constructor(scope: Construct, id: string, props: { data: Data; functions: Functions; topic: sns.Topic; settings: DeploySettings }) {
    super(scope, id);
    const { data, settings } = props;
    const notify = new SnsAction(props.topic);
      for (const key of Object.keys(QUEUES) as QueueKey[]) {
        new cloudwatch.Alarm(this, `${QUEUES[key].id}DeadLettersAlarm`, {
          alarmDescription: `Messages in the ${QUEUES[key].name} dead-letter queue: inputs that failed ${QUEUES[key].maxReceiveCount} times. Inspect, fix, then redrive.`,
          metric: data.queues[key].deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
          threshold: 0,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }).addAlarmAction(notify);
      }
      // The poller reports Earshot/SilentSources on every run (every few minutes), even with no
      // sources configured. One alarm fires as soon as a source is silent; the other when nothing at
      // all has been reported for the whole pollerSilenceAlarmMinutes window (the poller fails before
      // reporting, or is no longer scheduled). Missing data counts as breaching only for the second,
      // and it needs every period of the window breaching, so a single late run does not page anyone.
      const silentSources = (statistic: string, period: Duration) => new cloudwatch.Metric({ namespace: 'Earshot', metricName: 'SilentSources', statistic, period });
      new cloudwatch.Alarm(this, 'SilentSourcesAlarm', {
        alarmDescription:
          `A mention source has had no successful read for ${settings.pollerSilenceMinutes} minutes. ` +
          "Check the poll-mentions logs (source id, HTTP status, next attempt) and the digest's monitor section.",
        metric: silentSources('Maximum', Duration.minutes(30)),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(notify);
      const window = settings.pollerSilenceAlarmMinutes;
      const period = window % 60 === 0 ? 60 : 30;
      const pollerRate = FUNCTIONS.pollMentions.schedule.awsRateMinutes;
      if (pollerRate >= period) throw new Error(`poll-mentions runs every ${pollerRate} minutes, longer than the ${period}-minute period of its silence alarm`);
      new cloudwatch.Alarm(this, 'PollerSilentAlarm', {
        alarmDescription:
          `The mention poller has reported nothing for ${window} minutes: it fails before it can report, or its schedule stopped. ` +
          'Check the poll-mentions errors alarm and logs, and its EventBridge rule.',
        metric: silentSources('SampleCount', Duration.minutes(period)),
        threshold: 1,
        evaluationPeriods: Math.ceil(window / period),
        datapointsToAlarm: Math.ceil(window / period),
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }).addAlarmAction(notify);
      for (const key of Object.keys(FUNCTIONS) as FunctionKey[]) {
        new cloudwatch.Alarm(this, `${functionId(FUNCTIONS[key].name)}ErrorsAlarm`, {
          alarmDescription: `${FUNCTIONS[key].name} failed (uncaught errors or timeouts) in the last 15 minutes.`,
          metric: props.functions.byKey[key].fn.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }).addAlarmAction(notify);
      }
  }
}

/**
 * What can be replaced freely: the functions (one per definition), the HTTP API with one route per
 * definition, the schedules, and the alarms that tell the owner when something is stuck. The API
 * and the alarm topic stay at the top of the stack, so their URL and subscriptions outlive any
 * change to the rest.
 */
export class StatelessStack extends Stack {
  readonly functions: Record<FunctionKey, EarshotFunction>;
  readonly api: HttpApi;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, dataStack: StatefulStack, settings: DeploySettings, props?: StackProps) {
    super(scope, id, props);
    const data = dataStack.importInto(this);

    // The business's own domain, if given: survey links and the console live on it.
    const domain = settings.customDomain
      ? new DomainName(this, 'CustomDomain', {
          domainName: settings.customDomain.domainName,
          certificate: acm.Certificate.fromCertificateArn(this, 'CustomDomainCertificate', settings.customDomain.certificateArn),
          securityPolicy: SecurityPolicy.TLS_1_2,
        })
      : undefined;
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Earshot: orders, survey pages, customers and webhooks',
      createDefaultStage: true,
      ...(domain ? { defaultDomainMapping: { domainName: domain } } : {}),
    });
    if (domain) {
      new CfnOutput(this, 'CustomDomainTarget', {
        value: domain.regionalDomainName,
        description: `Point ${settings.customDomain!.domainName} here: a CNAME (or a Route 53 alias) to this name`,
      });
    }
    // The functions' public URL is the API's endpoint (built from the API id). No cycle: the API
    // itself does not depend on the functions, only its routes and integrations do.
    const publicUrl = settings.publicUrl ?? this.api.apiEndpoint;
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'Base URL of the HTTP API (orders, surveys, webhooks)' });

    // The functions resolve their configuration as locally: these variables (the context keys given
    // for this deploy) over the config file (EARSHOT_CONFIG_JSON) over the defaults.
    const baseEnvironment: Record<string, string> = {
      ...settings.functionEnvironment,
      EARSHOT_PUBLIC_URL: publicUrl,
    };

    const functions = new Functions(this, 'Functions', { data, dataStackName: dataStack.stackName, settings, environment: baseEnvironment, api: this.api });
    this.functions = functions.byKey;
    new Schedules(this, 'Schedules', { functions, settings });

    this.logApiAccess(settings);
    this.alarmTopic = this.createAlarmTopic(settings);
    new Alarms(this, 'Alarms', { data, functions, topic: this.alarmTopic, settings });
  }

  /** Access logs for the API's default stage, and its throttling. */
  private logApiAccess(settings: DeploySettings): void {
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: settings.logRetentionDays as logs.RetentionDays });
    const stage = this.api.defaultStage!.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        time: '$context.requestTime',
        method: '$context.httpMethod',
        path: '$context.path',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Each route authorises in its handler: the API key (Bearer) for /v1 admin routes, an HMAC signature for the mentions webhook, and a signed single-use token for survey pages, which customers open without an account.',
    });
  }

  /** The topic the alarms notify, encrypted with a key CloudWatch may use, each owner address subscribed. */
  private createAlarmTopic(settings: DeploySettings): sns.Topic {
    // CloudWatch cannot publish to a topic encrypted with the AWS managed key (alias/aws/sns): its
    // key policy cannot be changed to let CloudWatch use it. So the topic has its own key.
    const alarmKey = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the Earshot alarm topic; CloudWatch alarms in this account may use it',
      enableKeyRotation: true,
    });
    alarmKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    const topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Earshot alarms',
      enforceSSL: true,
      masterKey: alarmKey,
    });
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': `arn:${this.partition}:cloudwatch:${this.region}:${this.account}:alarm:*` },
        },
      }),
    );
    new CfnOutput(this, 'AlarmTopicArn', { value: topic.topicArn, description: 'SNS topic the alarms notify' });
    for (const address of settings.ownerEmails) topic.addSubscription(new EmailSubscription(address));
    return topic;
  }
}
