import { describe, expect, it } from 'vitest';
import { SampleArena } from './sample-arena.js';

describe('SampleArena', () => {
  it('hands out disjoint buffers of the asked size', () => {
    const a = new SampleArena();
    const bufs = Array.from({ length: 2000 }, (_, i) => a.take(100 + (i % 7)));
    bufs.forEach((b, i) => b.fill(i));
    bufs.forEach((b, i) => {
      expect(b.length).toBe(100 + (i % 7));
      expect(b.every((x) => x === i)).toBe(true);
    });
  });

  it('gives large requests their own array', () => {
    const a = new SampleArena();
    const big = a.take(1 << 16);
    expect(big.length).toBe(1 << 16);
    expect(big.byteOffset).toBe(0);
  });
});
