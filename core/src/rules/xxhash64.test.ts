import { describe, expect, it } from 'vitest';
import { alignedEvalTime } from './group-schedule.js';
import { xxhash64 } from './xxhash64.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('xxhash64', () => {
  // Reference values of XXH64 with seed 0 (from the xxHash test vectors and cespare/xxhash).
  it.each([
    ['', 0xef46db3751d8e999n],
    ['a', 0xd24ec4f1a98c6e5bn],
    ['as', 0x1c330fb2d66be179n],
    ['asd', 0x631c37ce72a97393n],
    ['asdf', 0x415872f599cea71en],
    ['Call me Ishmael. Some years ago--never mind how long precisely-', 0x02a2e85470d6fd96n],
  ])('%j', (s, want) => expect(xxhash64(enc(s))).toBe(want));
});

describe('alignedEvalTime', () => {
  it('returns the latest base + offset not after now', () => {
    expect(alignedEvalTime(65_000, 60_000, 7_000)).toBe(7_000);
    expect(alignedEvalTime(66_999, 60_000, 7_000)).toBe(7_000);
    expect(alignedEvalTime(67_000, 60_000, 7_000)).toBe(67_000);
    expect(alignedEvalTime(3_000, 60_000, 7_000)).toBe(-53_000);
  });
});
