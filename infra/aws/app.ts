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

/** Builds the Earshot CDK app: the stateful and stateless stacks, checked by cdk-nag's AWS Solutions rules. */
export function buildApp(app = new App()): EarshotApp {
  const settings = readSettings(app.node);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const stateful = new StatefulStack(app, 'EarshotData', settings, { env, description: 'Earshot: table, queues, raw-input bucket, secrets' });
  const stateless = new StatelessStack(app, 'EarshotApp', stateful, settings, { env, description: 'Earshot: functions, HTTP API, schedules, alarms' });
  stateless.addStackDependency(stateful);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stateful, stateless };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildApp().app.synth();
}
