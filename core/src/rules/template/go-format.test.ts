import { describe, expect, it } from 'vitest';
import { formatE, formatF, formatG } from './go-format.js';

describe('formatG', () => {
  it.each([
    [1234567, 4, '1.235e+06'],
    [1.5, 4, '1.5'],
    [1000000, 4, '1e+06'],
    [100000, 4, '1e+05'],
    [1234, 4, '1234'],
    [123, 4, '123'],
    [0.0001234, 4, '0.0001234'],
    [0.00001234, 4, '1.234e-05'],
    [12.345678, 4, '12.35'],
    [0, 4, '0'],
    [NaN, 4, 'NaN'],
    [Infinity, 4, '+Inf'],
    [-Infinity, 4, '-Inf'],
    [-2.5, 4, '-2.5'],
  ])('%%.%1$sg of %s', (v, p, want) => {
    expect(formatG(v, p)).toBe(want);
  });

  it.each([
    [1000000, '1e+06'],
    [100000, '100000'],
    [123456789, '1.23456789e+08'],
    [0.5, '0.5'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1, '1'],
    [3.14159, '3.14159'],
  ])('shortest %%g of %s', (v, want) => {
    expect(formatG(v)).toBe(want);
  });
});

describe('formatE and formatF', () => {
  it('prints shortest %e like strconv', () => {
    expect(formatE(1)).toBe('1e+00');
    expect(formatE(0.5)).toBe('5e-01');
    expect(formatE(1234.5)).toBe('1.2345e+03');
    expect(formatE(1e100)).toBe('1e+100');
    expect(formatE(NaN)).toBe('NaN');
  });
  it('prints %f with a precision', () => {
    expect(formatF(1.005, 2)).toBe((1.005).toFixed(2));
    expect(formatF(2)).toBe('2.000000');
    expect(formatF(Infinity)).toBe('+Inf');
  });
});

describe('ties round to even like Go', () => {
  it.each([
    [() => formatF(2.25, 1), '2.2'],
    [() => formatF(2.35, 1), (2.35).toFixed(1)],
    [() => formatF(0.5, 0), '0'],
    [() => formatF(1.5, 0), '2'],
    [() => formatF(-2.25, 1), '-2.2'],
    [() => formatG(12.25, 3), '12.2'],
    [() => formatG(1.125, 3), '1.12'],
    [() => formatE(1.25, 1), '1.2e+00'],
    [() => formatE(1.35, 1), '1.4e+00'],
  ])('case %#', (f, want) => expect(f()).toBe(want));
});
