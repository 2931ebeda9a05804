import { describe, expect, it } from 'vitest';
import { decodeChunk, decodeChunkInto, encodeBest } from './chunk.js';
import { encodeDec } from './dec-chunk.js';
import { isStaleNaN, STALE_NAN } from './float-bits.js';
import { encodeXor, XorAppender } from './xor-chunk.js';

function bitsOf(v: number): bigint {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, v);
  return dv.getBigUint64(0);
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function expectSameBits(a: Float64Array, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(bitsOf(a[i]!)).toBe(bitsOf(b[i]!));
}

const start = 1_700_000_000_000;

const cases: Record<string, (i: number, r: () => number) => number> = {
  constant: () => 42,
  counter: (i) => i * 7 + 1000,
  decimals: (i, r) => Math.round((i * 1.5 + r() * 3) * 100) / 100,
  fullPrecision: (_i, r) => r() * 1e6,
  negativeAndZero: (i) => (i % 3 === 0 ? 0 : -i * 0.25),
  extremes: (i) => [Infinity, -Infinity, Number.MAX_VALUE, -0, 5e-324, NaN][i % 6]!,
  bigInts: (i) => 2 ** 49 - i * 12345,
};

describe('chunk encodings', () => {
  for (const [name, gen] of Object.entries(cases)) {
    it(`round-trips ${name} bit for bit (xor, dec and best)`, () => {
      const r = rng(7);
      const n = 300;
      const ts = new Float64Array(n);
      const vs = new Float64Array(n);
      let t = start;
      for (let i = 0; i < n; i++) {
        t += i % 10 === 0 ? 15_000 + Math.floor(r() * 40) : 15_000;
        ts[i] = t;
        vs[i] = gen(i, r);
      }
      const xor = decodeChunk(encodeXor(ts, vs, 0, n));
      expectSameBits(xor.t, ts);
      expectSameBits(xor.v, vs);
      const best = decodeChunk(encodeBest(ts, vs, 0, n));
      expectSameBits(best.t, ts);
      expectSameBits(best.v, vs);
      const dec = encodeDec(ts, vs, 0, n);
      if (dec !== null) {
        const d = decodeChunk(dec);
        expectSameBits(d.t, ts);
        expectSameBits(d.v, vs);
      }
    });
  }

  it('writes out only the samples at or after minT, for either encoding', () => {
    const n = 200;
    const ts = Float64Array.from({ length: n }, (_, i) => start + i * 15_000);
    const vs = Float64Array.from({ length: n }, (_, i) => i * 3 + 0.5 * (i % 2));
    const dec = encodeDec(ts, vs, 0, n);
    expect(dec).not.toBeNull();
    for (const bytes of [encodeXor(ts, vs, 0, n), dec!]) {
      for (const from of [0, 1, 57, n - 1, n]) {
        const outT = new Float64Array(n);
        const outV = new Float64Array(n);
        // minT between samples and exactly on one select the same samples.
        for (const minT of [from < n ? ts[from]! : ts[n - 1]! + 1, from > 0 ? ts[from - 1]! + 7_000 : ts[0]! - 7_000]) {
          const wrote = decodeChunkInto(bytes, outT, outV, 0, minT);
          expect(wrote).toBe(n - from);
          expectSameBits(outT.subarray(0, wrote), ts.subarray(from));
          expectSameBits(outV.subarray(0, wrote), vs.subarray(from));
        }
      }
    }
  });

  it('keeps the stale marker NaN apart from an ordinary NaN', () => {
    const a = new XorAppender();
    a.append(start, 1);
    a.append(start + 15_000, STALE_NAN);
    a.append(start + 30_000, NaN);
    a.append(start + 45_000, STALE_NAN);
    const { v } = decodeChunk(a.bytes());
    expect(bitsOf(v[1]!)).toBe(0x7ff0000000000002n);
    expect(isStaleNaN(v[1]!)).toBe(true);
    expect(isStaleNaN(v[2]!)).toBe(false);
    expect(Number.isNaN(v[2]!)).toBe(true);
    expect(isStaleNaN(v[3]!)).toBe(true);
  });

  it('compresses integer and constant series to well under a byte per sample', () => {
    const n = 480;
    const ts = Float64Array.from({ length: n }, (_, i) => start + i * 15_000);
    const constant = new Float64Array(n).fill(8_589_934_592);
    const r = rng(3);
    let c = 1e9;
    const counter = Float64Array.from({ length: n }, () => (c += Math.floor(r() * 4)));
    expect(encodeBest(ts, constant, 0, n).length / n).toBeLessThan(0.1);
    expect(encodeBest(ts, counter, 0, n).length / n).toBeLessThan(0.5);
    const sectors = Float64Array.from({ length: n }, (_, i) => 1e6 + 512 * Math.floor(i * 1.3));
    expect(encodeBest(ts, sectors, 0, n).length / n).toBeLessThan(0.5);
  });

  it('rejects a truncated chunk with a decode error', () => {
    const ts = Float64Array.from({ length: 50 }, (_, i) => start + i * 1000);
    const vs = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i));
    const bytes = encodeXor(ts, vs, 0, 50);
    expect(() => decodeChunk(bytes.subarray(0, bytes.length - 20))).toThrow(/ends early/);
  });
});
