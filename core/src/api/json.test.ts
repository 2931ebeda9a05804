import { describe, expect, it } from 'vitest';
import { formatGoFloat } from '../promql/index.js';
import { valueJson } from './json.js';

describe('valueJson', () => {
  it('writes every value as formatGoFloat does', () => {
    const values = [0, -0, NaN, Infinity, -Infinity, 1, -1, 0.1, 1e-6, 9.99e-7, 1e-7, 1e20, 1e21, 1.5e21, 123456789.125, -0.000123, 2 ** 53, 5e-324, Number.MAX_VALUE];
    let x = 1;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      values.push((x / 2147483648 - 0.5) * 10 ** ((i % 60) - 30));
    }
    for (const v of values) expect(valueJson(v)).toBe(`"${formatGoFloat(v)}"`);
  });
});
