import type { SampleIterator, SampleRun } from '../api.js';

/** Iterates decoded samples held in two typed arrays. */
export class ArrayIterator implements SampleIterator {
  private i = -1;
  constructor(
    private readonly ts: Float64Array,
    private readonly vs: Float64Array,
  ) {}

  next(): boolean {
    if (this.i < this.ts.length) this.i++;
    return this.i < this.ts.length;
  }

  seek(t: number): boolean {
    if (this.i < 0) this.i = 0;
    if (this.i >= this.ts.length) return false;
    if (this.ts[this.i]! >= t) return true;
    let lo = this.i;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    this.i = lo;
    return lo < this.ts.length;
  }

  at(): number {
    return this.ts[this.i]!;
  }

  value(): number {
    return this.vs[this.i]!;
  }

  run(): SampleRun {
    return { t: this.ts, v: this.vs, first: 0, i: this.i, n: this.ts.length, more: false };
  }
}
