import type { Labels, LabelMatcher, Querier, Queryable, SampleIterator, SampleRun, SelectHints, Series } from '@panoptes/storage';
import { compareLabels, getLabel, labelsKey } from '../engine/labels.js';
import { compileMatcherRegex } from '../parser/regex.js';

interface StoredSeries {
  labels: Labels;
  t: Float64Array;
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

/** Iterates a snapshot of one series' arrays between two indices. */
class MemoryIterator implements SampleIterator {
  private i: number;
  constructor(
    private readonly ts: Float64Array,
    private readonly vs: Float64Array,
    private readonly lo: number,
    private readonly hi: number,
  ) {
    this.i = lo - 1;
  }
  next(): boolean {
    if (this.i < this.hi) this.i++;
    return this.i < this.hi;
  }
  seek(t: number): boolean {
    if (this.i < this.lo) this.i = this.lo;
    if (this.i < this.hi && this.ts[this.i]! < t) this.i = Math.max(this.i, lowerBound(this.ts, this.hi, t));
    return this.i < this.hi;
  }
  at(): number {
    return this.ts[this.i]!;
  }
  value(): number {
    return this.vs[this.i]!;
  }
  /** Runs of RUN_SAMPLES, so readers meet run ends as they meet chunk ends in the TSDB. */
  run(): SampleRun {
    const first = this.lo + Math.floor((this.i - this.lo) / RUN_SAMPLES) * RUN_SAMPLES;
    const end = first + RUN_SAMPLES;
    return { t: this.ts, v: this.vs, first, i: this.i, n: Math.min(this.hi, end), more: end < this.hi };
  }
}

/** Small on purpose: the conformance scripts have a few dozen samples per series. */
const RUN_SAMPLES = 8;

function lowerBound(t: Float64Array, n: number, x: number): number {
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
      s = { labels: sorted, t: new Float64Array(8), v: new Float64Array(8), n: 0 };
      this.series.set(key, s);
    }
    const pos = lowerBound(s.t, s.n, t);
    if (pos < s.n && s.t[pos] === t) {
      s.v[pos] = v;
      return;
    }
    if (s.n === s.v.length) {
      // Grow by copying: iterators already handed out keep the old arrays.
      const nt = new Float64Array(s.t.length * 2);
      const nv = new Float64Array(s.v.length * 2);
      nt.set(s.t);
      nv.set(s.v);
      s.t = nt;
      s.v = nv;
    }
    s.t.copyWithin(pos + 1, pos, s.n);
    s.v.copyWithin(pos + 1, pos, s.n);
    s.t[pos] = t;
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
          const { t, v } = s;
          return [{ labels: s.labels, iterator: () => new MemoryIterator(t, v, lo, hi) }];
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
