import type { Labels, LabelMatcher, Querier, Queryable, SampleIterator, SelectHints, Series } from '@panoptes/storage';
import { compareLabels, getLabel, labelsKey } from '../engine/labels.js';
import { compileMatcherRegex } from '../parser/regex.js';

interface StoredSeries {
  labels: Labels;
  t: number[];
  v: Float64Array;
  n: number;
}

/** Does the matcher accept this value? A missing label is the empty string. */
export function matches(m: LabelMatcher, value: string): boolean {
  switch (m.type) {
    case '=': return value === m.value;
    case '!=': return value !== m.value;
    case '=~': return compileMatcherRegex(m.value).test(value);
    case '!~': return !compileMatcherRegex(m.value).test(value);
  }
}

class MemoryIterator implements SampleIterator {
  private i: number;
  constructor(private readonly s: StoredSeries, private readonly lo: number, private readonly hi: number) {
    this.i = lo - 1;
  }
  next(): boolean {
    if (this.i < this.hi) this.i++;
    return this.i < this.hi;
  }
  seek(t: number): boolean {
    if (this.i < this.lo) this.i = this.lo;
    while (this.i < this.hi && this.s.t[this.i]! < t) this.i++;
    return this.i < this.hi;
  }
  at(): number {
    return this.s.t[this.i]!;
  }
  value(): number {
    return this.s.v[this.i]!;
  }
}

function lowerBound(t: number[], n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * An in-memory Queryable for tests and the conformance runner. It keeps the
 * storage API's semantics: label sets sorted, samples in time order with the
 * last write winning, stale markers stored bit for bit (in a Float64Array),
 * a missing label matching as the empty string, and select results sorted
 * by labels and limited to the hinted time range.
 */
export class MemoryQueryable implements Queryable {
  private readonly series = new Map<string, StoredSeries>();

  /** Appends one sample; labels need not be sorted. */
  add(labels: Labels, t: number, v: number): void {
    const sorted = [...labels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const key = labelsKey(sorted);
    let s = this.series.get(key);
    if (!s) {
      s = { labels: sorted, t: [], v: new Float64Array(8), n: 0 };
      this.series.set(key, s);
    }
    const pos = lowerBound(s.t, s.n, t);
    if (pos < s.n && s.t[pos] === t) {
      s.v[pos] = v;
      return;
    }
    if (s.n === s.v.length) {
      const nv = new Float64Array(s.v.length * 2);
      nv.set(s.v);
      s.v = nv;
    }
    s.t.splice(pos, 0, t);
    s.v.copyWithin(pos + 1, pos, s.n);
    s.v[pos] = v;
    s.n++;
  }

  clear(): void {
    this.series.clear();
  }

  private matching(matchers: readonly LabelMatcher[] | undefined): StoredSeries[] {
    const out: StoredSeries[] = [];
    for (const s of this.series.values()) {
      if (!matchers || matchers.every((m) => matches(m, getLabel(s.labels, m.name)))) out.push(s);
    }
    return out.sort((a, b) => compareLabels(a.labels, b.labels));
  }

  async querier(mint: number, maxt: number): Promise<Querier> {
    void mint;
    void maxt;
    return {
      select: async (hints: SelectHints, matchers: readonly LabelMatcher[]): Promise<Series[]> => {
        return this.matching(matchers).flatMap((s) => {
          const lo = lowerBound(s.t, s.n, hints.start);
          const hi = lowerBound(s.t, s.n, hints.end + 1);
          if (lo >= hi) return [];
          return [{ labels: s.labels, iterator: () => new MemoryIterator(s, lo, hi) }];
        });
      },
      labelNames: async (matchers?: readonly LabelMatcher[]): Promise<string[]> => {
        const names = new Set<string>();
        for (const s of this.matching(matchers)) for (const l of s.labels) names.add(l.name);
        return [...names].sort();
      },
      labelValues: async (name: string, matchers?: readonly LabelMatcher[]): Promise<string[]> => {
        const values = new Set<string>();
        for (const s of this.matching(matchers)) {
          const v = getLabel(s.labels, name);
          if (v !== '') values.add(v);
        }
        return [...values].sort();
      },
      close: async (): Promise<void> => {},
    };
  }
}
