import { describe, expect, it } from 'vitest';
import { MemoryQueryable } from './memory-queryable.js';

const l = (rec: Record<string, string>) => Object.entries(rec).map(([name, value]) => ({ name, value }));

describe('MemoryQueryable', () => {
  it('treats a missing label as the empty string and sorts results by labels', async () => {
    const m = new MemoryQueryable();
    m.add(l({ __name__: 'x', b: '2' }), 0, 1);
    m.add(l({ __name__: 'x', a: '1' }), 0, 1);
    m.add(l({ __name__: 'x' }), 0, 1);
    const q = await m.querier(0, 10);
    const s = await q.select({ start: 0, end: 10 }, [{ type: '=', name: '__name__', value: 'x' }, { type: '=', name: 'a', value: '' }]);
    expect(s.map((x) => x.labels)).toEqual([l({ __name__: 'x' }), l({ __name__: 'x', b: '2' })]);
    expect(await q.labelNames()).toEqual(['__name__', 'a', 'b']);
    expect(await q.labelValues('a')).toEqual(['1']);
  });

  it('keeps the last write for a timestamp and limits iterators to the hinted range', async () => {
    const m = new MemoryQueryable();
    for (const t of [30, 10, 20, 20]) m.add(l({ __name__: 'x' }), t, t);
    m.add(l({ __name__: 'x' }), 20, 99);
    const [s] = await (await m.querier(0, 100)).select({ start: 15, end: 25 }, [{ type: '=', name: '__name__', value: 'x' }]);
    const it = s!.iterator();
    const got: [number, number][] = [];
    while (it.next()) got.push([it.at(), it.value()]);
    expect(got).toEqual([[20, 99]]);
  });
});
