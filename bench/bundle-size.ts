import { build } from 'esbuild';
import { FUNCTIONS } from '#infra/definitions.ts';

/**
 * Bundles every function the way the CDK stack does (esbuild, minified, ESM for Node 24, the AWS
 * SDK v3 left to the Lambda runtime that ships it) and returns each bundle's size in bytes.
 */
export async function measureBundleSizes(): Promise<Array<{ name: string; bytes: number }>> {
  const sizes: Array<{ name: string; bytes: number }> = [];
  for (const fn of Object.values(FUNCTIONS)) {
    const result = await build({
      entryPoints: [`functions/${fn.name}/handler.ts`],
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node24',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      external: ['@aws-sdk/*'],
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    sizes.push({ name: fn.name, bytes: result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0) });
  }
  return sizes;
}
