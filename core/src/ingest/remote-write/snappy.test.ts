import { describe, expect, it } from 'vitest';
import SnappyJS from 'snappyjs';
import { SnappyScratch, snappyDecode } from './snappy.js';

function pseudoRandom(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('snappyDecode', () => {
  it.each([
    ['empty', new Uint8Array(0)],
    ['short text', Buffer.from('hello hello hello hello')],
    ['random', pseudoRandom(100_000, 7)],
    ['repetitive', Buffer.from('up{job="node",instance="a:9100"} '.repeat(5000))],
    ['long run', new Uint8Array(70_000).fill(7)],
  ])('decodes what snappyjs compresses: %s', (_name, input) => {
    const compressed = SnappyJS.compress(input);
    expect(Buffer.compare(snappyDecode(compressed, 0), Buffer.from(input))).toBe(0);
  });

  it('decodes into a reused scratch buffer, and past its size into a fresh one', () => {
    const scratch = new SnappyScratch(1000);
    const a = Buffer.from('a'.repeat(500) + 'xyz');
    const b = Buffer.from('hello world');
    expect(snappyDecode(SnappyJS.compress(a), 0, scratch).toString()).toBe(a.toString());
    expect(snappyDecode(SnappyJS.compress(b), 0, scratch).toString()).toBe('hello world');
    const big = pseudoRandom(5000, 3);
    expect(Buffer.compare(snappyDecode(SnappyJS.compress(big), 0, scratch), Buffer.from(big))).toBe(0);
  });

  it('refuses a bomb from its header without allocating', () => {
    // Header declares 4 GiB - 1; body is a few bytes.
    const bomb = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x41]);
    expect(() => snappyDecode(bomb, 64 * 1024 * 1024)).toThrow(/4294967295 bytes, over the limit of 67108864/);
  });

  it('rejects corrupt input with PNP_INGEST_SNAPPY_CORRUPT', () => {
    const good = SnappyJS.compress(Buffer.from('abcdabcdabcdabcdabcd'));
    for (const bad of [good.subarray(0, good.length - 2), Uint8Array.from([5, 0x01 | (1 << 2), 200]), Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80])]) {
      expect(() => snappyDecode(bad, 0)).toThrow(expect.objectContaining({ code: 'PNP_INGEST_SNAPPY_CORRUPT' }));
    }
  });

  it('rejects a stream-format body', () => {
    const framed = Buffer.concat([Buffer.from([0xff, 0x06, 0x00, 0x00]), Buffer.from('sNaPpY')]);
    expect(() => snappyDecode(framed, 1024)).toThrow(expect.objectContaining({ statusCode: 400 }));
  });
});
