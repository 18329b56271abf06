import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '#infra/definitions.ts';

export interface EarshotFunctionProps {
  definition: FunctionDefinition;
  environment: Record<string, string>;
  /** One of the values CloudWatch Logs accepts (checked by `readSettings`). */
  logRetentionDays: number;
  /** Repository root holding `functions/` and `package-lock.json`; the working directory by default. */
  projectRoot?: string;
}

/** Node 24 on ARM64, bundled by the local esbuild; the AWS SDK v3 comes from the runtime. */
export const RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * The bundle is ESM (package.json says `"type": "module"`, and ESM keeps top-level await and lets
 * esbuild tree-shake `import * as z`); the banner gives CommonJS dependencies bundled into it the
 * `require` they expect for Node built-ins.
 */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** Where a function's entry point lives, relative to the repository root. */
export function handlerEntry(definition: Pick<FunctionDefinition, 'name'>): string {
  return `functions/${definition.name}/handler.ts`;
}

/**
 * Every Earshot function: one handler under `functions/<name>/handler.ts`, bundled the same way
 * (ESM, minified, source maps, local esbuild, never Docker), with its own log group, X-Ray tracing,
 * and memory, timeout and description from its definition.
 */
export class EarshotFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: EarshotFunctionProps) {
    super(scope, id);
    const { definition } = props;
    const projectRoot = props.projectRoot ?? process.cwd();
    const entry = join(projectRoot, handlerEntry(definition));
    if (!existsSync(entry)) {
      throw new Error(`Function ${definition.name}: ${handlerEntry(definition)} does not exist (every entry of FUNCTIONS in infra/definitions.ts needs a handler)`);
    }
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as logs.RetentionDays,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      description: definition.description,
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      // Text log format: the Powertools logger writes JSON lines itself, and the poller's embedded
      // metric (Earshot/SilentSources, written with console.log) is only extracted from text-format
      // logs; Lambda's JSON format would wrap it in a "message" field and the metric would be lost.
      loggingFormat: lambda.LoggingFormat.TEXT,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: `earshot-${definition.name}`,
      },
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        // No source map: Node reads and parses a function's map when it loads the bundle, which
        // cost process-feedback about 50 ms of CPU on every cold start (a 1.3 MB map). Errors are
        // logged with their messages, which name what failed.
        sourceMap: false,
        forceDockerBundling: false,
        externalModules: ['@aws-sdk/*'],
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
      },
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 24 is the runtime the functions are built and tested for; moving to a newer runtime is a deliberate, tested change.',
    });
  }
}
