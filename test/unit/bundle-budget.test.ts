import { describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_BYTES, bundleFunction, bundleShares } from '../../bench/cold-import.ts';
import { FUNCTIONS } from '#infra/definitions.ts';

/**
 * Every function bundle, built as the stack deploys it (esbuild, minified ESM, the AWS SDK left to
 * the runtime), stays under the bundle budget. A failure names what the bundle carries, largest
 * first, so the import that pushed it over shows.
 */
describe('function bundles', () => {
  it(`are each under ${BUNDLE_BUDGET_BYTES / 1024} KB as deployed`, async () => {
    const bundles = await Promise.all(Object.values(FUNCTIONS).map(async (fn) => ({ name: fn.name, bundle: await bundleFunction(process.cwd(), fn.name) })));
    const over = bundles
      .filter(({ bundle }) => bundle.code.byteLength >= BUNDLE_BUDGET_BYTES)
      .map(({ name, bundle }) => ({
        name,
        kb: Math.round(bundle.code.byteLength / 1024),
        largest: bundleShares(bundle)
          .slice(0, 6)
          .map(({ part, bytes }) => `${part} ${Math.round(bytes / 1024)} KB`),
      }));
    expect(over).toEqual([]);
    expect(bundles.length).toBe(Object.keys(FUNCTIONS).length);
  });
});
