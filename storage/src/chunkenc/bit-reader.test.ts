import { describe, expect, it } from 'vitest';
import { BitReader } from './bit-reader.js';
import { BitWriter } from './bit-writer.js';
import { ChunkDecodeError } from './errors.js';

describe('BitReader', () => {
  it('reads back fields of every width 0..32 at every bit offset, up to the last bit', () => {
    // A deterministic mix of widths and values, so fields start at all 8 offsets and
    // the last ones sit in the final bytes (where the reader cannot load a whole word).
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed;
    };
    const fields: [number, number][] = [];
    const w = new BitWriter(16);
    for (let k = 0; k < 5000; k++) {
      const n = rand() % 33;
      const v = n === 0 ? 0 : n === 32 ? rand() : rand() % 2 ** n;
      fields.push([v, n]);
      w.writeBits(v, n);
    }
    const r = new BitReader(w.bytes());
    for (const [v, n] of fields) expect(r.readBits(n)).toBe(v);
  });

  it('refuses to read past the end', () => {
    const w = new BitWriter(4);
    w.writeBits(0xabc, 12);
    const r = new BitReader(w.bytes());
    expect(r.readBits(12)).toBe(0xabc);
    expect(r.readBits(4)).toBe(0);
    expect(() => r.readBits(1)).toThrow(ChunkDecodeError);
  });
});
