import { describe, expect, it } from 'vitest';
import type { LabelMatcher } from '../api.js';
import { MemIndex } from './mem-index.js';
import { decodePostings, encodePostings, GrowablePostings, intersect, subtract, union, unionAll } from './postings.js';

const u = (...xs: number[]): Uint32Array => Uint32Array.from(xs);

describe('postings', () => {
  it('intersects, unites and subtracts sorted lists', () => {
    expect(Array.from(intersect(u(1, 3, 5, 7, 9), u(2, 3, 4, 9, 10)))).toEqual([3, 9]);
    expect(Array.from(union(u(1, 5), u(2, 5, 8)))).toEqual([1, 2, 5, 8]);
    expect(Array.from(unionAll([u(9), u(1, 4), u(4, 6), u()]))).toEqual([1, 4, 6, 9]);
    expect(Array.from(subtract(u(1, 2, 3, 4), u(2, 4, 6)))).toEqual([1, 3]);
  });

  it('round-trips the compressed form and grows in any insertion order', () => {
    const ids = u(1, 2, 3, 1000, 70000, 4294967295);
    expect(Array.from(decodePostings(encodePostings(ids)))).toEqual(Array.from(ids));
    expect(encodePostings(u(1, 2, 3, 4, 5, 6, 7, 8)).length).toBe(9);
    const g = new GrowablePostings();
    for (const id of [5, 1, 9, 3, 9, 7]) g.add(id);
    expect(Array.from(g.view())).toEqual([1, 3, 5, 7, 9]);
    g.remove(5);
    expect(Array.from(g.view())).toEqual([1, 3, 7, 9]);
  });
});

describe('index selectors', () => {
  const idx = new MemIndex();
  const series: Record<string, string>[] = [
    { __name__: 'up', job: 'node', env: 'prod' },
    { __name__: 'up', job: 'api', env: 'dev' },
    { __name__: 'up', job: 'node' },
    { __name__: 'cpu', job: 'node', env: 'prod', mode: 'idle' },
  ];
  series.forEach((o, i) =>
    idx.add(
      i + 1,
      Object.keys(o)
        .sort()
        .map((name) => ({ name, value: o[name]! })),
    ),
  );
  const cases: [string, LabelMatcher[], number[]][] = [
    ['=', [{ type: '=', name: '__name__', value: 'up' }], [1, 2, 3]],
    ['= and =', [{ type: '=', name: '__name__', value: 'up' }, { type: '=', name: 'job', value: 'node' }], [1, 3]],
    ['!= keeps series without the label', [{ type: '=', name: '__name__', value: 'up' }, { type: '!=', name: 'env', value: 'prod' }], [2, 3]],
    ['=~ alternation, anchored', [{ type: '=~', name: 'job', value: 'no|api' }], [2]],
    ['=~ .+', [{ type: '=~', name: 'env', value: '.+' }], [1, 2, 4]],
    ['!~', [{ type: '=', name: 'job', value: 'node' }, { type: '!~', name: '__name__', value: 'c.*' }], [1, 3]],
    ['="" selects series without the label', [{ type: '=', name: '__name__', value: 'up' }, { type: '=', name: 'env', value: '' }], [3]],
    ['=~ matching empty', [{ type: '=', name: 'job', value: 'node' }, { type: '=~', name: 'mode', value: 'idle|' }], [1, 3, 4]],
    ['no match', [{ type: '=', name: 'job', value: 'nope' }], []],
    ['unknown label with !=', [{ type: '=', name: '__name__', value: 'cpu' }, { type: '!=', name: 'zone', value: 'a' }], [4]],
  ];
  for (const [name, matchers, want] of cases) {
    it(name, () => {
      expect(Array.from(idx.select(matchers))).toEqual(want);
    });
  }

  it('lists label names and values from the postings', () => {
    expect(idx.labelNames()).toEqual(['__name__', 'env', 'job', 'mode']);
    expect(idx.labelValues('job')).toEqual(['api', 'node']);
  });
});
