import { AlertingError } from './errors.js';
import type { TimeIntervalSpecConfig } from './config-types.js';

/**
 * Alertmanager time intervals (timeinterval package): every field present
 * must match. Times are `HH:MM` with start inclusive and end exclusive
 * (`24:00` allowed); weekdays by name with `monday:friday` ranges; days of
 * month 1..31 or negative from the end; months by name or number; years;
 * `location` an IANA zone (UTC by default). Pure.
 */
export interface TimeInterval {
  /** Minutes of the day, [start, end). */
  readonly times?: readonly (readonly [number, number])[];
  /** 0 = Sunday … 6 = Saturday, inclusive ranges. */
  readonly weekdays?: readonly (readonly [number, number])[];
  readonly daysOfMonth?: readonly (readonly [number, number])[];
  /** 1..12 */
  readonly months?: readonly (readonly [number, number])[];
  readonly years?: readonly (readonly [number, number])[];
  readonly location: string;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function bad(what: string, value: string, why: string): AlertingError {
  return new AlertingError('PNP_ALERTING_CONFIG', `${what} ${JSON.stringify(value)}: ${why}`);
}

function parseTime(s: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m) throw bad('time', s, 'must be HH:MM');
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) throw bad('time', s, 'out of range (00:00 to 24:00)');
  return h * 60 + min;
}

function parseRanges(items: readonly string[], what: string, parseOne: (s: string) => number): [number, number][] {
  return items.map((item) => {
    const [a, b] = item.split(':');
    const lo = parseOne(a!.trim().toLowerCase());
    const hi = b === undefined ? lo : parseOne(b.trim().toLowerCase());
    if (item.split(':').length > 2) throw bad(what, item, 'use one start:end range');
    return [lo, hi];
  });
}

function parseNamed(names: readonly string[], what: string, base: number) {
  return (s: string): number => {
    const i = names.indexOf(s);
    if (i >= 0) return i + base;
    if (what === 'month' && /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 12) return Number(s);
    throw bad(what, s, `unknown ${what}`);
  };
}

function parseIntIn(what: string, lo: number, hi: number, allowNegative = false) {
  return (s: string): number => {
    if (!/^-?\d+$/.test(s)) throw bad(what, s, 'not a number');
    const n = Number(s);
    const ok = (n >= lo && n <= hi) || (allowNegative && n <= -lo && n >= -hi);
    if (!ok) throw bad(what, s, `out of range`);
    return n;
  };
}

export function compileTimeInterval(c: TimeIntervalSpecConfig): TimeInterval {
  const location = c.location ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: location });
  } catch {
    throw bad('location', location, 'unknown time zone');
  }
  const times = c.times?.map((t) => {
    const start = parseTime(t.start_time);
    const end = parseTime(t.end_time);
    if (end <= start) throw bad('time range', `${t.start_time}-${t.end_time}`, 'end must be after start');
    return [start, end] as const;
  });
  return {
    location,
    ...(times && { times }),
    ...(c.weekdays && { weekdays: parseRanges(c.weekdays, 'weekday', parseNamed(WEEKDAYS, 'weekday', 0)) }),
    ...(c.days_of_month && { daysOfMonth: parseRanges(c.days_of_month, 'day of month', parseIntIn('day of month', 1, 31, true)) }),
    ...(c.months && { months: parseRanges(c.months, 'month', parseNamed(MONTHS, 'month', 1)) }),
    ...(c.years && { years: parseRanges(c.years, 'year', parseIntIn('year', 1, 9999)) }),
  };
}

interface Civil {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minutes: number;
  daysInMonth: number;
}

function civilTime(ms: number, zone: string): Civil {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'long',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const year = Number(get('year'));
  const month = Number(get('month'));
  return {
    year,
    month,
    day: Number(get('day')),
    weekday: WEEKDAYS.indexOf(get('weekday').toLowerCase()),
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
}

function inRanges(v: number, ranges: readonly (readonly [number, number])[] | undefined): boolean {
  return ranges === undefined || ranges.some(([lo, hi]) => v >= lo && v <= hi);
}

/** Negative days count from the month's end (-1 = last day); clamped to the month. */
function dayInRanges(c: Civil, ranges: readonly (readonly [number, number])[] | undefined): boolean {
  if (ranges === undefined) return true;
  const resolve = (d: number) => Math.min(Math.max(d < 0 ? c.daysInMonth + d + 1 : d, 1), c.daysInMonth);
  return ranges.some(([lo, hi]) => c.day >= resolve(lo) && c.day <= resolve(hi));
}

export function timeIntervalContains(ti: TimeInterval, ms: number): boolean {
  const c = civilTime(ms, ti.location);
  if (ti.times && !ti.times.some(([s, e]) => c.minutes >= s && c.minutes < e)) return false;
  return inRanges(c.weekday, ti.weekdays) && dayInRanges(c, ti.daysOfMonth) && inRanges(c.month, ti.months) && inRanges(c.year, ti.years);
}

/** True when any of the named interval's specs contains the instant. */
export function anyContains(intervals: readonly TimeInterval[], ms: number): boolean {
  return intervals.some((ti) => timeIntervalContains(ti, ms));
}
