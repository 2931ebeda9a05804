import type { Labels } from '@panoptes/storage';
import { parseNumber } from '../parser/parser.js';
import { getLabel, labelsKey } from '../engine/labels.js';
import type { Annotations, Sample } from '../engine/types.js';

interface Bucket {
  upperBound: number;
  count: number;
}

const SMALL_DELTA_TOLERANCE = 1e-12;
const MIN_NORMAL = 2.2250738585072014e-308;

function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

function coalesce(buckets: Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const b of buckets) {
    const last = out[out.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else out.push({ ...b });
  }
  return out;
}

/** Removes decreases and float noise from cumulative counts; reports whether it had to. */
function ensureMonotonic(buckets: Bucket[]): { forced: boolean; fixed: boolean } {
  let forced = false;
  let fixed = false;
  let prev = buckets[0]!.count;
  for (let i = 1; i < buckets.length; i++) {
    const curr = buckets[i]!.count;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
      buckets[i]!.count = prev;
      fixed = true;
      continue;
    }
    if (curr < prev) {
      buckets[i]!.count = prev;
      forced = true;
      continue;
    }
    prev = curr;
  }
  return { forced, fixed };
}

function sortBuckets(buckets: Bucket[]): void {
  buckets.sort((a, b) => (a.upperBound < b.upperBound ? -1 : a.upperBound > b.upperBound ? 1 : 0));
}

export function bucketQuantile(q: number, input: Bucket[]): { value: number; forced: boolean } {
  if (Number.isNaN(q)) return { value: NaN, forced: false };
  if (q < 0) return { value: -Infinity, forced: false };
  if (q > 1) return { value: Infinity, forced: false };
  sortBuckets(input);
  if (input[input.length - 1]!.upperBound !== Infinity) return { value: NaN, forced: false };
  const buckets = coalesce(input);
  const { forced } = ensureMonotonic(buckets);
  if (buckets.length < 2) return { value: NaN, forced: false };
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return { value: NaN, forced: false };
  let rank = q * observations;
  let b = 0;
  while (b < buckets.length - 1 && !(buckets[b]!.count >= rank)) b++;
  if (b === buckets.length - 1) return { value: buckets[buckets.length - 2]!.upperBound, forced };
  if (b === 0 && buckets[0]!.upperBound <= 0) return { value: buckets[0]!.upperBound, forced };
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return { value: bucketStart + (bucketEnd - bucketStart) * (rank / count), forced };
}

export function bucketFraction(lower: number, upper: number, input: Bucket[]): number {
  sortBuckets(input);
  if (input[input.length - 1]!.upperBound !== Infinity) return NaN;
  const buckets = coalesce(input);
  const count = buckets[buckets.length - 1]!.count;
  if (count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i]!;
    let lowerBound = i > 0 ? buckets[i - 1]!.upperBound : -Infinity;
    const upperBound = b.upperBound;
    // The lowest bucket starts at 0 when its upper bound is positive, as in histogram_quantile.
    if (i === 0 && upperBound > 0) lowerBound = 0;
    // An infinitely wide bucket cannot be interpolated: the part of it
    // inside [lower, upper] counts as empty.
    const interpolateLower = (v: number): number =>
      lowerBound === -Infinity ? b.count : rank + ((b.count - rank) * (v - lowerBound)) / (upperBound - lowerBound);
    const interpolateUpper = (v: number): number =>
      lowerBound === -Infinity ? rank : rank + ((b.count - rank) * (v - lowerBound)) / (upperBound - lowerBound);
    if (!lowerSet && lowerBound >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && lowerBound >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && lowerBound < lower && upperBound > lower) {
      lowerRank = interpolateLower(lower);
      lowerSet = true;
    }
    if (!upperSet && lowerBound < upper && upperBound > upper) {
      upperRank = interpolateUpper(upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank = b.count;
  }
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return (upperRank - lowerRank) / count;
}

/** Groups classic `_bucket` samples by their labels without `le`. */
function groupBuckets(vec: Sample[], annotations: Annotations, where: string): Map<string, { metric: Labels; dropName: boolean; buckets: Bucket[] }> {
  const groups = new Map<string, { metric: Labels; dropName: boolean; buckets: Bucket[] }>();
  for (const s of vec) {
    const le = getLabel(s.metric, 'le');
    const ub = parseNumber(le);
    if (ub === undefined || le === '') {
      annotations.warnings.add(`PromQL warning: bucket label "le" is missing or has a malformed value of "${le}" for metric name "${getLabel(s.metric, '__name__')}" ${where}`);
      continue;
    }
    const rest = s.metric.filter((l) => l.name !== 'le');
    const key = labelsKey(rest);
    let g = groups.get(key);
    if (!g) {
      g = { metric: rest, dropName: true, buckets: [] };
      groups.set(key, g);
    }
    g.buckets.push({ upperBound: ub, count: s.f });
  }
  return groups;
}

export function histogramQuantile(q: number, vec: Sample[], annotations: Annotations, where: string): Sample[] {
  if (Number.isNaN(q) || q < 0 || q > 1) {
    annotations.warnings.add(`PromQL warning: quantile value should be between 0 and 1, got ${q} ${where}`);
  }
  const out: Sample[] = [];
  for (const g of groupBuckets(vec, annotations, where).values()) {
    const { value, forced } = bucketQuantile(q, g.buckets);
    if (forced) {
      annotations.infos.add(`PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name "${getLabel(g.metric, '__name__')}" ${where}`);
    }
    out.push({ metric: g.metric, f: value, dropName: true });
  }
  return out;
}

export function histogramFraction(lower: number, upper: number, vec: Sample[], annotations: Annotations, where: string): Sample[] {
  const out: Sample[] = [];
  for (const g of groupBuckets(vec, annotations, where).values()) {
    out.push({ metric: g.metric, f: bucketFraction(lower, upper, g.buckets), dropName: true });
  }
  return out;
}
