import { describe, expect, it } from 'vitest';
import { buildRecoveryFigures, FIGURE, hourBucket, hoursLabel, medianHours, recoveryLine, type FigureDay } from '#shared/domain/recovery-figures.ts';

const WEEK = ['2025-11-06', '2025-11-07', '2025-11-08', '2025-11-09', '2025-11-10', '2025-11-11', '2025-11-12'];
const LAST90 = Array.from({ length: 90 }, (_, i) => new Date(Date.parse('2025-11-12T00:00:00Z') - (89 - i) * 86_400_000).toISOString().slice(0, 10));

describe('the follow-through figures', () => {
  it('give the recovery rate as latest Yes over answered, with unanswered apart, for the week and 90 days', () => {
    // Prepare: two answered this week (one Yes), one unanswered; one Yes a month ago.
    const days: FigureDay[] = [
      { day: '2025-11-07', counters: { [FIGURE.recovered]: 1, [FIGURE.notPutRight]: 1 } },
      { day: '2025-11-10', counters: { [FIGURE.unknown]: 1, [FIGURE.wonBack]: 1 } },
      { day: '2025-10-10', counters: { [FIGURE.recovered]: 1 } },
      { day: '2025-06-01', counters: { [FIGURE.recovered]: 5 } },
    ];
    // Act
    const figures = buildRecoveryFigures({ days, week: WEEK, last90: LAST90, overdue: [], overdueCount: 0, dueSoon: 0 });
    // Assess
    expect(figures.week).toEqual({ recovered: 1, answered: 2, unknown: 1, rate: 0.5, wonBack: 1 });
    expect(figures.days90).toEqual({ recovered: 2, answered: 3, unknown: 1, rate: 2 / 3, wonBack: 1 });
    expect(recoveryLine(figures.week)).toBe('1 of 2 (50%), 1 unanswered');
    expect(recoveryLine({ recovered: 0, answered: 0, unknown: 0, wonBack: 0 })).toBe('none answered yet');
  });

  it('count a moved outcome once: the -1 on the earlier day and the +1 on the later one', () => {
    const days: FigureDay[] = [
      { day: '2025-11-07', counters: { [FIGURE.notPutRight]: 0 } },
      { day: '2025-11-11', counters: { [FIGURE.recovered]: 1 } },
    ];
    expect(buildRecoveryFigures({ days, week: WEEK, last90: LAST90, overdue: [], overdueCount: 0, dueSoon: 0 }).week).toMatchObject({ recovered: 1, answered: 1, rate: 1 });
  });

  it('give the share answered within 48 hours and the median hours to first answer and to handled', () => {
    const days: FigureDay[] = [
      { day: '2025-11-07', counters: { [FIGURE.casesOpened]: 4, [FIGURE.answered48h]: 3, [hourBucket('h_answer_', '2025-11-07T08:00:00Z', '2025-11-07T10:30:00Z')]: 2, h_answer_30: 1, h_answer_60: 1, h_handled_50: 1 } },
    ];
    const figures = buildRecoveryFigures({ days, week: WEEK, last90: LAST90, overdue: [], overdueCount: 2, dueSoon: 1, slowestOpen: { caseId: 'c', customer: 'Ana', openedAt: '2025-11-01T00:00:00Z', hours: 200 } });
    expect(figures.response).toEqual({ complaints: 4, answeredWithin48h: 3, share: 0.75, medianHoursToFirstAnswer: 2, medianHoursToHandled: 50, slowestOpen: { caseId: 'c', customer: 'Ana', openedAt: '2025-11-01T00:00:00Z', hours: 200 } });
    expect(figures.promises).toMatchObject({ overdueCount: 2, dueSoon: 1 });
    expect(hoursLabel(5)).toBe('5 h');
    expect(hoursLabel(200)).toBe('8 days');
  });

  it('find the median of a whole-hour histogram', () => {
    expect(medianHours([], 'h_')).toBeUndefined();
    expect(medianHours([{ day: 'd', counters: { h_1: 1, h_5: 1, h_9: 1 } }], 'h_')).toBe(5);
    expect(medianHours([{ day: 'd', counters: { h_1: 1, h_5: 1 } }, { day: 'e', counters: { h_9: 1, h_10: 1 } }], 'h_')).toBe(5);
    expect(hourBucket('h_', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toBe('h_2160');
  });

  it('give promises due in the week and kept on time', () => {
    const days: FigureDay[] = [{ day: '2025-11-08', counters: { [FIGURE.promisesDue]: 2, [FIGURE.promisesKeptOnTime]: 1, [FIGURE.promisesKeptLate]: 1 } }];
    expect(buildRecoveryFigures({ days, week: WEEK, last90: LAST90, overdue: [], overdueCount: 0, dueSoon: 0 }).promises).toMatchObject({ due: 2, keptOnTime: 1, keptLate: 1 });
  });
});
