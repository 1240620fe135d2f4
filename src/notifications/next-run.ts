import { scheduleDays } from './schedule.ts';
import type { MonthlyRule, NotificationSchedule } from './types.ts';
import { WEEKDAYS } from './types.ts';
import { addDays, dayOfWeek, daysInMonth, type WallTime, wallTime, zonedInstant } from './zoned-time.ts';

function atTime(date: WallTime, time: string): WallTime {
  const [hour, minute] = time.split(':').map(Number);
  return { ...date, hour: hour ?? 12, minute: minute ?? 0 };
}

/** The day of a month a monthly schedule runs on (reference §7.3: Saturday and Sunday are not workdays). */
export function monthlyDay(year: number, month: number, on: MonthlyRule, day?: number): number {
  const last = daysInMonth(year, month);
  switch (on) {
    case 'first-workday': {
      const weekday = dayOfWeek(year, month, 1);
      return weekday === 6 ? 3 : weekday === 0 ? 2 : 1;
    }
    case 'last-workday': {
      const weekday = dayOfWeek(year, month, last);
      return weekday === 6 ? last - 1 : weekday === 0 ? last - 2 : last;
    }
    case 'day':
      return Math.min(day ?? 1, last);
  }
}

/**
 * The first run of `schedule` strictly after `after`, computed in the wall time of `timeZone`
 * (reference §7.3):
 *
 * - instantly: `after` itself;
 * - daily and weekly: today at the time if today is one of the days and the time is still to
 *   come, else the next selected day at the time;
 * - monthly: this month's first workday / last workday / day (clamped to the month's last day)
 *   at the time if still to come, else next month's.
 *
 * Daylight saving: see `zonedInstant` (a time that does not exist that day runs at the next
 * valid minute; a time that occurs twice runs at its first occurrence).
 */
export function nextRunAt(schedule: NotificationSchedule, after: Date, timeZone: string): Date {
  if (schedule.recurrence === 'instantly') return after;
  const today = wallTime(after, timeZone);
  if (schedule.recurrence === 'monthly') {
    for (let months = 0; months <= 12; months++) {
      const index = today.month - 1 + months;
      const year = today.year + Math.floor(index / 12);
      const month = (index % 12) + 1;
      const day = monthlyDay(year, month, schedule.on, schedule.day);
      const run = zonedInstant(atTime({ year, month, day, hour: 0, minute: 0 }, schedule.time), timeZone);
      if (run > after) return run;
    }
  } else {
    const days = new Set(scheduleDays(schedule).map((d) => (WEEKDAYS.indexOf(d) + 1) % 7));
    // Eight days: today, and today a week later when today is the only day and its time has passed.
    for (let offset = 0; offset <= 7; offset++) {
      const date = addDays(today, offset);
      if (!days.has(dayOfWeek(date.year, date.month, date.day))) continue;
      const run = zonedInstant(atTime(date, schedule.time), timeZone);
      if (run > after) return run;
    }
  }
  throw new Error(`No run of the ${schedule.recurrence} schedule follows ${after.toISOString()}.`);
}
