import { describe, expect, it } from 'vitest';
import { needsNotification } from './dedup.js';

const set = (...xs: string[]) => new Set(xs);
const HOUR = 3600_000;

describe('needsNotification', () => {
  it.each([
    ['first with firing', undefined, set('a'), set(), true, true],
    ['first with only resolved', undefined, set(), set('a'), true, false],
    ['new firing alert', { firing: ['a'], resolved: [], timestamp: 0 }, set('a', 'b'), set(), true, true],
    ['fewer firing, send_resolved off', { firing: ['a', 'b'], resolved: [], timestamp: 0 }, set('a'), set('b'), false, false],
    ['fewer firing, send_resolved on', { firing: ['a', 'b'], resolved: [], timestamp: 0 }, set('a'), set('b'), true, true],
    ['all resolved, send_resolved off: still the all-clear', { firing: ['a'], resolved: [], timestamp: 0 }, set(), set('a'), false, true],
    ['unchanged before repeat', { firing: ['a'], resolved: [], timestamp: 0 }, set('a'), set(), true, false],
  ] as const)('%s', (_n, entry, firing, resolved, sendResolved, want) => {
    expect(needsNotification(entry, firing, resolved, sendResolved, HOUR, HOUR - 1).send).toBe(want);
  });

  it('repeats once repeat_interval has passed', () => {
    expect(needsNotification({ firing: ['a'], resolved: [], timestamp: 0 }, set('a'), set(), true, HOUR, HOUR).send).toBe(true);
  });
});
