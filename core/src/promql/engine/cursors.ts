import type { SampleIterator } from '@panoptes/storage';
import { isStaleNaN } from './stale.js';

/**
 * Forward-only reading of one series for a sequence of non-decreasing
 * evaluation times. Only the samples a window needs are held in memory; the
 * iterator is advanced lazily and skips ahead with `seek` when steps are
 * sparse.
 */

/** Newest sample in (t - lookback, t]; absent when none or when it is a stale marker. */
export class LookbackCursor {
  private started = false;
  private ok = false;
  private curT = 0;
  private curV = 0;
  private prevT = -Infinity;
  private prevV = 0;
  private hasPrev = false;
  /** Timestamp of the sample returned by the last `valueAt`. */
  lastT = 0;

  constructor(private readonly it: SampleIterator, private readonly lookback: number) {}

  private advance(): void {
    this.ok = this.it.next();
    if (this.ok) {
      this.curT = this.it.at();
      this.curV = this.it.value();
    }
  }

  valueAt(t: number): number | undefined {
    const from = t - this.lookback + 1;
    if (!this.started) {
      this.started = true;
      this.ok = this.it.seek(from);
      if (this.ok) {
        this.curT = this.it.at();
        this.curV = this.it.value();
      }
    } else if (this.ok && this.curT < from) {
      this.ok = this.it.seek(from);
      if (this.ok) {
        this.curT = this.it.at();
        this.curV = this.it.value();
      }
    }
    while (this.ok && this.curT <= t) {
      this.prevT = this.curT;
      this.prevV = this.curV;
      this.hasPrev = true;
      this.advance();
    }
    if (!this.hasPrev || this.prevT < from || this.prevT > t) return undefined;
    if (isStaleNaN(this.prevV)) return undefined;
    this.lastT = this.prevT;
    return this.prevV;
  }
}

/**
 * A window of samples: indices [lo, hi) into the cursor's buffers. The object
 * and buffers are reused: valid only until the next `windowAt`.
 */
export interface Window {
  ts: Float64Array;
  vs: Float64Array;
  lo: number;
  hi: number;
}

const NO_SAMPLES = new Float64Array(0);

/** Samples in (t - range, t], stale markers skipped. */
export class RangeCursor {
  private started = false;
  private ok = false;
  private curT = 0;
  private curV = 0;
  // Allocated on the first copied sample: windows served as views need none.
  private ts = NO_SAMPLES;
  private vs = NO_SAMPLES;
  private head = 0;
  private tail = 0;
  private readonly window: Window = { ts: this.ts, vs: this.vs, lo: 0, hi: 0 };
  /**
   * Where the last view window lay in the iterator's run, and how far the run
   * is known to hold no NaN; -1/0 once the iterator moves (its arrays may then
   * hold another run).
   */
  private hintLo = -1;
  private hintHi = 0;
  private nanFreeTo = 0;

  /**
   * `zeroCopy`: return windows that lie inside the iterator's current decoded
   * run as views of its arrays instead of copying them sample by sample. Off
   * for callers of `peek`, which needs the sample after the window consumed.
   */
  constructor(
    private readonly it: SampleIterator,
    private readonly range: number,
    private readonly zeroCopy = true,
  ) {}

  /** Reads the iterator's current sample; called after every move of it, so it also drops the run hints. */
  private load(): void {
    this.curT = this.it.at();
    this.curV = this.it.value();
    this.hintLo = -1;
    this.hintHi = 0;
    this.nanFreeTo = 0;
  }

  private push(t: number, v: number): void {
    if (this.tail === this.ts.length) {
      const n = this.tail - this.head;
      if (this.head > 0 && n < this.ts.length / 2) {
        this.ts.copyWithin(0, this.head, this.tail);
        this.vs.copyWithin(0, this.head, this.tail);
      } else {
        const size = Math.max(32, this.ts.length * 2);
        const nt = new Float64Array(size);
        const nv = new Float64Array(size);
        nt.set(this.ts.subarray(this.head, this.tail));
        nv.set(this.vs.subarray(this.head, this.tail));
        this.ts = nt;
        this.vs = nv;
      }
      this.head = 0;
      this.tail = n;
    }
    this.ts[this.tail] = t;
    this.vs[this.tail] = v;
    this.tail++;
  }

  /** Moves the iterator to the first sample at or after `from` (never back) and loads it. */
  private seekFrom(from: number): void {
    if (!this.started) {
      this.started = true;
      this.ok = this.it.seek(from);
      if (this.ok) this.load();
    } else if (this.ok && this.curT < from) {
      this.ok = this.it.seek(from);
      if (this.ok) this.load();
    }
  }

