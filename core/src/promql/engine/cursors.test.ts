import { describe, expect, it } from 'vitest';
import { ArraySampleIterator, LookbackCursor, RangeCursor } from './cursors.js';
import { STALE_NAN } from './stale.js';

// A Float64Array keeps the stale marker's bits; V8 may canonicalise NaNs in array literals.
const it3 = () => new ArraySampleIterator([10, 20, 30, 100], Float64Array.of(1, 2, STALE_NAN, 4));

describe('LookbackCursor', () => {
  it('takes the newest sample in (t - lookback, t] and ends at stale markers', () => {
    const c = new LookbackCursor(it3(), 15);
    expect(c.valueAt(5)).toBeUndefined();
    expect(c.valueAt(10)).toBe(1);
    expect(c.valueAt(24)).toBe(2);
    expect(c.valueAt(25)).toBe(2);
    expect(c.valueAt(36)).toBeUndefined();
  });

  it('keeps a sample across repeated times (@) and skips ahead on sparse steps', () => {
    const c = new LookbackCursor(it3(), 15);
    expect(c.valueAt(20)).toBe(2);
    expect(c.valueAt(20)).toBe(2);
    expect(c.valueAt(31)).toBeUndefined(); // stale marker at 30 ends the series
    expect(c.valueAt(100)).toBe(4);
  });
});

describe('RangeCursor', () => {
  it('returns left-open windows without stale markers', () => {
    const c = new RangeCursor(it3(), 20);
    const vals = (t: number) => {
      const w = c.windowAt(t);
      return Array.from(w.vs.subarray(w.lo, w.hi));
    };
    expect(vals(20)).toEqual([1, 2]);
    expect(vals(30)).toEqual([2]);
    expect(vals(100)).toEqual([4]);
  });
});
