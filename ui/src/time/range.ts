// Time ranges as the user writes them: relative ("now-1h" .. "now") or absolute
// (epoch milliseconds or an ISO date), kept as text so a shared URL stays relative.

import { parseDuration } from './duration.js';
import { fromWallClock, wallClock } from './zone.js';

export interface TimeRangeText { from: string; to: string }
export interface ResolvedRange { startMs: number; endMs: number }

export const QUICK_RANGES: { label: string; from: string }[] = [
  { label: 'Last 5 minutes', from: 'now-5m' },
  { label: 'Last 15 minutes', from: 'now-15m' },
  { label: 'Last 1 hour', from: 'now-1h' },
  { label: 'Last 3 hours', from: 'now-3h' },
  { label: 'Last 6 hours', from: 'now-6h' },
  { label: 'Last 12 hours', from: 'now-12h' },
  { label: 'Last 24 hours', from: 'now-1d' },
  { label: 'Last 2 days', from: 'now-2d' },
  { label: 'Last 7 days', from: 'now-7d' },
  { label: 'Last 30 days', from: 'now-30d' },
];

/** Resolves one end of a range. Returns undefined when the text is not a time. */
export function parseTimeText(text: string, nowMs: number): number | undefined {
  const s = text.trim();
  if (s === 'now') return nowMs;
  const rel = /^now\s*([+-])\s*(.+)$/.exec(s);
  if (rel) {
    const d = parseDuration(rel[2]!);
    return d === undefined ? undefined : rel[1] === '-' ? nowMs - d : nowMs + d;
  }
  if (/^\d{10,}$/.test(s)) return Number(s);
  // "2024-05-01 12:00[:05]" is read in the chosen zone, as the picker shows times.
  const wall = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (wall) {
    const [, y, mo, d, h, mi, sec] = wall.map(Number) as number[];
    const t = fromWallClock({ year: y!, month: mo!, day: d!, hour: h || 0, minute: mi || 0, second: sec || 0 });
    return Number.isNaN(t) ? undefined : t;
  }
  // Anything else date-like with an explicit zone (RFC 3339, "…Z", "…+02:00").
  if (/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

export function resolveRange(range: TimeRangeText, nowMs = Date.now()): ResolvedRange | undefined {
  const startMs = parseTimeText(range.from, nowMs);
  const endMs = parseTimeText(range.to, nowMs);
  if (startMs === undefined || endMs === undefined || endMs <= startMs) return undefined;
  return { startMs, endMs };
}

export function isRelative(range: TimeRangeText): boolean {
  return range.from.startsWith('now') && range.to.startsWith('now');
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2024-05-01 12:00:05" in the chosen zone, the format the absolute inputs accept back. */
export function formatClock(ms: number): string {
  const c = wallClock(ms);
  return `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

export function describeRange(range: TimeRangeText): string {
  const quick = QUICK_RANGES.find((q) => q.from === range.from && range.to === 'now');
  if (quick) return quick.label;
  const fmt = (s: string): string => (/^\d{10,}$/.test(s) ? formatClock(Number(s)) : s);
  return `${fmt(range.from)} to ${fmt(range.to)}`;
}

/** Shifts or scales a resolved range, for the zoom-out and move buttons. */
export function zoomOut(r: ResolvedRange, factor = 2): TimeRangeText {
  const span = r.endMs - r.startMs;
  const mid = r.startMs + span / 2;
  return { from: String(Math.round(mid - (span * factor) / 2)), to: String(Math.round(mid + (span * factor) / 2)) };
}
