import type { Label, LabelMatcher, Labels } from '../api.js';
import { StorageError } from '../errors.js';
import { EMPTY_POSTINGS, GrowablePostings, intersect, subtract, unionAll } from './postings.js';

/** Compiles a matcher into a predicate on a label value ("" when the label is missing). */
export function compileMatcher(m: LabelMatcher): (value: string) => boolean {
  switch (m.type) {
    case '=':
      return (v) => v === m.value;
    case '!=':
      return (v) => v !== m.value;
    case '=~':
    case '!~': {
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${m.value})$`, 's');
      } catch (err) {
        throw new StorageError('PNP_STORAGE_BAD_INPUT', `matcher ${m.name}${m.type}${JSON.stringify(m.value)}: invalid regular expression`, { cause: err });
      }
      return m.type === '=~' ? (v) => re.test(v) : (v) => !re.test(v);
    }
    default:
      throw new StorageError('PNP_STORAGE_BAD_INPUT', `matcher on ${m.name} has unknown type ${String((m as { type: unknown }).type)}`);
  }
}

/**
 * The inverted index of every series the storage knows: label name → value →
 * postings. Selectors resolve by set operations on these lists. Owned by the
 * main thread; the persisted, compressed form lives under the `p` keys.
 */
export class MemIndex {
  private readonly byName = new Map<string, Map<string, GrowablePostings>>();
  private readonly all = new GrowablePostings();
  /** name=value pairs changed since the last persist, as `name\u0000value`. */
  readonly dirty = new Set<string>();

  add(id: number, labels: Labels): void {
    this.all.add(id);
    for (const l of labels) this.postingsFor(l).add(id);
  }

  /**
   * add, returning the series' labels as objects shared with every other
   * series of the same name=value pair (kept with the pair's postings), so
   * the head does not hold a copy of each label per series.
   */
  addShared(id: number, labels: Labels): Labels {
    this.all.add(id);
    const out = new Array<Label>(labels.length);
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i]!;
      const p = this.postingsFor(l);
      p.add(id);
      if (p.label === null) p.label = Object.freeze({ name: l.name, value: l.value });
      out[i] = p.label;
    }
    return out;
  }

  /** The postings of one name=value pair, created when new, and marked dirty for the next checkpoint. */
  private postingsFor(l: Label): GrowablePostings {
    let values = this.byName.get(l.name);
    if (!values) {
      values = new Map();
      this.byName.set(l.name, values);
    }
    let p = values.get(l.value);
    if (!p) {
      p = new GrowablePostings();
      values.set(l.value, p);
    }
    this.dirty.add(`${l.name}\u0000${l.value}`);
    return p;
  }

  remove(id: number, labels: Labels): void {
    this.all.remove(id);
    for (const l of labels) {
      const values = this.byName.get(l.name);
      const p = values?.get(l.value);
      if (!values || !p) continue;
      p.remove(id);
      if (p.length === 0) values.delete(l.value);
      if (values.size === 0) this.byName.delete(l.name);
      this.dirty.add(`${l.name}\u0000${l.value}`);
    }
  }

  /** Loads a persisted postings list at start-up. */
  load(name: string, value: string, ids: Uint32Array): void {
    let values = this.byName.get(name);
    if (!values) {
      values = new Map();
      this.byName.set(name, values);
    }
    const p = new GrowablePostings();
    for (let i = 0; i < ids.length; i++) {
      p.add(ids[i]!);
      this.all.add(ids[i]!);
    }
    values.set(value, p);
  }

  postings(name: string, value: string): Uint32Array {
    return this.byName.get(name)?.get(value)?.view() ?? EMPTY_POSTINGS;
  }

  allPostings(): Uint32Array {
    return this.all.view();
  }

  get seriesCount(): number {
    return this.all.length;
  }

  labelNames(): string[] {
    return [...this.byName.keys()].sort();
  }

  labelValues(name: string): string[] {
    return [...(this.byName.get(name)?.keys() ?? [])].sort();
  }

  /** (name, value, postings length) for every pair, for cardinality stats. */
  *pairs(): Iterable<[string, string, number]> {
    for (const [name, values] of this.byName) for (const [value, p] of values) yield [name, value, p.length];
  }

  /**
   * Series ids matching all matchers, sorted. A matcher that does not match
   * the empty string selects the union of the postings of its matching
   * values; one that does is applied by subtracting the postings of the
   * values it rejects, so `{job!="x"}` also keeps series without `job`.
   */
  select(matchers: readonly LabelMatcher[]): Uint32Array {
    let result: Uint32Array | null = null;
    const subtractions: Uint32Array[] = [];
    for (const m of matchers) {
      const pred = compileMatcher(m);
      const values = this.byName.get(m.name);
      if (pred('')) {
        // Subtract series whose value for the label does not match.
        const rejected: Uint32Array[] = [];
        if (values) for (const [v, p] of values) if (!pred(v)) rejected.push(p.view());
        if (rejected.length > 0) subtractions.push(unionAll(rejected));
        continue;
      }
      let matched: Uint32Array;
      if (m.type === '=' && values) matched = values.get(m.value)?.view() ?? EMPTY_POSTINGS;
      else {
        const lists: Uint32Array[] = [];
        if (values) for (const [v, p] of values) if (pred(v)) lists.push(p.view());
        matched = unionAll(lists);
      }
      result = result === null ? matched : intersect(result, matched);
      if (result.length === 0) return EMPTY_POSTINGS;
    }
    let out = result ?? this.all.view();
    for (const s of subtractions) out = subtract(out, s);
    return out.slice();
  }

  memoryBytes(): number {
    let bytes = this.all.memoryBytes();
    for (const [name, values] of this.byName) {
      bytes += name.length * 2 + 64;
      for (const [v, p] of values) bytes += v.length * 2 + 64 + p.memoryBytes();
    }
    return bytes;
  }
}