  /**
   * The window as a view of the iterator's decoded run, when every sample of
   * it lies in that run and it holds no NaN (stale markers must be left out,
   * which takes a copy); null otherwise, with the samples of the window
   * before the iterator in the buffer, for the copy path to go on from.
   *
   * Consumes nothing: the iterator stays where it is (on or after the
   * window's first sample), and samples of the run between the window's
   * start and the iterator are part of the window. A buffer left by the copy
   * path (samples before the iterator) is dropped when the run holds it, so
   * one window that crossed a run end does not keep every later one copying.
   */
  private runWindow(from: number, t: number): Window | null {
    const buffered = this.head < this.tail;
    // Buffered samples are all >= from, so the iterator (after them) needs no seek.
    // Nor does it while the window starts inside the run it is in: windows
    // are found in the run's arrays, and the iterator moves on only to leave the run.
    if (!buffered) {
      if (!this.started) this.seekFrom(from);
      else if (this.ok && this.curT < from) {
        const run = this.it.run!();
        if (run.t[run.n - 1]! < from) this.seekFrom(from);
      }
    }
    const w = this.window;
    if (!this.ok) {
      if (buffered) return null;
      w.lo = 0;
      w.hi = 0;
      return w;
    }
    const r = this.it.run!();
    const rt = r.t;
    if (buffered && rt[r.first]! > this.ts[this.head]!) return null;
    // Hints from the last window in this run (valid while the iterator has not moved): windows only move forward.
    const lo = forwardTo(rt, this.hintLo >= 0 ? this.hintLo : r.first, r.n, from);
    const rv = r.v;
    let end: number;
    let view = true;
    if (rt[r.n - 1]! <= t) {
      end = r.n;
      // The window may go on into the next run: copy it.
      if (r.more) view = false;
    } else {
      end = forwardPast(rt, Math.max(lo, this.hintHi), r.n, t);
    }
    if (view) {
      for (let k = Math.max(lo, this.nanFreeTo); k < end; k++) {
        if (rv[k] !== rv[k]) {
          view = false;
          break;
        }
      }
    }
    if (view) {
      this.head = 0;
      this.tail = 0;
      this.hintLo = lo;
      this.hintHi = end;
      this.nanFreeTo = end;
      w.ts = rt;
      w.vs = rv;
      w.lo = lo;
      w.hi = end;
      return w;
    }
    // The copy path goes on from the iterator: hand it the window's samples before it.
    if (!buffered) {
      this.head = 0;
      this.tail = 0;
      for (let k = lo; k < r.i; k++) if (!isStaleNaN(rv[k]!)) this.push(rt[k]!, rv[k]!);
    }
    return null;
  }

  /** The first sample after the last window, if the series has one (smoothed needs it). */
  peek(): { t: number; v: number } | undefined {
    return this.ok ? { t: this.curT, v: this.curV } : undefined;
  }

  /** Window ending at t (inclusive); `t` must not decrease between calls. */
  windowAt(t: number): Window {
    const from = t - this.range + 1;
    while (this.head < this.tail && this.ts[this.head]! < from) this.head++;
    if (this.zeroCopy && this.it.run !== undefined) {
      const w = this.runWindow(from, t);
      if (w !== null) return w;
    } else if (this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
    }
    this.seekFrom(from);
    while (this.ok && this.curT <= t) {
      if (!isStaleNaN(this.curV)) this.push(this.curT, this.curV);
      this.ok = this.it.next();
      if (this.ok) this.load();
    }
    while (this.ok && isStaleNaN(this.curV)) {
      this.ok = this.it.next();
      if (this.ok) this.load();
    }
    const w = this.window;
    w.ts = this.ts;
    w.vs = this.vs;
    w.lo = this.head;
    w.hi = this.tail;
    return w;
  }
}

/**
 * First index in [lo, n) whose time is >= x (n when none); `t` is sorted.
 * Steps linearly first: consecutive windows mostly move by a sample or two.
 */
function forwardTo(t: Float64Array, lo: number, n: number, x: number): number {
  const near = Math.min(n, lo + 8);
  while (lo < near && t[lo]! < x) lo++;
  if (lo < near || lo === n) return lo;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [lo, n) whose time is > x (n when none); times strictly increase. */
function forwardPast(t: Float64Array, lo: number, n: number, x: number): number {
  const k = forwardTo(t, lo, n, x);
  return k < n && t[k] === x ? k + 1 : k;
}

/** A SampleIterator over in-memory arrays (subquery results, tests). */
export class ArraySampleIterator implements SampleIterator {
  protected i = -1;
  constructor(
    protected readonly ts: ArrayLike<number>,
    protected readonly vs: ArrayLike<number>,
  ) {}
  next(): boolean {
    if (this.i < this.ts.length) this.i++;
    return this.i < this.ts.length;
  }
  seek(t: number): boolean {
    if (this.i < 0) this.i = 0;
    while (this.i < this.ts.length && this.ts[this.i]! < t) this.i++;
    return this.i < this.ts.length;
  }
  at(): number {
    return this.ts[this.i]!;
  }
  value(): number {
    return this.vs[this.i]!;
  }
}
