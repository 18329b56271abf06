import { describe, expect, it } from 'vitest';
import { buildDigest } from '#shared/digest/build.ts';
import { followThroughActions, type FollowThroughDigest } from '#shared/digest/follow-through.ts';
import { buildRecoveryFigures, FIGURE } from '#shared/domain/recovery-figures.ts';
import { renderDigestEmail } from '#shared/emails/digest.ts';
import { FIXED_WEEK } from '../fixtures/digest/week.ts';

const WEEK = FIXED_WEEK.thisWeek.map((d) => d.day);

function followThrough(overrides: Partial<FollowThroughDigest> = {}): FollowThroughDigest {
  const figures = buildRecoveryFigures({
    days: [{ day: WEEK[2]!, counters: { [FIGURE.recovered]: 1, [FIGURE.promisesDue]: 1, [FIGURE.promisesKeptOnTime]: 1, [FIGURE.casesOpened]: 1, [FIGURE.answered48h]: 1, h_answer_3: 1, h_handled_50: 1 } }],
    week: WEEK,
    last90: WEEK,
    overdue: [{ promiseId: 'p1', caseId: 'c1', customer: 'Lee <Park>', text: 'Call back about the refund', dueDate: WEEK[5]! }],
    overdueCount: 1,
    dueSoon: 2,
  });
  return { figures, notPutRight: [{ caseId: 'c2', customer: 'Ana García', answeredAt: `${WEEK[6]}T10:00:00Z`, comment: 'Still no refund.' }], ...overrides };
}

describe('promises and recoveries in the digest', () => {
  it('put overdue promises and customers not put right first on the act-on list', () => {
    // Act
    const digest = buildDigest({ ...FIXED_WEEK, followThrough: followThrough() });
    // Assess
    expect(digest.actions[0]).toMatch(/^Keep your promise to Lee <Park>: "Call back about the refund" was due \w{3} \d+ \w{3}\./);
    expect(digest.actions[1]).toBe('Call Ana García: they said it is not put right yet ("Still no refund.").');
    expect(digest.actions.length).toBe(buildDigest(FIXED_WEEK).actions.length + 2);
  });

  it('show the recovery rate, the response times and the promises, in HTML (escaped) and text', () => {
    const email = renderDigestEmail(buildDigest({ ...FIXED_WEEK, followThrough: followThrough() }), 'https://earshot.example/u/T');
    expect(email.text).toContain('PROMISES AND RECOVERIES');
    expect(email.text).toContain('Recovery rate: 1 of 1 (100%) this week; 1 of 1 (100%) in 90 days');
    expect(email.text).toContain('Answered within 48 hours: 1 of 1 complaint (100%)');
    expect(email.text).toContain('Median time: 3 h to the first answer, 2 days to handled');
    expect(email.text).toContain('Promises: 1 due this week, 1 kept on time; 1 overdue now; 2 due in the next 7 days');
    expect(email.html).toContain('Promises and recoveries');
    expect(email.html).toContain('Lee &lt;Park&gt;');
    expect(email.html).not.toContain('Lee <Park>');
  });

  it('leave a week without any follow-through as it was', () => {
    const quiet = followThrough({ notPutRight: [] });
    const nothing = { ...quiet, figures: buildRecoveryFigures({ days: [], week: WEEK, last90: WEEK, overdue: [], overdueCount: 0, dueSoon: 0 }) };
    expect(followThroughActions(nothing)).toEqual([]);
    const digest = buildDigest({ ...FIXED_WEEK, followThrough: nothing });
    expect(digest.followThrough).toBeUndefined();
    expect(renderDigestEmail(digest, 'u').text).not.toContain('PROMISES AND RECOVERIES');
  });
});
