import { invalid } from '../shared/errors.ts';
import {
  DAILY_FREQUENCIES,
  type DailyFrequency,
  MONTHLY_RULES,
  type MonthlyRule,
  type NotificationSchedule,
  RECURRENCES,
  type Recurrence,
  WEEKDAYS,
  type Weekday,
} from './types.ts';

/** Reference §7.3 defaults: 12:00, Monday to Friday. */
export const DEFAULT_TIME = '12:00';
const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function oneOf<T extends string>(
  values: readonly T[],
  value: unknown,
  fallback: T | undefined,
  code: string,
  field: string,
): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  throw invalid(code, `${field} "${String(value ?? '')}" must be one of ${values.join(', ')}.`, { field });
}

function checkTime(value: unknown): string {
  if (value === undefined) return DEFAULT_TIME;
  if (typeof value === 'string' && TIME.test(value)) return value;
  throw invalid('notification-time-invalid', `Time "${String(value)}" must be HH:MM between 00:00 and 23:59.`, {
    field: 'schedule.time',
  });
}

function checkDays(value: unknown): Weekday[] {
  if (value === undefined) return [...WORKDAYS];
  if (!Array.isArray(value)) {
    throw invalid('notification-days-invalid', 'Days must be a list such as ["mon","wed"].', {
      field: 'schedule.days',
    });
  }
  for (const day of value) {
    if (!(WEEKDAYS as readonly unknown[]).includes(day)) {
      throw invalid('notification-days-invalid', `Day "${String(day)}" must be one of ${WEEKDAYS.join(', ')}.`, {
        field: 'schedule.days',
      });
    }
  }
  if (value.length === 0) {
    throw invalid('notification-days-empty', 'A weekly schedule needs at least one day.', { field: 'schedule.days' });
  }
  // Week order, each day once.
  return WEEKDAYS.filter((d) => value.includes(d));
}

function checkDayOfMonth(on: MonthlyRule, value: unknown): number | undefined {
  if (on !== 'day') {
    if (value === undefined || value === null) return undefined;
    throw invalid(
      'notification-day-of-month-unexpected',
      `A day of the month goes only with on = "day", not "${on}".`,
      {
        field: 'schedule.day',
      },
    );
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 31) return value;
  throw invalid(
    'notification-day-of-month-invalid',
    `Day of the month "${String(value ?? '')}" must be a whole number from 1 to 31 (a later day than the month has means its last day).`,
    { field: 'schedule.day' },
  );
}

/**
 * Checks a schedule as a caller gives it; left-out fields take the reference defaults (12:00,
 * weekdays, Monday to Friday, first workday). Every refusal has a stable code.
 */
export function parseSchedule(input: unknown): NotificationSchedule {
  if (input === undefined || input === null) return { recurrence: 'instantly' };
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw invalid('notification-schedule-invalid', 'A schedule is an object such as {"recurrence":"daily"}.', {
      field: 'schedule',
    });
  }
  const value = input as Record<string, unknown>;
  const recurrence = oneOf<Recurrence>(
    RECURRENCES,
    value.recurrence,
    undefined,
    'notification-recurrence-invalid',
    'schedule.recurrence',
  );
  switch (recurrence) {
    case 'instantly':
      return { recurrence };
    case 'daily':
      return {
        recurrence,
        time: checkTime(value.time),
        frequency: oneOf<DailyFrequency>(
          DAILY_FREQUENCIES,
          value.frequency,
          'weekdays',
          'notification-frequency-invalid',
          'schedule.frequency',
        ),
      };
    case 'weekly':
      return { recurrence, time: checkTime(value.time), days: checkDays(value.days) };
    case 'monthly': {
      const on = oneOf<MonthlyRule>(
        MONTHLY_RULES,
        value.on,
        'first-workday',
        'notification-monthly-rule-invalid',
        'schedule.on',
      );
      const day = checkDayOfMonth(on, value.day);
      return { recurrence, time: checkTime(value.time), on, ...(day !== undefined ? { day } : {}) };
    }
  }
}

/** The days a daily or weekly schedule runs on. */
export function scheduleDays(schedule: NotificationSchedule): readonly Weekday[] {
  if (schedule.recurrence === 'daily') return schedule.frequency === 'every-day' ? WEEKDAYS : WORKDAYS;
  if (schedule.recurrence === 'weekly') return schedule.days;
  return [];
}

/** Storage: the recurrence has its own column, the rest is JSON. */
export function scheduleToRow(schedule: NotificationSchedule): { recurrence: string; schedule: string } {
  const { recurrence, ...rest } = schedule;
  return { recurrence, schedule: JSON.stringify(rest) };
}

export function scheduleFromRow(recurrence: string, json: string): NotificationSchedule {
  let rest: unknown;
  try {
    rest = JSON.parse(json);
  } catch {
    rest = {};
  }
  return parseSchedule({ ...(typeof rest === 'object' && rest ? rest : {}), recurrence });
}
