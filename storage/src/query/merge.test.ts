import { describe, expect, it } from 'vitest';
import { encodeXor } from '../chunkenc/index.js';
import { mergePieces, type Piece } from './merge.js';

/** A seeded pseudo-random generator, so failures reproduce. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

function piece(ts: number[], vs: number[], seq: number, asChunk: boolean): Piece {
  const t = Float64Array.from(ts);
  const v = Float64Array.from(vs);
  return asChunk
    ? { bytes: encodeXor(t, v, 0, t.length), t: null, v: null, seq, mint: ts[0]!, maxt: ts[ts.length - 1]! }
    : { bytes: null, t, v, seq, mint: ts[0]!, maxt: ts[ts.length - 1]! };
}

/** What merging means: time order, and for a timestamp the value of the highest seq. */
function naive(pieces: Piece[], written: Map<Piece, [number[], number[]]>, start: number, end: number): [number, number][] {
  const best = new Map<number, [number, number]>();
  for (const p of pieces) {
    const [ts, vs] = written.get(p)!;
    ts.forEach((t, i) => {
      const had = best.get(t);
      if (!had || had[0] <= p.seq) best.set(t, [p.seq, vs[i]!]);
    });
  }
  return [...best].filter(([t]) => t >= start && t <= end).sort((a, b) => a[0] - b[0]).map(([t, [, v]]) => [t, v]);
}

describe('mergePieces', () => {
  it('merges overlapping pieces in time order, the highest seq winning a shared timestamp', () => {
    const r = rng(7);
    for (let round = 0; round < 200; round++) {
      const pieces: Piece[] = [];
      const written = new Map<Piece, [number[], number[]]>();
      const count = 1 + Math.floor(r() * 5);
      for (let k = 0; k < count; k++) {
        const ts: number[] = [];
        let t = Math.floor(r() * 200);
        for (let i = 0, len = 1 + Math.floor(r() * 40); i < len; i++) {
          ts.push(t);
          t += 1 + Math.floor(r() * 10);
        }
        const vs = ts.map(() => Math.round(r() * 1000));
        const p = piece(ts, vs, k * 3 + Math.floor(r() * 3), r() < 0.5);
        pieces.push(p);
        written.set(p, [ts, vs]);
      }
      // distinct seqs, as the head hands out
      const seqs = new Set(pieces.map((p) => p.seq));
      if (seqs.size !== pieces.length) continue;
      const start = Math.floor(r() * 100);
      const end = start + Math.floor(r() * 400);
      const got = mergePieces(pieces, start, end);
      expect([...got.t].map((t, i) => [t, got.v[i]!])).toEqual(naive(pieces, written, start, end));
    }
  });
});
