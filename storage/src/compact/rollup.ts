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

/** Stored form: `nBuckets uvarint`, then per column `len uvarint, chunk` (each column a chunk over the bucket times). */
export function encodeRollup(r: Rollup): Uint8Array {
  const w = new ByteWriter(256);
  w.uvarint(r.t.length);
  if (r.t.length === 0) return w.result();
  for (const c of ROLLUP_COLUMNS) {
    const chunk = encodeBest(r.t, r.columns[c], 0, r.t.length);
    w.uvarint(chunk.length);
    w.bytes(chunk);
  }
  return w.result();
}

export function decodeRollup(b: Uint8Array): Rollup {
  const r = new ByteReader(b);
  const n = r.uvarint();
  const columns = {} as Record<RollupColumn, Float64Array>;
  let t: Float64Array = new Float64Array(0);
  for (const c of ROLLUP_COLUMNS) {
    if (n === 0) {
      columns[c] = new Float64Array(0);
      continue;
    }
    const len = r.uvarint();
    const d = decodeChunk(b.subarray(r.pos, r.pos + len));
    r.pos += len;
    t = d.t;
    columns[c] = d.v;
  }
  return { t, columns };
}
