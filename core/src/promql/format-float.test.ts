import { describe, expect, it } from 'vitest';
import { formatGoFloat } from './format-float.js';

describe('formatGoFloat', () => {
  it.each([
    [1, 'auto', '1'], [0.5, 'auto', '0.5'], [1e-7, 'auto', '1e-07'], [1e-6, 'auto', '0.000001'],
    [1e21, 'auto', '1e+21'], [1e20, 'auto', '100000000000000000000'], [NaN, 'auto', 'NaN'],
    [Infinity, 'auto', '+Inf'], [-Infinity, 'auto', '-Inf'], [-2.5, 'auto', '-2.5'], [0, 'auto', '0'],
    [123456789.125, 'f', '123456789.125'], [1.5e-10, 'f', '0.00000000015'], [1, 'e', '1e+00'], [1234.5, 'e', '1.2345e+03'],
  ] as const)('%s as %s → %s', (v, fmt, want) => {
    expect(formatGoFloat(v, fmt)).toBe(want);
  });
});
