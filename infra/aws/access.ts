import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { CONSUMER_BATCH, QUEUES, RAW_BUCKET, SECRETS, type FunctionAccess } from '#infra/definitions.ts';
import { exportName, type DataRefs } from '#infra/aws/stateful-stack.ts';
import type { DeploySettings } from '#infra/aws/settings.ts';

/** The environment variable carrying each dead-letter queue's URL (read by shared/config.ts). */
const DEAD_LETTER_ENV: Record<keyof typeof QUEUES, string> = {
  feedback: 'EARSHOT_FEEDBACK_DLQ_URL',
  inboundEmail: 'EARSHOT_INBOUND_EMAIL_DLQ_URL',
  mailEvents: 'EARSHOT_MAIL_EVENTS_DLQ_URL',
  urgent: 'EARSHOT_URGENT_DLQ_URL',
};

/**
 * Turns a function's declared access into least-privilege grants and the environment that points
 * it at those resources, so each name is set and granted in one place. Nothing is granted that the
 * definition does not name: table read or read/write, the queues it sends to, the queue it consumes
 * (with partial batch responses), the raw-input bucket, SES sending from the configured identities
 * only, and the secret.
 */
export function grantAccess(fn: lambda.Function, access: FunctionAccess, data: DataRefs, settings: DeploySettings, dataStackName: string): void {
  const tableExport = exportName(dataStackName, 'TableArn');
  const bucketExport = exportName(dataStackName, 'RawBucketArn');
  if (access.table) {
    fn.addEnvironment('EARSHOT_TABLE_NAME', data.table.tableName);
    if (access.table === 'read') data.table.grantReadData(fn);
    else data.table.grantReadWriteData(fn);
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${tableExport}/index/*]`,
      reason: 'Queries use the table’s own global secondary indexes (gsi1, gsi2); the grant is limited to this table’s indexes.',
    });
  }
  for (const key of access.sendTo ?? []) {
    fn.addEnvironment(QUEUES[key].urlEnv, data.queues[key].queue.queueUrl);
    data.queues[key].queue.grantSendMessages(fn);
  }
  if (access.consumes) {
    const { queue } = data.queues[access.consumes];
    fn.addEventSource(
      new SqsEventSource(queue, { batchSize: CONSUMER_BATCH.batchSize, maxBatchingWindow: Duration.seconds(CONSUMER_BATCH.maxBatchingWindowSeconds), reportBatchItemFailures: true }),
    );
  }
  if (access.rawBucket) {
    fn.addEnvironment(RAW_BUCKET.env, data.rawBucket.bucketName);
    // CDK's bucket grants use action groups (s3:GetObject*, s3:Abort*, ...) on this bucket's objects;
    // cdk-nag reports each group, so each one granted is acknowledged, and only those.
    const findings = [`Resource::${bucketExport}/*`];
    if (access.rawBucket === 'read' || access.rawBucket === 'readWrite') findings.push('Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*');
    if (access.rawBucket === 'write' || access.rawBucket === 'readWrite') findings.push('Action::s3:Abort*');
    if (access.rawBucket === 'read') data.rawBucket.grantRead(fn);
    else if (access.rawBucket === 'write') data.rawBucket.grantPut(fn);
    else {
      data.rawBucket.grantReadWrite(fn);
      data.rawBucket.grantDelete(fn);
      findings.push('Action::s3:DeleteObject*');
    }
    for (const finding of findings) {
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: 'Object-level access to the raw-input bucket only: every input is its own object, so the grant covers this bucket’s objects and no other bucket.',
      });
    }
  }
  if (access.sendsEmail) {
    const { account, region, partition } = Stack.of(fn);
    fn.addEnvironment('EARSHOT_SES_CONFIGURATION_SET', data.configurationSetName);
    // Sending through a configuration set is authorised on the identity and on the set.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          ...settings.sesIdentities.map((identity) => `arn:${partition}:ses:${region}:${account}:identity/${identity}`),
          `arn:${partition}:ses:${region}:${account}:configuration-set/${data.configurationSetName}`,
        ],
      }),
    );
  }
  if (access.readsDeadLetters) {
    for (const key of Object.keys(QUEUES) as Array<keyof typeof QUEUES>) {
      const deadLetters = data.queues[key].deadLetters;
      fn.addEnvironment(DEAD_LETTER_ENV[key], deadLetters.queueUrl);
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:GetQueueAttributes'], resources: [deadLetters.queueArn] }));
    }
  }
  for (const key of access.secrets ?? []) {
    fn.addEnvironment(SECRETS[key].arnEnv, data.secrets[key].secretArn);
    data.secrets[key].grantRead(fn);
  }
}
