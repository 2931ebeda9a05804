import { decodeChunk, encodeBest, isStaleNaN } from '../chunkenc/index.js';
import { ByteReader, ByteWriter } from '../varint.js';

export const ROLLUP_5M_MS = 5 * 60 * 1000;
export const ROLLUP_1H_MS = 60 * 60 * 1000;

/** Columns of a rollup, in stored order. */
export const ROLLUP_COLUMNS = ['count', 'sum', 'min', 'max', 'first', 'last', 'increase'] as const;
export type RollupColumn = (typeof ROLLUP_COLUMNS)[number];

export interface Rollup {
  /** Bucket start times (ms), ascending; empty buckets are absent. */
  readonly t: Float64Array;
  readonly columns: Record<RollupColumn, Float64Array>;
}

/**
 * Downsamples one series' samples into buckets of `res` ms. Stale markers
 * are skipped, as *_over_time functions skip them. `increase` is the
 * counter increase ending in the bucket with resets handled like rate():
 * a drop counts the new value as the increase since the reset. It includes
 * the step from the previous bucket's last sample, so summing `increase`
 * over buckets equals increase() over the whole span (within one window:
 * the step into a window's first bucket from the window before is not counted).
 */
export function computeRollup(t: Float64Array, v: Float64Array, res: number): Rollup {
  const bt: number[] = [];
  const cols: Record<RollupColumn, number[]> = { count: [], sum: [], min: [], max: [], first: [], last: [], increase: [] };
  let bucket = -1;
  let prev = NaN;
  let b = -1;
  for (let i = 0; i < t.length; i++) {
    const x = v[i]!;
    if (isStaleNaN(x)) continue;
    const k = Math.floor(t[i]! / res);
    if (k !== bucket) {
      bucket = k;
      b++;
      bt.push(k * res);
      cols.count.push(0);
      cols.sum.push(0);
      cols.min.push(Infinity);
      cols.max.push(-Infinity);
      cols.first.push(x);
      cols.last.push(x);
      cols.increase.push(0);
    }
    cols.count[b]!++;
    cols.sum[b]! += x;
    if (x < cols.min[b]!) cols.min[b] = x;
    if (x > cols.max[b]!) cols.max[b] = x;
    cols.last[b] = x;
    if (!Number.isNaN(prev)) cols.increase[b]! += x >= prev ? x - prev : x;
    prev = x;
  }
  const columns = {} as Record<RollupColumn, Float64Array>;
  for (const c of ROLLUP_COLUMNS) columns[c] = Float64Array.from(cols[c]);
  return { t: Float64Array.from(bt), columns };
}

/**
 * Columns the decoder can rebuild from others, and how. For counters
 * (no drop within a bucket) min is first and max is last, and without resets
 * increase is the step between consecutive lasts; such columns are not stored.
 */
const DERIVED: Partial<Record<RollupColumn, (c: Record<RollupColumn, Float64Array>, b: number) => number>> = {
  min: (c, b) => c.first[b]!,
  max: (c, b) => c.last[b]!,
  increase: (c, b) => c.last[b]! - (b === 0 ? c.first[0]! : c.last[b - 1]!),
};

/**
 * Stored form: `nBuckets uvarint, stored-columns bitmask uvarint`, then the
 * count column as a chunk over the bucket start times, then every other
 * stored column as a chunk over the bucket indexes 0..n-1 (regular, so its
 * timestamps cost two bytes).
 */
export function encodeRollup(r: Rollup): Uint8Array {
  const w = new ByteWriter(256);
  const n = r.t.length;
  w.uvarint(n);
  if (n === 0) return w.result();
  let mask = 0;
  ROLLUP_COLUMNS.forEach((c, i) => {
    const derive = DERIVED[c];
    if (derive) {
      const col = r.columns[c];
      let same = true;
      for (let b = 0; b < n && same; b++) if (!Object.is(derive(r.columns, b), col[b])) same = false;
      if (same) return;
    }
    mask |= 1 << i;
  });
  w.uvarint(mask);
  const idx = Float64Array.from({ length: n }, (_, i) => i);
  ROLLUP_COLUMNS.forEach((c, i) => {
    if (c !== 'count' && (mask & (1 << i)) === 0) return;
    const chunk = c === 'count' ? encodeBest(r.t, r.columns.count, 0, n) : encodeBest(idx, r.columns[c], 0, n);
    w.uvarint(chunk.length);
    w.bytes(chunk);
  });
  return w.result();
}

export function decodeRollup(b: Uint8Array): Rollup {
  const r = new ByteReader(b);
  const n = r.uvarint();
  const columns = {} as Record<RollupColumn, Float64Array>;
  if (n === 0) {
    for (const c of ROLLUP_COLUMNS) columns[c] = new Float64Array(0);
    return { t: new Float64Array(0), columns };
  }
  const mask = r.uvarint();
  let t: Float64Array = new Float64Array(0);
  ROLLUP_COLUMNS.forEach((c, i) => {
    if (c !== 'count' && (mask & (1 << i)) === 0) return;
    const len = r.uvarint();
    const d = decodeChunk(b.subarray(r.pos, r.pos + len));
    r.pos += len;
    if (c === 'count') t = d.t;
    columns[c] = d.v;
  });
  // Derived columns, in dependency order (they only read stored ones).
  for (const c of ROLLUP_COLUMNS) {
    const derive = DERIVED[c];
    if (columns[c] || !derive) continue;
    const col = new Float64Array(n);
    for (let k = 0; k < n; k++) col[k] = derive(columns, k);
    columns[c] = col;
  }
  return { t, columns };
}
