import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { GENERATED_SECRET, QUEUES, RAW_BUCKET, SECRETS, TABLE, visibilityTimeoutSeconds, type QueueKey, type SecretKey } from '#infra/definitions.ts';
import type { DeploySettings } from '#infra/aws/settings.ts';

export interface QueuePair {
  queue: sqs.IQueue;
  deadLetters: sqs.IQueue;
}

/** The stateful resources as the stateless stack sees them: imported by stable export names. */
export interface DataRefs {
  table: dynamodb.ITable;
  queues: Record<QueueKey, QueuePair>;
  rawBucket: s3.IBucket;
  secrets: Record<SecretKey, secretsmanager.ISecret>;
  /** The SES configuration set every email goes out through. */
  configurationSetName: string;
}

/** The name of a generated secret in Secrets Manager: `<data stack>/<name>`, e.g. `EarshotData/api-key`. */
export function secretName(stackName: string, key: SecretKey): string {
  return `${stackName}/${SECRETS[key].name}`;
}

/** Stable export names, so the stateless stack can be replaced without touching the data stack. */
export function exportName(stackName: string, what: string): string {
  return `${stackName}-${what}`;
}

/**
 * What holds data and must outlive any code change: the table, the queues with their dead-letter
 * queues, the raw-input bucket and the secret. Everything is encrypted at rest and kept on delete.
 */
export class StatefulStack extends Stack {
  readonly table: dynamodb.Table;
  readonly queues: Record<QueueKey, { queue: sqs.Queue; deadLetters: sqs.Queue }>;
  readonly rawBucket: s3.Bucket;
  readonly secrets: Record<SecretKey, secretsmanager.Secret>;
  readonly configurationSet: ses.ConfigurationSet;

  constructor(scope: Construct, id: string, settings: DeploySettings, props?: StackProps) {
    super(scope, id, props);

    this.table = new dynamodb.Table(this, TABLE.id, {
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TABLE.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of TABLE.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    this.queues = Object.fromEntries(
      (Object.keys(QUEUES) as QueueKey[]).map((key) => {
        const definition = QUEUES[key];
        const deadLetters = new sqs.Queue(this, `${definition.id}DeadLetters`, {
          retentionPeriod: Duration.days(definition.deadLetterRetentionDays),
          encryption: sqs.QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          removalPolicy: RemovalPolicy.RETAIN,
        });
        Validations.of(deadLetters).acknowledge({
          id: 'AwsSolutions-SQS3',
          reason: 'This queue is itself the dead-letter queue of its source queue; an alarm fires when a message lands here.',
        });
        const queue = new sqs.Queue(this, definition.id, {
          visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds(key)),
          deadLetterQueue: { queue: deadLetters, maxReceiveCount: definition.maxReceiveCount },
          encryption: sqs.QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          removalPolicy: RemovalPolicy.RETAIN,
        });
        return [key, { queue, deadLetters }];
      }),
    ) as Record<QueueKey, { queue: sqs.Queue; deadLetters: sqs.Queue }>;

    const accessLogs = new s3.Bucket(this, 'AccessLogBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Log delivery is granted by a bucket policy (feature flag @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy), not ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the raw-input bucket’s server access logs; logging it too would loop.',
    });

    this.rawBucket = new s3.Bucket(this, RAW_BUCKET.id, {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: false,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'raw-input/',
      // Raw inputs hold personal data: they expire with the configured retention.
      lifecycleRules: [{ expiration: Duration.days(settings.retentionDays), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Inbound email: SES stores each message under inbound/ and S3 tells the inbound-email queue.
    this.rawBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queues.inboundEmail.queue), { prefix: RAW_BUCKET.inboundPrefix });
    if (settings.inboundRecipients.length) {
      const ruleSet = new ses.ReceiptRuleSet(this, 'InboundMail', {
        rules: [
          {
            recipients: settings.inboundRecipients,
            scanEnabled: true,
            // Accept mail whether or not the sender's server uses TLS: a complaint is never refused for its transport.
            tlsPolicy: ses.TlsPolicy.OPTIONAL,
            actions: [new sesActions.S3({ bucket: this.rawBucket, objectKeyPrefix: RAW_BUCKET.inboundPrefix })],
          },
        ],
      });
      new CfnOutput(this, 'ReceiptRuleSetName', {
        value: ruleSet.receiptRuleSetName,
        description: 'Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this value>',
      });
    }
    const notificationsHandler = this.node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (notificationsHandler) {
      for (const [id, reason] of [
        ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'CDK’s own bucket-notification helper, run once at deploy time; it only writes its logs.'],
        ['AwsSolutions-IAM5[Resource::*]', 'CDK’s bucket-notification helper must call s3:PutBucketNotification on a bucket named at deploy time.'],
      ] as const) {
        Validations.of(notificationsHandler).acknowledge({ id, reason });
      }
    }

    // Every secret the functions read is generated here, so a fresh deploy works without a manual
    // step: the API key and webhook secret as plain strings, the link key as {"current": "..."}.
    this.secrets = Object.fromEntries(
      (Object.keys(SECRETS) as SecretKey[]).map((key) => {
        const definition = SECRETS[key];
        const secret = new secretsmanager.Secret(this, definition.id, {
          secretName: secretName(this.stackName, key),
          description: definition.description,
          generateSecretString: {
            ...(key === 'linkSecret' ? { secretStringTemplate: JSON.stringify({}), generateStringKey: 'current' } : {}),
            passwordLength: GENERATED_SECRET.length,
            excludePunctuation: GENERATED_SECRET.excludePunctuation,
          },
          removalPolicy: RemovalPolicy.RETAIN,
        });
        Validations.of(secret).acknowledge({
          id: 'AwsSolutions-SMG4',
          reason:
            key === 'linkSecret'
              ? 'Rotated with `earshot secrets rotate link-key`, which keeps the previous key for the links already sent; an automatic rotation would not.'
              : 'Shared with the business’s own systems (shop, social-listening tool); rotated by the owner with `earshot secrets rotate` so integrations are updated at the same time.',
        });
        return [key, secret];
      }),
    ) as Record<SecretKey, secretsmanager.Secret>;

    // Every email goes out through this configuration set: SES adds an address that bounces for good
    // or complains to the account's suppression list (and sends it nothing more), and publishes each
    // bounce and complaint to a topic, on to the mail-events queue, whose function records them.
    this.configurationSet = new ses.ConfigurationSet(this, 'MailConfigurationSet', {
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    // SES cannot publish to a topic encrypted with the AWS managed key; the topic has its own key.
    const mailEventsKey = new kms.Key(this, 'MailEventsKey', {
      description: 'Encrypts the Earshot mail-events topic (bounces and complaints); SES in this account may use it',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': this.account } };
    mailEventsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: fromThisAccount,
      }),
    );
    const mailEvents = new sns.Topic(this, 'MailEventsTopic', { displayName: 'Earshot mail events', masterKey: mailEventsKey, enforceSSL: true });
    mailEvents.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [mailEvents.topicArn],
        conditions: {
          ...fromThisAccount,
          ArnLike: { 'aws:SourceArn': `arn:${this.partition}:ses:${this.region}:${this.account}:configuration-set/${this.configurationSet.configurationSetName}` },
        },
      }),
    );
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(mailEvents),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    // Raw delivery: the queue holds SES's event record itself, not an SNS envelope around it.
    mailEvents.addSubscription(new SqsSubscription(this.queues.mailEvents.queue, { rawMessageDelivery: true }));

