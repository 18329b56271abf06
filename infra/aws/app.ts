import { pathToFileURL } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readSettings } from '#infra/aws/settings.ts';
import { StatefulStack } from '#infra/aws/stateful-stack.ts';
import { StatelessStack } from '#infra/aws/stateless-stack.ts';

export interface EarshotApp {
  app: App;
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/**
 * Builds the Earshot CDK app: the stateful stack (kept on delete) and the stateless stack that
 * imports it, checked at synth by cdk-nag's AWS Solutions rules. Settings come from CDK context.
 */
export function buildApp(app = new App()): EarshotApp {
  const settings = readSettings(app.node);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const stateful = new StatefulStack(app, 'EarshotData', settings, { env, description: 'Earshot: table, queues, raw-input bucket, secrets' });
  const stateless = new StatelessStack(app, 'EarshotApp', stateful, settings, { env, description: 'Earshot: functions, HTTP API, schedules, alarms' });
  stateless.addStackDependency(stateful);
  // Acknowledged findings are also written to each resource's template metadata (cdk_nag), so the
  // deployed templates carry every reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return { app, stateful, stateless };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildApp().app.synth();
}
