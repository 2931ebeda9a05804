import { describe, expect, it } from 'vitest';
import { MemoryQueryable } from '../testing/memory-queryable.js';
import { Engine } from './engine.js';
import { STALE_NAN } from './stale.js';
import { PromQLCanceledError, PromQLTooManySamplesError } from '../errors.js';

const l = (rec: Record<string, string>) => Object.entries(rec).map(([name, value]) => ({ name, value }));

function setup(): { store: MemoryQueryable; engine: Engine } {
  const store = new MemoryQueryable();
  for (let t = 0; t <= 600_000; t += 60_000) store.add(l({ __name__: 'c_total', job: 'a' }), t, t / 1000);
  return { store, engine: new Engine(store) };
}

describe('Engine', () => {
  it('extrapolates rate like Prometheus', async () => {
    const { engine } = setup();
    const r = await engine.instantQuery('rate(c_total[5m])', 600_000);
    expect(r.data).toEqual({ resultType: 'vector', result: [{ metric: l({ job: 'a' }), t: 600_000, f: 1 }] });
  });

  it('looks back 5 minutes by default and honours a configured lookback', async () => {
    const { store } = setup();
    expect((await new Engine(store).instantQuery('c_total', 899_999)).data.result).toHaveLength(1);
    expect((await new Engine(store).instantQuery('c_total', 900_000)).data.result).toHaveLength(0);
    expect((await new Engine(store, { lookbackDelta: 60_000 }).instantQuery('c_total', 700_000)).data.result).toHaveLength(0);
  });

  it('ends a series at a stale marker', async () => {
    const { store, engine } = setup();
    store.add(l({ __name__: 'c_total', job: 'a' }), 630_000, STALE_NAN);
    expect((await engine.instantQuery('c_total', 620_000)).data.result).toHaveLength(1);
    expect((await engine.instantQuery('c_total', 640_000)).data.result).toHaveLength(0);
  });

  it('evaluates range queries step by step', async () => {
    const { engine } = setup();
    const r = await engine.rangeQuery('c_total * 2', 0, 120_000, 60_000);
    expect(r.data).toEqual({ resultType: 'matrix', result: [{ metric: l({ job: 'a' }), t: [0, 60_000, 120_000], f: [0, 120, 240] }] });
  });

  it('supports @ and offset', async () => {
    const { engine } = setup();
    const r = await engine.rangeQuery('c_total @ 300 offset 1m', 0, 120_000, 60_000);
    expect(r.data.resultType === 'matrix' && r.data.result[0]!.f).toEqual([240, 240, 240]);
  });

  it('evaluates subqueries on absolute step multiples', async () => {
    const { engine } = setup();
    const r = await engine.instantQuery('count_over_time(c_total[5m:1m])', 600_000);
    expect(r.data.resultType === 'vector' && r.data.result[0]!.f).toBe(5);
  });

  it('refuses duplicate label sets after dropping names', async () => {
    const { store, engine } = setup();
    store.add(l({ __name__: 'd_total', job: 'a' }), 600_000, 1);
    await expect(engine.instantQuery('abs({job="a"})', 600_000)).rejects.toThrow('vector cannot contain metrics with the same labelset');
  });

  it('enforces max samples', async () => {
    const { store } = setup();
    const engine = new Engine(store, { maxSamples: 3 });
    await expect(engine.instantQuery('c_total[10m]', 600_000)).rejects.toBeInstanceOf(PromQLTooManySamplesError);
  });

  it('reports many-to-many matching', async () => {
    const { store, engine } = setup();
    store.add(l({ __name__: 'x', job: 'a', i: '1' }), 600_000, 1);
    store.add(l({ __name__: 'x', job: 'a', i: '2' }), 600_000, 1);
    await expect(engine.instantQuery('c_total + on(job) x', 600_000)).rejects.toThrow(/many-to-many matching not allowed/);
  });

  it('stops a canceled query', async () => {
    const { engine } = setup();
    const ac = new AbortController();
    ac.abort();
    await expect(engine.rangeQuery('c_total', 0, 600_000, 1000, { signal: ac.signal })).rejects.toBeInstanceOf(PromQLCanceledError);
  });

  it('keeps only the current step of lazy values (sort warning, step functions)', async () => {
    const { engine } = setup();
    const r = await engine.rangeQuery('sort(c_total) + step() - step()', 0, 120_000, 60_000);
    expect(r.warnings[0]).toMatch(/^PromQL warning: sort is ineffective for range queries/);
    expect(r.data.resultType === 'matrix' && r.data.result[0]!.f).toEqual([0, 60, 120]);
  });
});

describe('limit_ratio', () => {
  it('splits series into complementary sets for r and r - 1', async () => {
    const store = new MemoryQueryable();
    for (let i = 0; i < 40; i++) store.add(l({ __name__: 'x', i: String(i) }), 0, i);
    const engine = new Engine(store);
    const count = async (q: string) => {
      const r = await engine.instantQuery(q, 0);
      return r.data.resultType === 'vector' ? (r.data.result[0]?.f ?? 0) : NaN;
    };
    expect(await count('count(limit_ratio(0.3, x) or limit_ratio(-0.7, x))')).toBe(40);
    expect(await count('count(limit_ratio(0.3, x) and limit_ratio(-0.7, x))')).toBe(0);
    expect(await count('count(limit_ratio(1, x))')).toBe(40);
    const half = await count('count(limit_ratio(0.5, x))');
    expect(half).toBeGreaterThan(10);
    expect(half).toBeLessThan(30);
  });
});

describe('max samples', () => {
  it('counts the samples of all windows of a step together', async () => {
    const store = new MemoryQueryable();
    for (let i = 0; i < 3; i++) for (let t = 0; t <= 60_000; t += 15_000) store.add(l({ __name__: 'x', i: String(i) }), t, t);
    // Each window holds 4 samples; the three together hold 12.
    await expect(new Engine(store, { maxSamples: 10 }).instantQuery('rate(x[1m])', 60_000)).rejects.toBeInstanceOf(PromQLTooManySamplesError);
    await expect(new Engine(store, { maxSamples: 12 }).instantQuery('rate(x[1m])', 60_000)).resolves.toBeDefined();
  });
});

describe('subquery size', () => {
  it('refuses a subquery with too many steps before building it', async () => {
    const store = new MemoryQueryable();
    store.add(l({ __name__: 'x' }), 0, 1);
    await expect(new Engine(store).instantQuery('max_over_time(x[1y:1ms])', 0)).rejects.toBeInstanceOf(PromQLTooManySamplesError);
  });
});
