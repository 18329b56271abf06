import { describe, expect, it } from 'vitest';
import { changePromise, checkDueDate, dayLabel, isLocalDate, isOverdue, keepPromise, makePromise, markOverdue, reminderDay } from '#shared/domain/promise.ts';
import { ValidationError } from '#shared/errors.ts';

const TZ = 'Europe/Madrid';
// 10:00 in Madrid on Wednesday 12 November 2025.
const NOW = new Date('2025-11-12T09:00:00Z');

function promise(due = '2025-11-14') {
  return makePromise({ caseId: 'case1', promiseId: 'p1', text: '  A new cake\r\non Friday ', dueDate: due, customer: 'Ana', by: 'owner@example.com' }, NOW, TZ);
}

describe('a promise', () => {
  it('is made with its text and a due date in the owner\'s calendar, and says so on the timeline', () => {
    // Act
    const { promise: p, event } = promise();
    // Assess
    expect(p).toMatchObject({ caseId: 'case1', promiseId: 'p1', text: 'A new cake\non Friday', dueDate: '2025-11-14', firstDueDate: '2025-11-14', status: 'open', changes: 0, version: 1 });
    expect(event).toMatchObject({ kind: 'promise-made', by: 'owner@example.com', dueDate: '2025-11-14' });
    expect(event.text).toBe('Promised by Fri 14 Nov: A new cake\non Friday');
  });

  it('refuses an empty text, a date that is not a date, a day already past in the owner\'s time zone, and one over a year ahead', () => {
    expect(() => makePromise({ caseId: 'c', promiseId: 'p', text: '   ', dueDate: '2025-11-14', customer: 'Ana', by: 'o' }, NOW, TZ)).toThrow(ValidationError);
    expect(() => checkDueDate('2025-02-30', NOW, TZ)).toThrow(/choose a date/);
    expect(() => checkDueDate('14/11/2025', NOW, TZ)).toThrow(/choose a date/);
    expect(() => checkDueDate('2025-11-11', NOW, TZ)).toThrow(/today or a later day/);
    expect(() => checkDueDate('2026-11-14', NOW, TZ)).toThrow(/within a year/);
    expect(() => makePromise({ caseId: 'c', promiseId: 'p', text: 'x'.repeat(501), dueDate: '2025-11-14', customer: 'Ana', by: 'o' }, NOW, TZ)).toThrow(/under 500/);
  });

  it('takes "today" from the owner\'s time zone, not UTC', () => {
    // 23:30 UTC on the 11th is already the 12th in Madrid.
    const lateEvening = new Date('2025-11-11T23:30:00Z');
    expect(checkDueDate('2025-11-12', lateEvening, TZ)).toBe('2025-11-12');
    expect(() => checkDueDate('2025-11-11', lateEvening, TZ)).toThrow(/today or a later day/);
    expect(checkDueDate('2025-11-11', lateEvening, 'UTC')).toBe('2025-11-11');
  });

  it('is kept on time on or before its date, late after it', () => {
    const { promise: p } = promise();
    const onTheDay = keepPromise(p, 'owner@example.com', new Date('2025-11-14T22:30:00Z'), TZ); // 23:30 in Madrid
    expect(onTheDay.promise).toMatchObject({ status: 'kept', keptOnTime: true, version: 2 });
    expect(onTheDay.event.text).toBe('Promise kept on time: A new cake\non Friday');
    const late = keepPromise(p, 'owner@example.com', new Date('2025-11-14T23:30:00Z'), TZ); // 00:30 on the 15th in Madrid
    expect(late.promise.keptOnTime).toBe(false);
    expect(late.event.text).toMatch(/late \(due Fri 14 Nov\)/);
    expect(() => keepPromise(onTheDay.promise, 'o', NOW, TZ)).toThrow(/kept already/);
  });

  it('changes to a new date with a note, and stops being overdue', () => {
    const { promise: p } = promise('2025-11-12');
    const overdue = markOverdue(p, new Date('2025-11-13T08:00:00Z')).promise;
    const { promise: moved, event } = changePromise(overdue, { dueDate: '2025-11-20', note: 'The part is late; Ana agreed' }, 'owner@example.com', new Date('2025-11-13T09:00:00Z'), TZ);
    expect(moved).toMatchObject({ dueDate: '2025-11-20', firstDueDate: '2025-11-12', changes: 1, version: 3 });
    expect(moved.overdueAt).toBeUndefined();
    expect(event).toMatchObject({ kind: 'promise-changed', previousDueDate: '2025-11-12', dueDate: '2025-11-20', note: 'The part is late; Ana agreed' });
    expect(event.text).toBe('Promise moved from Wed 12 Nov to Thu 20 Nov: A new cake\non Friday (The part is late; Ana agreed)');
    expect(() => changePromise(p, { dueDate: '2025-11-20', note: ' ' }, 'o', NOW, TZ)).toThrow(/Why it changed/);
    expect(() => changePromise(p, { dueDate: '2025-11-12', note: 'same' }, 'o', NOW, TZ)).toThrow(/different day/);
  });

  it('changes its wording on the same date, with a note', () => {
    const { promise: p } = promise('2025-11-14');
    const { promise: edited, event } = changePromise(p, { dueDate: '2025-11-14', text: 'A new cake and a card', note: 'Ana asked for a card' }, 'o', NOW, TZ);
    expect(edited).toMatchObject({ text: 'A new cake and a card', dueDate: '2025-11-14', changes: 1, version: 2 });
    expect(event.previousDueDate).toBeUndefined();
    expect(event.text).toBe('Promise changed, still due Fri 14 Nov: A new cake and a card (was: A new cake\non Friday) (Ana asked for a card)');
  });

  it('is overdue from the day after its date until kept', () => {
    const { promise: p } = promise('2025-11-14');
    expect(isOverdue(p, '2025-11-14')).toBe(false);
    expect(isOverdue(p, '2025-11-15')).toBe(true);
    expect(isOverdue({ ...p, status: 'kept' }, '2025-11-20')).toBe(false);
  });
});

describe('the reminder day', () => {
  it('is today once the reminder hour has come in the owner\'s time zone', () => {
    expect(reminderDay(new Date('2025-11-14T06:59:00Z'), 8, TZ)).toBeUndefined(); // 07:59 Madrid
    expect(reminderDay(new Date('2025-11-14T07:00:00Z'), 8, TZ)).toBe('2025-11-14'); // 08:00 Madrid
    expect(reminderDay(new Date('2025-11-14T22:59:00Z'), 8, TZ)).toBe('2025-11-14');
    expect(reminderDay(new Date('2025-11-14T23:00:00Z'), 8, TZ)).toBeUndefined(); // 00:00 on the 15th
    expect(reminderDay(new Date('2025-11-14T23:00:00Z'), 0, TZ)).toBe('2025-11-15');
  });
});

describe('dates', () => {
  it('reads and shows calendar dates', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(dayLabel('2025-11-14')).toBe('Fri 14 Nov');
  });
});
