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
   * `zeroCopy`: return windows that lie inside the iterator's current decoded
   * run as views of its arrays instead of copying them sample by sample. Off
   * for callers of `peek`, which needs the sample after the window consumed.
   */
  constructor(
    private readonly it: SampleIterator,
    private readonly range: number,
    private readonly zeroCopy = true,
  ) {}

  private load(): void {
    this.curT = this.it.at();
    this.curV = this.it.value();
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
   * The window as a view of the iterator's decoded run, when it lies wholly
   * inside it and holds no NaN (stale markers must be left out, which takes
   * a copy); null otherwise. Consumes nothing: the iterator stays on the
   * window's first sample, where the next window (later `from`) seeks on, so
   * both paths agree on where the unread samples begin.
   */
  private runWindow(from: number, t: number): Window | null {
    this.seekFrom(from);
    const w = this.window;
    if (!this.ok || this.curT > t) {
      w.lo = 0;
      w.hi = 0;
      return w;
    }
    const r = this.it.run!();
    const rt = r.t;
    let lo = r.i;
    if (rt[r.n - 1]! <= t) {
      // The window may go on into the next run: copy it.
      if (r.more) return null;
      lo = r.n;
    } else {
      let hi = r.n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (rt[mid]! <= t) lo = mid + 1;
        else hi = mid;
      }
    }
    const rv = r.v;
    for (let k = r.i; k < lo; k++) if (rv[k] !== rv[k]) return null;
    w.ts = rt;
    w.vs = rv;
    w.lo = r.i;
    w.hi = lo;
    return w;
  }

  /** The first sample after the last window, if the series has one (smoothed needs it). */
  peek(): { t: number; v: number } | undefined {
    return this.ok ? { t: this.curT, v: this.curV } : undefined;
  }

  /** Window ending at t (inclusive); `t` must not decrease between calls. */
  windowAt(t: number): Window {
    const from = t - this.range + 1;
    while (this.head < this.tail && this.ts[this.head]! < from) this.head++;
    if (this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
      if (this.zeroCopy && this.it.run !== undefined) {
        const w = this.runWindow(from, t);
        if (w !== null) return w;
      }
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
