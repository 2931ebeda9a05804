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

/** Mask bit: `increase` is neither stored nor derivable (the series dropped more than once: not a counter). */
const NO_INCREASE = 1 << 7;
/** Mask bit: each stored column is its own chunk (else all share one). */
const SEPARATE_CHUNKS = 1 << 8;

function dropsIn(r: Rollup): number {
  let drops = 0;
  const { first, last, min, max } = r.columns;
  for (let b = 0; b < r.t.length; b++) {
    if (min[b]! < first[b]! || max[b]! > last[b]!) drops++; // a drop inside the bucket
    if (b > 0 && first[b]! < last[b - 1]!) drops++;
  }
  return drops;
}

/**
 * Stored form (one series, one window, one resolution `res`):
 *
 *   nBuckets uvarint | mask uvarint | first bucket index uvarint (t / res)
 *   | regular u8 (1: buckets are consecutive) | gaps uvarint × (n-1) when not regular
 *   | chunk length uvarint | one chunk holding the stored columns one after another
 *     (or, with SEPARATE_CHUNKS, per stored column: chunk length uvarint | chunk)
 *
 * Bit i of the mask says column ROLLUP_COLUMNS[i] is stored; a missing one
 * is derived (see DERIVED). The encoder keeps the smaller layout: one chunk
 * for all columns pays one header (best for few buckets, e.g. 1h), one
 * chunk per column lets each pick its own encoding (best for many).
 * For a series that drops more than once in the window (a gauge, not a
 * counter) `increase` means nothing and is left out: NO_INCREASE is set and
 * readers get NaN there, so rate() over such data must read raw samples.
 */
export function encodeRollup(r: Rollup, res: number): Uint8Array {
  const n = r.t.length;
  if (n === 0) return new Uint8Array([0]);
  let mask = 0;
  const notCounter = dropsIn(r) > 1;
  ROLLUP_COLUMNS.forEach((c, i) => {
    if (c === 'increase' && notCounter) return;
    const derive = DERIVED[c];
    if (derive) {
      const col = r.columns[c];
      let same = true;
      for (let b = 0; b < n && same; b++) if (!Object.is(derive(r.columns, b), col[b])) same = false;
      if (same) return;
    }
    mask |= 1 << i;
  });
  if (notCounter) mask |= NO_INCREASE;
  const stored = ROLLUP_COLUMNS.filter((_c, i) => (mask & (1 << i)) !== 0);
  const flat = new Float64Array(stored.length * n);
  stored.forEach((c, k) => flat.set(r.columns[c], k * n));
  const idx = Float64Array.from({ length: flat.length }, (_, i) => i);
  const shared = encodeBest(idx, flat, 0, flat.length);
  const separate = stored.map((c) => encodeBest(idx, r.columns[c], 0, n));
  const separateBytes = separate.reduce((sum, c) => sum + c.length + 2, 0);
  const out = new ByteWriter(Math.min(shared.length, separateBytes) + 16 + n);
  const useSeparate = separateBytes < shared.length + 2;
  writeHeader(out, n, useSeparate ? mask | SEPARATE_CHUNKS : mask, r.t, res);
  if (useSeparate) {
    for (const c of separate) {
      out.uvarint(c.length);
      out.bytes(c);
    }
  } else {
    out.uvarint(shared.length);
    out.bytes(shared);
  }
  return out.result();
}

function writeHeader(w: ByteWriter, n: number, mask: number, t: Float64Array, res: number): void {
  w.uvarint(n);
  w.uvarint(mask);
  w.uvarint(Math.round(t[0]! / res));
  let regular = true;
  for (let b = 1; b < n; b++) if (t[b]! - t[b - 1]! !== res) regular = false;
  w.uvarint(regular ? 1 : 0);
  if (!regular) for (let b = 1; b < n; b++) w.uvarint(Math.round((t[b]! - t[b - 1]!) / res));
}

export function decodeRollup(b: Uint8Array, res: number): Rollup {
  const r = new ByteReader(b);
  const n = r.uvarint();
  const columns = {} as Record<RollupColumn, Float64Array>;
  if (n === 0) {
    for (const c of ROLLUP_COLUMNS) columns[c] = new Float64Array(0);
    return { t: new Float64Array(0), columns };
  }
  const mask = r.uvarint();
  const t = new Float64Array(n);
  t[0] = r.uvarint() * res;
  const regular = r.uvarint() === 1;
  for (let i = 1; i < n; i++) t[i] = t[i - 1]! + (regular ? 1 : r.uvarint()) * res;
  const chunkAt = (): Float64Array => {
    const len = r.uvarint();
    const v = decodeChunk(b.subarray(r.pos, r.pos + len)).v;
    r.pos += len;
    return v;
  };
  const flat = mask & SEPARATE_CHUNKS ? null : chunkAt();
  let k = 0;
  ROLLUP_COLUMNS.forEach((c, i) => {
    if ((mask & (1 << i)) === 0) return;
    columns[c] = flat ? flat.slice(k * n, (k + 1) * n) : chunkAt();
    k++;
  });
  if (mask & NO_INCREASE) columns.increase = new Float64Array(n).fill(NaN);
  // Derived columns, in dependency order (they only read stored ones).
  for (const c of ROLLUP_COLUMNS) {
    const derive = DERIVED[c];
    if (columns[c] || !derive) continue;
    const col = new Float64Array(n);
    for (let x = 0; x < n; x++) col[x] = derive(columns, x);
    columns[c] = col;
  }
  return { t, columns };
}
