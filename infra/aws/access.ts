import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Duration } from 'aws-cdk-lib';
import { QUEUES, RAW_BUCKET, type FunctionAccess } from '#infra/definitions.ts';
import { exportName, type DataRefs } from '#infra/aws/stateful-stack.ts';
import type { DeploySettings } from '#infra/aws/settings.ts';

/**
 * Turns a function's declared access into least-privilege grants and the environment that points
 * it at those resources. Nothing is granted that the definition does not name.
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
    fn.addEventSource(new SqsEventSource(queue, { batchSize: 10, maxBatchingWindow: Duration.seconds(1), reportBatchItemFailures: true }));
  }
  if (access.rawBucket) {
    fn.addEnvironment(RAW_BUCKET.env, data.rawBucket.bucketName);
    if (access.rawBucket === 'read') data.rawBucket.grantRead(fn);
    else if (access.rawBucket === 'write') data.rawBucket.grantPut(fn);
    else {
      data.rawBucket.grantReadWrite(fn);
      data.rawBucket.grantDelete(fn);
    }
    for (const finding of ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*', `Resource::${bucketExport}/*`]) {
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: 'Object-level access to the raw-input bucket only: every input is its own object, so the grant covers this bucket’s objects.',
      });
    }
  }
  if (access.sendsEmail) {
    const { account, region, partition } = Stack.of(fn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [`arn:${partition}:ses:${region}:${account}:identity/${settings.sesIdentity}`],
      }),
    );
  }
  if (access.secrets) {
    fn.addEnvironment('EARSHOT_SECRET_ARN', data.secret.secretArn);
    data.secret.grantRead(fn);
  }
}
