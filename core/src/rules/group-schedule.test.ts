import { describe, expect, it } from 'vitest';
import { alignedEvalTime } from './group-schedule.js';

describe('alignedEvalTime', () => {
  it('returns the latest base + offset not after now', () => {
    expect(alignedEvalTime(65_000, 60_000, 7_000)).toBe(7_000);
    expect(alignedEvalTime(66_999, 60_000, 7_000)).toBe(7_000);
    expect(alignedEvalTime(67_000, 60_000, 7_000)).toBe(67_000);
    expect(alignedEvalTime(3_000, 60_000, 7_000)).toBe(-53_000);
  });
});
