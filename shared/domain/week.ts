/**
 * Days and weeks as the owner sees them, in the business's time zone. Counters are kept per local
 * day, so a digest over any 7 days reads 7 day items (and 7 more for the week before), never the
 * whole history.
 */

/** Formatters by time zone: building one costs far more than using it, and a business has one zone. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (year, month, day) in a time zone, built once per zone. */
function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format;
}

/** The date and 24-hour wall-clock time in a time zone, built once per zone. */
function clockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    clockFormats.set(timeZone, format);
  }
  return format;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = dateFormat(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday (YYYY-MM-DD, local) of the week an instant falls in. */
export function weekOf(instant: Date, timeZone: string): string {
  const date = localDate(instant, timeZone);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

/** The instant a local wall-clock time (YYYY-MM-DD, hour, minute) happens in a time zone. */
export function zonedInstant(date: string, hour: number, minute: number, timeZone: string): Date {
  const guess = Date.parse(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  const parts = clockFormat(timeZone).formatToParts(new Date(guess));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const wall = Date.parse(`${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}Z`);
  return new Date(guess - (wall - guess));
}

/** The next instant after `now` that is the given weekday and local time in the time zone. */
export function nextWeekly(now: Date, weekly: { day: (typeof WEEKDAYS)[number]; hour: number; minute: number }, timeZone: string): Date {
  const today = localDate(now, timeZone);
  for (let k = 0; k <= 7; k += 1) {
    const date = addDays(today, k);
    if (WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] !== weekly.day) continue;
    const at = zonedInstant(date, weekly.hour, weekly.minute, timeZone);
    if (at.getTime() > now.getTime()) return at;
  }
  return zonedInstant(addDays(today, 7), weekly.hour, weekly.minute, timeZone);
}
