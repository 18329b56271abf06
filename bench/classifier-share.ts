import { build } from 'esbuild';

/** The classifier's part of one function bundle and the whole bundle, in bytes (minified, as deployed). */
export interface ClassifierShare {
  classifierBytes: number;
  bundleBytes: number;
}

/**
 * How much of the process-feedback function's bundle the classifier takes: the function bundled
 * as the stack bundles it (minified ESM for Node 24, the AWS SDK left to the runtime), and the
 * output bytes of every module under shared/classifier/ added up from esbuild's metafile.
 */
export async function measureClassifierShare(root = process.cwd(), name = 'process-feedback'): Promise<ClassifierShare> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [`functions/${name}/handler.ts`],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    mainFields: ['module', 'main'],
    write: false,
    outdir: 'out',
    metafile: true,
    logLevel: 'silent',
    external: ['@aws-sdk/*'],
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  if (!output) throw new Error(`no bundle for ${name}`);
  const classifierBytes = Object.entries(output.inputs)
    .filter(([file]) => file.startsWith('shared/classifier/'))
    .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  return { classifierBytes, bundleBytes: output.bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { classifierBytes, bundleBytes } = await measureClassifierShare();
  console.log(`classifier in the process-feedback bundle: ${(classifierBytes / 1024).toFixed(1)} KB of ${(bundleBytes / 1024).toFixed(1)} KB`);
}
