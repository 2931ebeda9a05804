import { describe, expect, it } from 'vitest';
import { compileTimeInterval, timeIntervalContains } from './time-intervals.js';

const at = (iso: string) => Date.parse(iso);

describe('time intervals', () => {
  const office = compileTimeInterval({ times: [{ start_time: '09:00', end_time: '17:00' }], weekdays: ['monday:friday'] });

  it.each([
    ['2026-11-23T09:00:00Z', true], // Monday 09:00, start inclusive
    ['2026-11-23T16:59:00Z', true],
    ['2026-11-23T17:00:00Z', false], // end exclusive
    ['2026-11-22T12:00:00Z', false], // Sunday
    ['2026-11-27T12:00:00Z', true], // Friday
  ])('office hours at %s', (iso, want) => expect(timeIntervalContains(office, at(iso))).toBe(want));

  it('honours location, negative days of month, months and years', () => {
    const tokyoMorning = compileTimeInterval({ times: [{ start_time: '08:00', end_time: '10:00' }], location: 'Asia/Tokyo' });
    expect(timeIntervalContains(tokyoMorning, at('2026-11-23T00:30:00Z'))).toBe(true); // 09:30 JST
    const lastDay = compileTimeInterval({ days_of_month: ['-1'] });
    expect(timeIntervalContains(lastDay, at('2026-02-28T12:00:00Z'))).toBe(true);
    expect(timeIntervalContains(lastDay, at('2026-02-27T12:00:00Z'))).toBe(false);
    const q4 = compileTimeInterval({ months: ['october:december'], years: ['2026'] });
    expect(timeIntervalContains(q4, at('2026-11-01T00:00:00Z'))).toBe(true);
    expect(timeIntervalContains(q4, at('2027-11-01T00:00:00Z'))).toBe(false);
    const allDay = compileTimeInterval({ times: [{ start_time: '00:00', end_time: '24:00' }] });
    expect(timeIntervalContains(allDay, at('2026-11-23T23:59:00Z'))).toBe(true);
  });

  it('rejects bad values with the value in the message', () => {
    expect(() => compileTimeInterval({ weekdays: ['funday'] })).toThrow(/weekday "funday"/);
    expect(() => compileTimeInterval({ times: [{ start_time: '10:00', end_time: '09:00' }] })).toThrow(/end must be after start/);
    expect(() => compileTimeInterval({ location: 'Mars/Base' })).toThrow(/unknown time zone/);
  });
});
