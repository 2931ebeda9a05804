/**
 * Samples that arrived at or before a series' newest head timestamp
 * (out of order, backfill, or a rewrite of the same timestamp). Kept sorted
 * in typed arrays; a repeated timestamp replaces the value (last write wins).
 * The head turns the buffer into chunks once it holds a chunk's worth.
 */
export class OooBuffer {
  ts = new Float64Array(8);
  vs = new Float64Array(8);
  length = 0;

  insert(t: number, v: number): void {
    let lo = 0;
    let hi = this.length;
    const ts = this.ts;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ts[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo < this.length && ts[lo] === t) {
      this.vs[lo] = v;
      return;
    }
    if (this.length === ts.length) {
      const nt = new Float64Array(ts.length * 2);
      const nv = new Float64Array(ts.length * 2);
      nt.set(this.ts);
      nv.set(this.vs);
      this.ts = nt;
      this.vs = nv;
    }
    this.ts.copyWithin(lo + 1, lo, this.length);
    this.vs.copyWithin(lo + 1, lo, this.length);
    this.ts[lo] = t;
    this.vs[lo] = v;
    this.length++;
  }

  memoryBytes(): number {
    return this.ts.byteLength * 2 + 48;
  }
}
