import { describe, expect, it } from 'vitest';
import { ConcurrencyGate } from './concurrency-gate.js';

describe('ConcurrencyGate', () => {
  it('runs at most `limit` tasks at once, in arrival order', async () => {
    const gate = new ConcurrencyGate(() => 2);
    let peak = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const task = (n: number) =>
      gate.run(async () => {
        peak = Math.max(peak, gate.active);
        await new Promise<void>((r) => releases.push(r));
        order.push(n);
      });
    const all = [task(1), task(2), task(3), task(4)];
    while (order.length < 4) {
      await new Promise((r) => setImmediate(r));
      releases.shift()?.();
    }
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('does not limit with 0', async () => {
    const gate = new ConcurrencyGate(() => 0);
    const results = await Promise.all([1, 2, 3].map((n) => gate.run(async () => n)));
    expect(results).toEqual([1, 2, 3]);
  });
});
