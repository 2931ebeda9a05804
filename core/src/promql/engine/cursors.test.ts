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

/** Samples split into runs of `size`, with run() as a chunk iterator has it. */
class RunIterator extends ArraySampleIterator {
  constructor(
    ts: Float64Array,
    vs: Float64Array,
    private readonly size: number,
  ) {
    super(ts, vs);
  }
  run() {
    const start = this.i - (this.i % this.size);
    const n = Math.min(this.ts.length, start + this.size);
    const ts = this.ts as Float64Array;
    const vs = this.vs as Float64Array;
    // Arrays of the run alone, as a chunk decoder's buffers would be.
    return { t: ts.slice(start, n), v: vs.slice(start, n), first: 0, i: this.i - start, n: n - start, more: n < ts.length };
  }
}

describe('RangeCursor over runs', () => {
  it('gives the same windows with and without zero-copy views, across run ends, gaps and stale markers', () => {
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let round = 0; round < 30; round++) {
      const ts: number[] = [];
      const vs: number[] = [];
      let t = 0;
      for (let k = 0; k < 400; k++) {
        t += rand() < 0.05 ? 200 : 10;
        ts.push(t);
        vs.push(rand() < 0.03 ? STALE_NAN : rand() < 0.02 ? NaN : k);
      }
      const T = Float64Array.from(ts);
      const V = Float64Array.from(vs);
      const range = 20 + Math.floor(rand() * 200);
      const step = 5 + Math.floor(rand() * 60);
      const fast = new RangeCursor(new RunIterator(T, V, 1 + Math.floor(rand() * 50)), range);
      const slow = new RangeCursor(new ArraySampleIterator(ts, V), range, false);
      for (let at = 0; at < t + range; at += step) {
        const a = fast.windowAt(at);
        const b = slow.windowAt(at);
        expect(Array.from(a.ts.subarray(a.lo, a.hi))).toEqual(Array.from(b.ts.subarray(b.lo, b.hi)));
        expect(Array.from(a.vs.subarray(a.lo, a.hi))).toEqual(Array.from(b.vs.subarray(b.lo, b.hi)));
      }
    }
  });

  it('goes back to views once a window that crossed a run end has passed', () => {
    const T = Float64Array.from({ length: 100 }, (_, k) => (k + 1) * 10);
    const V = Float64Array.from({ length: 100 }, (_, k) => k);
    // Runs of 10 samples, windows of 4: of every 10 windows, 3 cross a run end and one ends on
    // its last sample (the next run might hold more of it): those 4 are copies, the rest views.
    const cursor = new RangeCursor(new RunIterator(T, V, 10), 40);
    let views = 0;
    for (let at = 40; at <= 1000; at += 10) {
      const w = cursor.windowAt(at);
      expect(Array.from(w.ts.subarray(w.lo, w.hi))).toEqual([at - 30, at - 20, at - 10, at]);
      // A run's own arrays hold 10 samples; the cursor's copy buffer is bigger.
      if (w.ts.length <= 10) views++;
    }
    // 97 windows; the one ending on the series' last sample is a view too.
    expect(views).toBe(61);
  });
});
