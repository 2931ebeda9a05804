import { describe, expect, it } from 'vitest';
import { autoStepSeconds, formatDuration, parseDuration } from './duration.js';
import { describeRange, formatClock, parseTimeText, resolveRange, zoomOut } from './range.js';
import { zone } from './zone.js';

describe('durations', () => {
  it('parses Prometheus durations and plain seconds', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('15')).toBe(15_000);
    expect(parseDuration('0.5')).toBe(500);
    expect(parseDuration('5x')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
  it('formats back to the shortest Prometheus form', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(86_400_000 + 1000)).toBe('1d1s');
  });
  it('picks a readable step that stays under 11,000 points', () => {
    expect(autoStepSeconds(3_600_000)).toBe(10);
    expect(autoStepSeconds(7 * 86_400_000)).toBe(1800);
    expect(autoStepSeconds(60_000)).toBe(1);
    const yearsMs = 5 * 365 * 86_400_000;
    expect(yearsMs / 1000 / autoStepSeconds(yearsMs, 20_000)).toBeLessThanOrEqual(11_000);
  });
});

describe('time ranges', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  it('resolves relative and absolute ends', () => {
    expect(parseTimeText('now-1h', now)).toBe(now - 3_600_000);
    expect(parseTimeText('now', now)).toBe(now);
    expect(parseTimeText('1767268800000', now)).toBe(1767268800000);
    expect(parseTimeText('2026-01-01T10:00:00Z', now)).toBe(Date.UTC(2026, 0, 1, 10));
    expect(parseTimeText('yesterday', now)).toBeUndefined();
  });
  it('rejects a range that ends before it starts', () => {
    expect(resolveRange({ from: 'now', to: 'now-1h' }, now)).toBeUndefined();
    expect(resolveRange({ from: 'now-1h', to: 'now' }, now)).toEqual({ startMs: now - 3_600_000, endMs: now });
  });
  it('describes quick ranges by name and zooms out around the middle', () => {
    expect(describeRange({ from: 'now-6h', to: 'now' })).toBe('Last 6 hours');
    expect(zoomOut({ startMs: 1000, endMs: 3000 })).toEqual({ from: '0', to: '4000' });
  });
});

describe('time zone', () => {
  it('reads and writes wall-clock times in UTC when asked', () => {
    zone.utc = true;
    try {
      expect(parseTimeText('2026-01-01 10:00:00', 0)).toBe(Date.UTC(2026, 0, 1, 10));
      expect(parseTimeText('2026-01-01 10:00', 0)).toBe(Date.UTC(2026, 0, 1, 10));
      expect(formatClock(Date.UTC(2026, 4, 1, 12, 0, 5))).toBe('2026-05-01 12:00:05');
    } finally {
      zone.utc = false;
    }
  });
  it('reads local wall-clock times by default and honours explicit offsets', () => {
    expect(parseTimeText('2026-01-01 10:00:00', 0)).toBe(new Date(2026, 0, 1, 10).getTime());
    expect(parseTimeText('2026-01-01T10:00:00+02:00', 0)).toBe(Date.UTC(2026, 0, 1, 8));
  });
});
