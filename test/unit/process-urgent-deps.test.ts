import { describe, expect, it } from 'vitest';
import { createProcessFeedbackDeps } from '#functions/process-feedback/deps.ts';
import { createProcessUrgentDeps } from '#functions/process-urgent/deps.ts';
import { loadConfig } from '#shared/config.ts';
import { TEST_ENV } from '../helpers/emulators.ts';

describe("the priority queue's consumer", () => {
  it("builds every adapter process-feedback builds (the follow-through's counters too), so an item counts the same whichever queue it came by", () => {
    const config = loadConfig({ ...TEST_ENV, AWS_REGION: 'us-east-1' });
    const urgent = createProcessUrgentDeps(config);
    expect(Object.keys(urgent).sort()).toEqual(Object.keys(createProcessFeedbackDeps(config)).sort());
    expect(Object.keys(urgent.followThrough ?? {}).sort()).toEqual(['checkIns', 'config', 'figures', 'optOuts']);
  });
});
