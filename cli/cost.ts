import { costTable, monthlyCost } from '#infra/cost.ts';

/**
 * `earshot cost [items...]`: the monthly cost of a deployment per service at list prices, idle and
 * at the given numbers of items a month (default 1,000 and 10,000), with what each line counts.
 */
export async function costCommand(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const volumes = args.length ? [0, ...args.map(Number).filter((n) => Number.isFinite(n) && n >= 0)] : [0, 1000, 10_000];
  out.write(`${costTable(volumes)}\n\nAt ${volumes[volumes.length - 1]!.toLocaleString('en-US')} items a month:\n`);
  for (const line of monthlyCost(volumes[volumes.length - 1]!)) out.write(`  ${line.service.padEnd(24)} ${line.what}\n`);
  out.write('\nUS East (N. Virginia) list prices in USD, without the free tier; storage at full retention (730 days).\n');
  return 0;
}