    const out = (what: string, value: string, description?: string) =>
      new CfnOutput(this, what, { value, exportName: exportName(this.stackName, what), ...(description ? { description } : {}) });
    out('TableArn', this.table.tableArn);
    out('ConfigurationSetName', this.configurationSet.configurationSetName, 'The SES configuration set every email goes out through (bounces, complaints, suppression)');
    out('TableName', this.table.tableName);
    out('RawBucketArn', this.rawBucket.bucketArn);
    out('RawBucketName', this.rawBucket.bucketName);
    for (const key of Object.keys(SECRETS) as SecretKey[]) {
      out(
        `${SECRETS[key].id}Arn`,
        this.secrets[key].secretArn,
        `${SECRETS[key].description}. Read it: aws secretsmanager get-secret-value --secret-id ${secretName(this.stackName, key)} --query SecretString --output text (or: npm run -s earshot -- secrets show)`,
      );
    }
    for (const key of Object.keys(QUEUES) as QueueKey[]) {
      const { queue, deadLetters } = this.queues[key];
      out(`${QUEUES[key].id}Arn`, queue.queueArn);
      out(`${QUEUES[key].id}Url`, queue.queueUrl);
      out(`${QUEUES[key].id}DeadLettersArn`, deadLetters.queueArn);
      out(`${QUEUES[key].id}DeadLettersUrl`, deadLetters.queueUrl);
    }
  }

  /** The resources imported by their export names into another stack. */
  importInto(scope: Construct): DataRefs {
    const value = (what: string) => Fn.importValue(exportName(this.stackName, what));
    const queues = Object.fromEntries(
      (Object.keys(QUEUES) as QueueKey[]).map((key) => {
        const id = QUEUES[key].id;
        return [
          key,
          {
            queue: sqs.Queue.fromQueueAttributes(scope, `${id}Ref`, { queueArn: value(`${id}Arn`), queueUrl: value(`${id}Url`) }),
            deadLetters: sqs.Queue.fromQueueAttributes(scope, `${id}DeadLettersRef`, { queueArn: value(`${id}DeadLettersArn`), queueUrl: value(`${id}DeadLettersUrl`) }),
          },
        ];
      }),
    ) as Record<QueueKey, QueuePair>;
    return {
      table: dynamodb.Table.fromTableAttributes(scope, 'TableRef', {
        tableArn: value('TableArn'),
        globalIndexes: TABLE.indexes.map((index) => index.name),
      }),
      queues,
      rawBucket: s3.Bucket.fromBucketAttributes(scope, 'RawBucketRef', { bucketArn: value('RawBucketArn'), bucketName: value('RawBucketName') }),
      configurationSetName: value('ConfigurationSetName'),
      secrets: Object.fromEntries(
        (Object.keys(SECRETS) as SecretKey[]).map((key) => [key, secretsmanager.Secret.fromSecretCompleteArn(scope, `${SECRETS[key].id}Ref`, value(`${SECRETS[key].id}Arn`))]),
      ) as Record<SecretKey, secretsmanager.ISecret>,
    };
  }
}
