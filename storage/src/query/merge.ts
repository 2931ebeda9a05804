import { ChunkDecodeError, chunkSampleCount, decodeChunkInto } from '../chunkenc/index.js';

/** A piece of one series: chunk bytes or decoded samples, with its write order. */
export interface Piece {
  readonly bytes: Uint8Array | null;
  readonly t: Float64Array | null;
  readonly v: Float64Array | null;
  readonly seq: number;
  readonly mint: number;
  readonly maxt: number;
}

export interface Samples {
  readonly t: Float64Array;
  readonly v: Float64Array;
}

/**
 * Merges the pieces of one series into time order within [start, end]. When
 * pieces overlap (out-of-order writes, backfill, replays), their sorted runs
 * are merged by time and, among equal timestamps, the piece written last
 * (highest seq) wins. The common case, pieces that follow each other, is a plain copy.
 * Throws the chunk's decode error; the caller names the series.
 */
export function mergePieces(pieces: readonly Piece[], start: number, end: number): Samples {
  const sorted = pieces.length > 1 ? pieces.slice().sort((a, b) => a.mint - b.mint || a.seq - b.seq) : pieces;
  let total = 0;
  let overlapping = false;
  let prevMax = -Infinity;
  for (const p of sorted) {
    total += p.bytes ? guarded(p, () => chunkSampleCount(p.bytes!)) : p.t!.length;
    if (p.mint <= prevMax) overlapping = true;
    if (p.maxt > prevMax) prevMax = p.maxt;
  }
  const t = new Float64Array(total);
  const v = new Float64Array(total);
  // Where each piece's samples landed, for the merge when pieces overlap.
  const bounds = overlapping ? new Int32Array(sorted.length + 1) : null;
  let n = 0;
  for (let k = 0; k < sorted.length; k++) {
    const p = sorted[k]!;
    if (p.bytes) n += guarded(p, () => decodeChunkInto(p.bytes!, t, v, n));
    else {
      t.set(p.t!, n);
      v.set(p.v!, n);
      n += p.t!.length;
    }
    if (bounds) bounds[k + 1] = n;
  }
  if (bounds) return clip(mergeRuns(t, v, bounds, sorted, n), start, end);
  return clip({ t: t.subarray(0, n), v: v.subarray(0, n) }, start, end);
}

/**
 * Merges the sorted runs [bounds[k], bounds[k+1]) of t/v (one per piece) in
 * time order. Where runs share a timestamp, the piece written last (highest
 * seq) wins. Each step scans the runs' heads: pieces per series are few.
 */
function mergeRuns(t: Float64Array, v: Float64Array, bounds: Int32Array, pieces: readonly Piece[], n: number): Samples {
  const k = pieces.length;
  const pos = bounds.slice(0, k);
  const ot = new Float64Array(n);
  const ov = new Float64Array(n);
  let m = 0;
  for (;;) {
    let best = -1;
    let bt = Infinity;
    let bseq = -Infinity;
    for (let r = 0; r < k; r++) {
      const i = pos[r]!;
      if (i >= bounds[r + 1]!) continue;
      const x = t[i]!;
      if (x < bt || (x === bt && pieces[r]!.seq >= bseq)) {
        best = r;
        bt = x;
        bseq = pieces[r]!.seq;
      }
    }
    if (best < 0) break;
    // Step every run past this timestamp: the others' samples at bt were overwritten,
    // and within the winning run the last of equal timestamps wins.
    for (let r = 0; r < k; r++) {
      let i = pos[r]!;
      const to = bounds[r + 1]!;
      while (i < to && t[i]! <= bt) i++;
      pos[r] = i;
    }
    ot[m] = bt;
    ov[m] = v[pos[best]! - 1]!;
    m++;
  }
  return { t: ot.subarray(0, m), v: ov.subarray(0, m) };
}

function lowerBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function clip(s: Samples, start: number, end: number): Samples {
  const a = lowerBound(s.t, start);
  const b = lowerBound(s.t, end + 1);
  if (a === 0 && b === s.t.length) return s;
  return { t: s.t.subarray(a, b), v: s.v.subarray(a, b) };
}

function formatTime(t: number): string {
  return Number.isFinite(t) && Math.abs(t) < 8.64e15 ? new Date(t).toISOString() : String(t);
}

/** Runs a decode step, naming the chunk's time range when it fails. */
function guarded<T>(p: Piece, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new ChunkDecodeError(`chunk ${formatTime(p.mint)}..${formatTime(p.maxt)}: ${(err as Error).message}`);
  }
}
