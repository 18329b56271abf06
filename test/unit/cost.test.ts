import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { costTable, fixedUsage, monthlyCost } from '#infra/cost.ts';
import { FUNCTIONS, QUEUES, SECRETS } from '#infra/definitions.ts';

describe('the monthly cost estimate', () => {
  it('follows the stack: a secret, an alarm per queue and function, the scheduled runs', () => {
    const fixed = fixedUsage();
    expect(fixed.secrets).toBe(Object.keys(SECRETS).length);
    expect(fixed.alarms).toBe(Object.keys(QUEUES).length + Object.keys(FUNCTIONS).length + 2);
    // deliver-alerts every minute, invitations and the follow-through every 5, the poller every 10,
    // the reconciler every 30, the digest weekly.
    expect(Math.round(fixed.scheduledInvocations)).toBe(Math.round(43_830 + (2 * 43_830) / 5 + 43_830 / 10 + 43_830 / 30 + 4.35));
  });

  it('grows with the items, SES first', () => {
    const total = (n: number) => monthlyCost(n).reduce((sum, line) => sum + line.dollars, 0);
    expect(total(10_000)).toBeGreaterThan(total(1000));
    expect(total(1000)).toBeGreaterThan(total(0));
    const growth = (service: string) => monthlyCost(10_000).find((l) => l.service === service)!.dollars - monthlyCost(0).find((l) => l.service === service)!.dollars;
    const services = monthlyCost(0).map((l) => l.service);
    expect(services.sort((a, b) => growth(b) - growth(a))[0]).toBe('SES');
  });

  it('is the table the deploy guide shows', () => {
    expect(readFileSync('docs/deploy.md', 'utf8')).toContain(costTable());
  });
});
