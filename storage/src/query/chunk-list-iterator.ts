import type { SampleIterator, SampleRun } from '../api.js';
import { ChunkDecodeError, chunkSampleCount, decodeChunkInto } from '../chunkenc/index.js';
import type { Piece } from './merge.js';

/**
 * Iterates pieces that follow each other in time (no overlap: the common
 * case of a series written in order), decoding one chunk at a time into
 * buffers it reuses, clipped to [start, end]. Unlike merging everything up
 * front, a query that stops early or seeks past chunks never decodes them,
 * and no array as long as the whole range is allocated.
 */
const EMPTY: Float64Array = new Float64Array(0);

export class ChunkListIterator implements SampleIterator {
  // Sized on the first load for the largest piece (see grow).
  private t: Float64Array = EMPTY;
  private v: Float64Array = EMPTY;
  /** Next piece to load. */
  private p = 0;
  /** First usable sample of the loaded piece, the current one, and the end of the usable samples. */
  private first = 0;
  private i = 0;
  private n = 0;
  private done = false;

  constructor(
    private readonly pieces: readonly Piece[],
    private readonly start: number,
    private readonly end: number,
    private readonly onError: (err: Error) => Error,
    /** Where decode buffers come from (an arena shared by a select's iterators). */
    private readonly alloc: (n: number) => Float64Array = (n) => new Float64Array(n),
  ) {}

  next(): boolean {
    if (this.done) return false;
    this.i++;
    while (this.i >= this.n) {
      if (!this.load()) return false;
    }
    return true;
  }

  seek(t: number): boolean {
    if (this.done) return false;
    // Nothing loaded yet (after next() a loaded piece always has a current sample).
    if (this.i >= this.n && !this.load()) return false;
    if (this.t[this.i]! >= t) return true;
    // Skip whole pieces that end before t without decoding them.
    while (this.t[this.n - 1]! < t) {
      while (this.p < this.pieces.length && this.pieces[this.p]!.maxt < t) this.p++;
      if (!this.load()) return false;
    }
    let lo = this.i;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.t[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    this.i = lo;
    return true;
  }

  at(): number {
    return this.t[this.i]!;
  }

  value(): number {
    return this.v[this.i]!;
  }

  private readonly view: SampleRun = { t: EMPTY, v: EMPTY, first: 0, i: 0, n: 0, more: true };

  run(): SampleRun {
    const r = this.view;
    r.t = this.t;
    r.v = this.v;
    r.first = this.first;
    r.i = this.i;
    r.n = this.n;
    // Pieces after p start after this one (they are disjoint and sorted); one starting past `end` holds nothing.
    r.more = this.p < this.pieces.length && this.pieces[this.p]!.mint <= this.end;
    return r;
  }

  /** Loads the next piece holding samples in range; false (and done) when none is left. */
  private load(): boolean {
    while (this.p < this.pieces.length) {
      const piece = this.pieces[this.p++]!;
      if (piece.mint > this.end) break;
      let count: number;
      if (piece.bytes) {
        try {
          count = chunkSampleCount(piece.bytes);
          if (count > this.t.length) this.grow(count);
          count = decodeChunkInto(piece.bytes, this.t, this.v, 0, this.start);
        } catch (err) {
          this.done = true;
          throw this.onError(new ChunkDecodeError(`chunk ${formatTime(piece.mint)}..${formatTime(piece.maxt)}: ${(err as Error).message}`));
        }
      } else {
        count = piece.t!.length;
        if (count > this.t.length) this.grow(count);
        this.t.set(piece.t!);
        this.v.set(piece.v!);
      }
      const from = piece.mint < this.start ? lowerBound(this.t, 0, count, this.start) : 0;
      const to = piece.maxt > this.end ? lowerBound(this.t, from, count, this.end + 1) : count;
      if (from >= to) continue;
      this.first = from;
      this.i = from;
      this.n = to;
      return true;
    }
    this.done = true;
    this.n = 0;
    this.i = 0;
    return false;
  }

  /** Sizes the buffers for the largest piece still to load, so they are allocated once. */
  private grow(count: number): void {
    let size = count;
    for (let k = this.p; k < this.pieces.length; k++) {
      const piece = this.pieces[k]!;
      const n = piece.bytes ? (piece.bytes.length >= 3 ? (piece.bytes[1]! << 8) | piece.bytes[2]! : 0) : piece.t!.length;
      if (n > size) size = n;
    }
    this.t = this.alloc(size);
    this.v = this.alloc(size);
  }
}

/** Whether pieces sorted by mint follow each other without overlapping. */
export function piecesDisjoint(sorted: readonly Piece[]): boolean {
  for (let k = 1; k < sorted.length; k++) if (sorted[k]!.mint <= sorted[k - 1]!.maxt) return false;
  return true;
}

function lowerBound(t: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function formatTime(t: number): string {
  return Number.isFinite(t) && Math.abs(t) < 8.64e15 ? new Date(t).toISOString() : String(t);
}
