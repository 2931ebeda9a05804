import { describe, expect, it } from 'vitest';
import { xxhash64 } from './xxhash64.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('xxhash64', () => {
  it.each([
    ['', 0xef46db3751d8e999n],
    ['a', 0xd24ec4f1a98c6e5bn],
    ['abc', 0x44bc2cf5ad770999n],
    ['Nobody inspects the spammish repetition', 0xfbcea83c8a378bf1n],
    ['as', 0x1c330fb2d66be179n],
    ['asd', 0x631c37ce72a97393n],
    ['asdf', 0x415872f599cea71en],
    ['Call me Ishmael. Some years ago--never mind how long precisely-', 0x02a2e85470d6fd96n],
  ])('hashes %j', (s, want) => {
    expect(xxhash64(enc(s))).toBe(want);
  });
});
