import { Duration, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '#infra/definitions.ts';

export interface EarshotFunctionProps {
  definition: FunctionDefinition;
  environment: Record<string, string>;
  logRetentionDays: number;
}

/** Node 22 on ARM64, bundled by the local esbuild; the AWS SDK v3 comes from the runtime. */
export const RUNTIME = lambda.Runtime.NODEJS_22_X;

const LOG_RETENTION: Record<number, logs.RetentionDays> = {
  7: logs.RetentionDays.ONE_WEEK,
  14: logs.RetentionDays.TWO_WEEKS,
  30: logs.RetentionDays.ONE_MONTH,
  90: logs.RetentionDays.THREE_MONTHS,
  365: logs.RetentionDays.ONE_YEAR,
};

/**
 * Every Earshot function: one handler under `functions/<name>/handler.ts`, bundled the same way
 * (ESM, minified, source maps), with its own log group, tracing, and settings from its definition.
 */
export class EarshotFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: EarshotFunctionProps) {
    super(scope, id);
    const { definition } = props;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: LOG_RETENTION[props.logRetentionDays] ?? logs.RetentionDays.ONE_MONTH,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `functions/${definition.name}/handler.ts`,
      handler: 'handler',
      description: definition.description,
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: `earshot-${definition.name}`,
        NODE_OPTIONS: '--enable-source-maps',
      },
      projectRoot: process.cwd(),
      depsLockFilePath: 'package-lock.json',
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        forceDockerBundling: false,
        externalModules: ['@aws-sdk/*'],
        mainFields: ['module', 'main'],
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the runtime the functions are built and tested for; moving to a newer runtime is a deliberate, tested change.',
    });
  }
}
