import { describe, expect, it } from 'vitest';
import { decimateMinMax, type Point } from './decimate.js';

describe('decimateMinMax', () => {
  it('leaves small data alone', () => {
    const data: Point[] = [[0, 1], [1, 2]];
    expect(decimateMinMax(data, 10)).toBe(data);
  });

  it('keeps first, min, max and last of each bucket, in time order', () => {
    const data: Point[] = Array.from({ length: 100 }, (_, i) => [i, i === 13 ? 100 : i === 27 ? -100 : 0]);
    const out = decimateMinMax(data, 2, 0, 100);
    expect(out.length).toBeLessThanOrEqual(8);
    expect(out.map((p) => p[0])).toEqual([...out.map((p) => p[0])].sort((a, b) => a - b));
    expect(out).toContainEqual([13, 100]);
    expect(out).toContainEqual([27, -100]);
    expect(out[0]).toEqual([0, 0]);
    expect(out[out.length - 1]).toEqual([99, 0]);
  });

  it('keeps gaps where they are', () => {
    const data: Point[] = Array.from({ length: 1000 }, (_, i) => [i, i >= 500 && i < 510 ? null : Math.sin(i)]);
    const out = decimateMinMax(data, 10, 0, 1000);
    expect(out.filter((p) => p[1] === null)).toHaveLength(10);
    expect(out.length).toBeLessThan(100);
  });
});
