import { describe, expect, it } from 'vitest';
import { encodeXor } from '../chunkenc/index.js';
import { ChunkListIterator, piecesDisjoint } from './chunk-list-iterator.js';
import type { Piece } from './merge.js';

/** A chunk piece of samples at t = from..to-1 (step 10), value t/10. */
function chunk(from: number, to: number, seq = 0): Piece {
  const ts: number[] = [];
  const vs: number[] = [];
  for (let t = from; t < to; t += 10) {
    ts.push(t);
    vs.push(t / 10);
  }
  return { bytes: encodeXor(ts, vs, 0, ts.length), t: null, v: null, seq, mint: ts[0]!, maxt: ts[ts.length - 1]! };
}

function decoded(from: number, to: number): Piece {
  const ts: number[] = [];
  for (let t = from; t < to; t += 10) ts.push(t);
  return { bytes: null, t: Float64Array.from(ts), v: Float64Array.from(ts, (t) => t / 10), seq: 9, mint: ts[0]!, maxt: ts[ts.length - 1]! };
}

const fail = (e: Error): Error => e;

function all(it: ChunkListIterator): number[] {
  const out: number[] = [];
  while (it.next()) out.push(it.at());
  return out;
}

describe('ChunkListIterator', () => {
  const pieces = [chunk(0, 1000), chunk(1000, 3000), decoded(3000, 3500)];

  it('walks every piece in order, clipped to the range', () => {
    expect(all(new ChunkListIterator(pieces, 0, Infinity, fail))).toHaveLength(350);
    const clipped = all(new ChunkListIterator(pieces, 995, 3004, fail));
    expect(clipped[0]).toBe(1000);
    expect(clipped[clipped.length - 1]).toBe(3000);
    expect(clipped).toHaveLength(201);
    expect(all(new ChunkListIterator(pieces, 1001, 1009, fail))).toEqual([]);
  });

  it('seeks forward across pieces, never backward', () => {
    const it = new ChunkListIterator(pieces, 0, Infinity, fail);
    expect(it.seek(2505)).toBe(true);
    expect(it.at()).toBe(2510);
    expect(it.value()).toBe(251);
    expect(it.seek(100)).toBe(true);
    expect(it.at()).toBe(2510);
    expect(it.next()).toBe(true);
    expect(it.at()).toBe(2520);
    expect(it.seek(3200)).toBe(true);
    expect(it.at()).toBe(3200);
    expect(it.seek(3491)).toBe(false);
    expect(it.next()).toBe(false);
  });

  it('seek before next lands on the first sample at or after t, within the range', () => {
    const it = new ChunkListIterator(pieces, 500, 2000, fail);
    expect(it.seek(0)).toBe(true);
    expect(it.at()).toBe(500);
    expect(it.seek(2001)).toBe(false);
  });

  it('reports a damaged chunk through the error callback, naming its range', () => {
    const bad = chunk(0, 1000);
    const damaged: Piece = { ...bad, bytes: bad.bytes!.subarray(0, 10) };
    const it = new ChunkListIterator([damaged], 0, Infinity, (e) => new Error(`wrapped: ${e.message}`));
    expect(() => it.next()).toThrow(/^wrapped: chunk 1970-01-01T00:00:00.000Z\.\.1970-01-01T00:00:00.990Z: /);
  });

  it('tells disjoint pieces from overlapping ones', () => {
    expect(piecesDisjoint(pieces)).toBe(true);
    expect(piecesDisjoint([chunk(0, 1000), chunk(990, 2000)])).toBe(false);
  });
});

describe('ChunkListIterator with an arena', () => {
  it('reads the same samples from buffers cut out of one block', async () => {
    const { SampleArena } = await import('./sample-arena.js');
    const arena = new SampleArena();
    const pieces = [chunk(0, 1000), chunk(1000, 3000), decoded(3000, 3500)];
    const a = new ChunkListIterator(pieces, 0, Infinity, fail, (n) => arena.take(n));
    const b = new ChunkListIterator(pieces, 0, Infinity, fail, (n) => arena.take(n));
    const seen: [number, number][] = [];
    // interleaved, so a shared buffer would show
    while (a.next() && b.next()) seen.push([a.at() - b.at(), a.value() - b.value()]);
    expect(seen).toHaveLength(350);
    expect(seen.every(([dt, dv]) => dt === 0 && dv === 0)).toBe(true);
  });
});
