import { invalid } from '../shared/errors.ts';

/** A calendar date and wall-clock time in some time zone (month 1–12). */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw invalid('time-zone-invalid', `"${timeZone}" is not an IANA time zone such as Europe/Amsterdam.`, {
        field: 'timeZone',
      });
    }
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall time as milliseconds on a UTC scale: comparable and easy to do arithmetic with. */
function wallMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

export function wallTime(instant: Date, timeZone: string): WallTime {
  const d = new Date(wallMs(instant.getTime(), timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/**
 * The instant at which clocks in `timeZone` show `wall`. Computed by trying the zone's offsets
 * around that moment, so daylight-saving changes come out right:
 *
 * - a wall time that occurs twice (autumn, clocks go back) is its FIRST occurrence;
 * - a wall time that does not exist (spring, clocks go forward) moves to the next valid minute,
 *   i.e. the moment the clocks jump (02:30 on the last Sunday of March in Europe/Amsterdam is
 *   03:00 CEST). A job scheduled "at 02:30" then still runs that day, as early as it can.
 */
export function zonedInstant(wall: WallTime, timeZone: string): Date {
  const target = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const offsets = new Set([
    wallMs(target - 12 * HOUR, timeZone) - (target - 12 * HOUR),
    wallMs(target + 12 * HOUR, timeZone) - (target + 12 * HOUR),
  ]);
  const candidates = [...offsets].map((offset) => target - offset).sort((a, b) => a - b);
  const exact = candidates.find((instant) => wallMs(instant, timeZone) === target);
  if (exact !== undefined) return new Date(exact);
  // In a gap: the earliest minute whose wall time is at or after the target.
  let low = candidates[0] ?? target;
  let high = candidates[candidates.length - 1] ?? target;
  if (wallMs(high, timeZone) < target || low === high) return new Date(high);
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (wallMs(middle, timeZone) >= target) high = middle;
    else low = middle;
  }
  return new Date(high);
}

/** The date `days` after a wall date (time kept). */
export function addDays(wall: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, as Date#getDay. */
export function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
