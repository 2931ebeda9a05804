import { describe, expect, it } from 'vitest';
import { utf8Length, writeUtf8 } from './utf8.js';

describe('utf8', () => {
  it('matches TextEncoder for ASCII, multi-byte and surrogate pairs', () => {
    for (const s of ['', 'job', 'node_cpu_seconds_total', 'héllo', '日本語', 'a😀b', 'x\u0000y', 'mixed ascii then é']) {
      const want = new TextEncoder().encode(s);
      expect(utf8Length(s)).toBe(want.length);
      const out = new Uint8Array(want.length + 3);
      out[0] = 9;
      expect(writeUtf8(s, out, 1)).toBe(1 + want.length);
      expect(out.subarray(1, 1 + want.length)).toEqual(want);
      expect(out[0]).toBe(9);
    }
  });
});
