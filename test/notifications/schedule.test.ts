import { describe, expect, it } from 'vitest';
import { nextRunAt } from '../../src/notifications/next-run.ts';
import { parseSchedule } from '../../src/notifications/schedule.ts';
import type { NotificationSchedule } from '../../src/notifications/types.ts';
import { zonedInstant } from '../../src/notifications/zoned-time.ts';
import { isWerkstroomError } from '../../src/shared/errors.ts';

const AMS = 'Europe/Amsterdam';
const at = (iso: string) => new Date(iso);
const next = (schedule: unknown, after: string, zone = AMS) =>
  nextRunAt(parseSchedule(schedule), at(after), zone).toISOString();

function codeOf(input: unknown): string {
  try {
    parseSchedule(input);
  } catch (error) {
    if (isWerkstroomError(error)) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('notification schedule: checking what a user enters', () => {
  it('fills in the reference defaults: 12:00, Monday to Friday, first workday', () => {
    expect(parseSchedule(undefined)).toEqual({ recurrence: 'instantly' });
    expect(parseSchedule({ recurrence: 'daily' })).toEqual({
      recurrence: 'daily',
      time: '12:00',
      frequency: 'weekdays',
    });
    expect(parseSchedule({ recurrence: 'weekly', time: '08:15' })).toEqual({
      recurrence: 'weekly',
      time: '08:15',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    });
    expect(parseSchedule({ recurrence: 'monthly' })).toEqual({
      recurrence: 'monthly',
      time: '12:00',
      on: 'first-workday',
    });
  });

  it('keeps weekly days in week order, each once', () => {
    const schedule = parseSchedule({ recurrence: 'weekly', days: ['fri', 'mon', 'fri'] });
    expect(schedule).toMatchObject({ days: ['mon', 'fri'] });
  });

  it('refuses bad values with stable codes', () => {
    expect(codeOf('daily')).toBe('notification-schedule-invalid');
    expect(codeOf({ recurrence: 'hourly' })).toBe('notification-recurrence-invalid');
    expect(codeOf({ recurrence: 'daily', time: '24:00' })).toBe('notification-time-invalid');
    expect(codeOf({ recurrence: 'daily', time: '9:00' })).toBe('notification-time-invalid');
    expect(codeOf({ recurrence: 'daily', frequency: 'sometimes' })).toBe('notification-frequency-invalid');
    expect(codeOf({ recurrence: 'weekly', days: [] })).toBe('notification-days-empty');
    expect(codeOf({ recurrence: 'weekly', days: ['monday'] })).toBe('notification-days-invalid');
    expect(codeOf({ recurrence: 'monthly', on: 'second-workday' })).toBe('notification-monthly-rule-invalid');
    expect(codeOf({ recurrence: 'monthly', on: 'day' })).toBe('notification-day-of-month-invalid');
    expect(codeOf({ recurrence: 'monthly', on: 'day', day: 32 })).toBe('notification-day-of-month-invalid');
    expect(codeOf({ recurrence: 'monthly', on: 'day', day: 1.5 })).toBe('notification-day-of-month-invalid');
    expect(codeOf({ recurrence: 'monthly', on: 'last-workday', day: 3 })).toBe('notification-day-of-month-unexpected');
    expect(codeOf({ recurrence: 'monthly', on: 'day', day: 31, time: '23:59' })).toBe('accepted');
  });
});

describe('notification schedule: the next run (reference §7.3) in the company time zone', () => {
  it('instantly runs at once', () => {
    expect(next({ recurrence: 'instantly' }, '2026-03-02T09:00:00.000Z')).toBe('2026-03-02T09:00:00.000Z');
  });

  it('daily on weekdays: today while the time is still to come, else the next weekday', () => {
    const daily = { recurrence: 'daily', time: '12:00' };
    // Monday 10:00 CET → Monday 12:00 CET.
    expect(next(daily, '2026-03-02T09:00:00Z')).toBe('2026-03-02T11:00:00.000Z');
    // Exactly at the time is no longer "before" it → Tuesday.
    expect(next(daily, '2026-03-02T11:00:00Z')).toBe('2026-03-03T11:00:00.000Z');
    // Friday afternoon → Monday.
    expect(next(daily, '2026-03-06T15:00:00Z')).toBe('2026-03-09T11:00:00.000Z');
    // Saturday → Monday.
    expect(next(daily, '2026-03-07T08:00:00Z')).toBe('2026-03-09T11:00:00.000Z');
  });

  it('daily every day includes the weekend', () => {
    expect(next({ recurrence: 'daily', time: '12:00', frequency: 'every-day' }, '2026-03-06T15:00:00Z')).toBe(
      '2026-03-07T11:00:00.000Z',
    );
  });

  it('weekly: the next selected day, wrapping to the same day next week', () => {
    const weekly = { recurrence: 'weekly', time: '09:30', days: ['wed'] };
    expect(next(weekly, '2026-03-02T09:00:00Z')).toBe('2026-03-04T08:30:00.000Z');
    expect(next(weekly, '2026-03-04T08:29:00Z')).toBe('2026-03-04T08:30:00.000Z');
    expect(next(weekly, '2026-03-04T08:30:00Z')).toBe('2026-03-11T08:30:00.000Z');
    expect(next({ ...weekly, days: ['tue', 'sat'] }, '2026-03-04T08:30:00Z')).toBe('2026-03-07T08:30:00.000Z');
  });

  it('monthly on a day: clamped to the month’s last day (31st → 30 April, 28 or 29 February)', () => {
    const day31 = { recurrence: 'monthly', on: 'day', day: 31, time: '12:00' };
    expect(next(day31, '2026-03-31T11:00:00Z')).toBe('2026-04-30T10:00:00.000Z');
    expect(next(day31, '2026-04-02T08:00:00Z')).toBe('2026-04-30T10:00:00.000Z');
    expect(next(day31, '2026-04-30T09:59:00Z')).toBe('2026-04-30T10:00:00.000Z');
    expect(next(day31, '2026-04-30T10:00:00Z')).toBe('2026-05-31T10:00:00.000Z');
    expect(next(day31, '2026-02-01T08:00:00Z')).toBe('2026-02-28T11:00:00.000Z');
    expect(next(day31, '2028-02-01T08:00:00Z')).toBe('2028-02-29T11:00:00.000Z');
    // 31 December → 31 January of the next year.
    expect(next(day31, '2026-12-31T12:00:00Z')).toBe('2027-01-31T11:00:00.000Z');
    const day15 = { recurrence: 'monthly', on: 'day', day: 15, time: '12:00' };
    expect(next(day15, '2026-03-02T09:00:00Z')).toBe('2026-03-15T11:00:00.000Z');
    expect(next(day15, '2026-03-20T09:00:00Z')).toBe('2026-04-15T10:00:00.000Z');
  });

  it('monthly on the first workday: the 1st, or the Monday after a weekend 1st', () => {
    const first = { recurrence: 'monthly', on: 'first-workday', time: '12:00' };
    // 1 February 2026 is a Sunday → Monday 2 February.
    expect(next(first, '2026-01-15T09:00:00Z')).toBe('2026-02-02T11:00:00.000Z');
    // 1 August 2026 is a Saturday → Monday 3 August.
    expect(next(first, '2026-07-10T09:00:00Z')).toBe('2026-08-03T10:00:00.000Z');
    // 1 April 2026 is a Wednesday; once it has passed, 1 May (a Friday).
    expect(next(first, '2026-03-10T09:00:00Z')).toBe('2026-04-01T10:00:00.000Z');
    expect(next(first, '2026-04-01T10:00:00Z')).toBe('2026-05-01T10:00:00.000Z');
  });

  it('monthly on the last workday: the last day, or the Friday before a weekend last day', () => {
    const last = { recurrence: 'monthly', on: 'last-workday', time: '12:00' };
    // 31 January 2026 is a Saturday → Friday 30 January.
    expect(next(last, '2026-01-02T09:00:00Z')).toBe('2026-01-30T11:00:00.000Z');
    // Past that moment → February: the 28th is a Saturday → Friday 27 February.
    expect(next(last, '2026-01-30T11:00:00Z')).toBe('2026-02-27T11:00:00.000Z');
    // 31 May 2026 is a Sunday → Friday 29 May.
    expect(next(last, '2026-05-02T09:00:00Z')).toBe('2026-05-29T10:00:00.000Z');
    // 30 April 2026 is a Thursday.
    expect(next(last, '2026-04-02T09:00:00Z')).toBe('2026-04-30T10:00:00.000Z');
  });

  it('keeps the wall-clock time across the March change: 12:00 CET, then 12:00 CEST', () => {
    const daily = { recurrence: 'daily', time: '12:00', frequency: 'every-day' };
    expect(next(daily, '2026-03-28T12:00:00Z')).toBe('2026-03-29T10:00:00.000Z');
    expect(next(daily, '2026-10-24T12:00:00Z')).toBe('2026-10-25T11:00:00.000Z');
  });

  it('a time that does not exist on the last Sunday of March runs at the next valid minute (03:00 CEST)', () => {
    const night = { recurrence: 'daily', time: '02:30', frequency: 'every-day' };
    expect(next(night, '2026-03-28T12:00:00Z')).toBe('2026-03-29T01:00:00.000Z');
    // And the day after, 02:30 CEST exists again.
    expect(next(night, '2026-03-29T01:00:00Z')).toBe('2026-03-30T00:30:00.000Z');
    expect(zonedInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 0 }, AMS).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(zonedInstant({ year: 2026, month: 3, day: 29, hour: 1, minute: 59 }, AMS).toISOString()).toBe(
      '2026-03-29T00:59:00.000Z',
    );
  });

  it('a time that occurs twice on the last Sunday of October runs once, at its first occurrence (CEST)', () => {
    const night = { recurrence: 'daily', time: '02:30', frequency: 'every-day' };
    expect(next(night, '2026-10-24T12:00:00Z')).toBe('2026-10-25T00:30:00.000Z');
    // After the first 02:30 the next run is the following day, not the repeated 02:30 CET.
    expect(next(night, '2026-10-25T00:30:00Z')).toBe('2026-10-26T01:30:00.000Z');
  });

  it('computes in the given zone: the same schedule differs by zone', () => {
    const daily: NotificationSchedule = { recurrence: 'daily', time: '09:00', frequency: 'weekdays' };
    const after = at('2026-03-02T00:00:00Z');
    expect(nextRunAt(daily, after, 'UTC').toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(nextRunAt(daily, after, 'America/New_York').toISOString()).toBe('2026-03-02T14:00:00.000Z');
    // New York springs forward on 8 March 2026: 02:30 does not exist → 03:00 EDT.
    const night: NotificationSchedule = { recurrence: 'daily', time: '02:30', frequency: 'every-day' };
    expect(nextRunAt(night, at('2026-03-07T12:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });
});
