import type { Window } from '../engine/cursors.js';
import { kahanSumInc } from '../engine/kahan.js';
import { quantile } from '../engine/aggregation.js';
import { PromQLEvalError } from '../errors.js';

/** What a range function sees besides the window: the range bounds and its scalar arguments at this step. */
export interface RangeCall {
  /** Window bounds in ms: (rangeStart, rangeEnd]. */
  rangeStart: number;
  rangeEnd: number;
  /** The selector's range in ms. */
  readonly range: number;
  /** The evaluation step's timestamp (predict_linear's intercept time). */
  stepTime: number;
  /** Scalar arguments at this step, in argument order (the range argument excluded). */
  readonly scalars: readonly number[];
}

/** Returns the output value, or undefined for no output at this step. */
export type RangeFunction = (w: Window, c: RangeCall) => number | undefined;

function extrapolatedRate(w: Window, c: RangeCall, isCounter: boolean, isRate: boolean): number | undefined {
  const n = (w.hi - w.lo);
  if (n < 2) return undefined;
  const firstT = w.ts[w.lo + 0]!;
  const lastT = w.ts[w.lo + n - 1]!;
  let result = w.vs[w.lo + n - 1]! - w.vs[w.lo + 0]!;
  if (isCounter) {
    let prev = w.vs[w.lo + 0]!;
    for (let i = 1; i < n; i++) {
      const cur = w.vs[w.lo + i]!;
      if (cur < prev) result += prev;
      prev = cur;
    }
  }
  let durationToStart = (firstT - c.rangeStart) / 1000;
  let durationToEnd = (c.rangeEnd - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (n - 1);
  // Extrapolate to the range boundary only when a sample is close enough to
  // it (within 110% of the average spacing); otherwise assume the series
  // starts or ends half an average spacing beyond the outermost sample.
  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  if (durationToStart >= extrapolationThreshold) durationToStart = averageDurationBetweenSamples / 2;
  if (isCounter && result > 0 && w.vs[w.lo + 0]! >= 0) {
    // A counter cannot go below zero: do not extrapolate past its zero point.
    const durationToZero = sampledInterval * (w.vs[w.lo + 0]! / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  extrapolateToInterval += durationToStart;
  if (durationToEnd >= extrapolationThreshold) durationToEnd = averageDurationBetweenSamples / 2;
  extrapolateToInterval += durationToEnd;
  let factor = extrapolateToInterval / sampledInterval;
  if (isRate) factor /= c.range / 1000;
  return result * factor;
}

function instantValue(w: Window, isRate: boolean): number | undefined {
  const n = (w.hi - w.lo);
  if (n < 2) return undefined;
  const t0 = w.ts[w.lo + n - 2]!;
  const t1 = w.ts[w.lo + n - 1]!;
  const v0 = w.vs[w.lo + n - 2]!;
  const v1 = w.vs[w.lo + n - 1]!;
  const interval = t1 - t0;
  if (interval === 0) return undefined;
  let r = v1;
  if (!isRate || !(v1 < v0)) r = v1 - v0;
  if (isRate) r /= interval / 1000;
  return r;
}

/** Least-squares fit with Kahan sums, x relative to interceptTime (s). */
export function linearRegression(w: Window, interceptTime: number): [number, number] {
  let n = 0;
  let sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
  const initY = w.vs[w.lo + 0]!;
  let constY = true;
  for (let i = 0; i < (w.hi - w.lo); i++) {
    const y = w.vs[w.lo + i]!;
    if (constY && i > 0 && y !== initY) constY = false;
    n += 1;
    const x = (w.ts[w.lo + i]! - interceptTime) / 1e3;
    [sumX, cX] = kahanSumInc(x, sumX, cX);
    [sumY, cY] = kahanSumInc(y, sumY, cY);
    [sumXY, cXY] = kahanSumInc(x * y, sumXY, cXY);
    [sumX2, cX2] = kahanSumInc(x * x, sumX2, cX2);
  }
  if (constY) {
    if (!Number.isFinite(initY) && !Number.isNaN(initY)) return [NaN, NaN];
    return [0, initY];
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  const intercept = sumY / n - (slope * sumX) / n;
  return [slope, intercept];
}

function avg(v: Float64Array): number {
  let sum = v[0]!;
  let count = 1;
  let mean = 0;
  let c = 0;
  let incremental = false;
  for (let i = 1; i < v.length; i++) {
    const f = v[i]!;
    count = i + 1;
    if (!incremental) {
      const [ns, nc] = kahanSumInc(f, sum, c);
      if (ns !== Infinity && ns !== -Infinity) {
        sum = ns;
        c = nc;
        continue;
      }
      incremental = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    const q = (count - 1) / count;
    [mean, c] = kahanSumInc(f / count, q * mean, q * c);
  }
  return incremental ? mean + c : sum / count + c / count;
}

function variance(v: Float64Array): number {
  let count = 0, mean = 0, cMean = 0, aux = 0, cAux = 0;
  for (const f of v) {
    count++;
    const delta = f - (mean + cMean);
    [mean, cMean] = kahanSumInc(delta / count, mean, cMean);
    [aux, cAux] = kahanSumInc(delta * (f - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

function smoothing(w: Window, sf: number, tf: number): number | undefined {
  if (!(sf > 0 && sf < 1)) throw new PromQLEvalError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
  if (!(tf > 0 && tf < 1)) throw new PromQLEvalError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
  const l = (w.hi - w.lo);
  if (l < 2) return undefined;
  let s0 = 0;
  let s1 = w.vs[w.lo + 0]!;
  let b = w.vs[w.lo + 1]! - w.vs[w.lo + 0]!;
  for (let i = 1; i < l; i++) {
    const x = sf * w.vs[w.lo + i]!;
    if (i - 1 !== 0) b = tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
}

function minMaxIndex(v: Float64Array, max: boolean): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) {
    const cur = v[best]!;
    const f = v[i]!;
    if ((max ? f >= cur : f <= cur) || (Number.isNaN(cur) && !Number.isNaN(f))) best = i;
  }
  return best;
}

function windowValues(w: Window): Float64Array {
  return w.vs.subarray(w.lo, w.hi);
}

/** Range functions by name; each is called only for non-empty windows. */
export const RANGE_FUNCTIONS: Record<string, RangeFunction> = {
  rate: (w, c) => extrapolatedRate(w, c, true, true),
  increase: (w, c) => extrapolatedRate(w, c, true, false),
  delta: (w, c) => extrapolatedRate(w, c, false, false),
  irate: (w) => instantValue(w, true),
  idelta: (w) => instantValue(w, false),
  deriv: (w) => ((w.hi - w.lo) < 2 ? undefined : linearRegression(w, w.ts[w.lo + 0]!)[0]),
  predict_linear: (w, c) => {
    if ((w.hi - w.lo) < 2) return undefined;
    const [slope, intercept] = linearRegression(w, c.stepTime);
    return slope * c.scalars[0]! + intercept;
  },
  changes: (w) => {
    let changes = 0;
    let prev = w.vs[w.lo + 0]!;
    for (let i = 1; i < (w.hi - w.lo); i++) {
      const cur = w.vs[w.lo + i]!;
      if (!(cur === prev || (Number.isNaN(cur) && Number.isNaN(prev)))) changes++;
      prev = cur;
    }
    return changes;
  },
  resets: (w) => {
    let resets = 0;
    let prev = w.vs[w.lo + 0]!;
    for (let i = 1; i < (w.hi - w.lo); i++) {
      const cur = w.vs[w.lo + i]!;
      if (cur < prev) resets++;
      prev = cur;
    }
    return resets;
  },
  avg_over_time: (w) => avg(windowValues(w)),
  sum_over_time: (w) => {
    let sum = 0;
    let c = 0;
    for (let i = w.lo; i < w.hi; i++) [sum, c] = kahanSumInc(w.vs[i]!, sum, c);
    return sum === Infinity || sum === -Infinity ? sum : sum + c;
  },
  count_over_time: (w) => (w.hi - w.lo),
  min_over_time: (w) => {
    let m = w.vs[w.lo]!;
    for (let i = w.lo; i < w.hi; i++) {
      const f = w.vs[i]!;
      if (f < m || Number.isNaN(m)) m = f;
    }
    return m;
  },
  max_over_time: (w) => {
    let m = w.vs[w.lo]!;
    for (let i = w.lo; i < w.hi; i++) {
      const f = w.vs[i]!;
      if (f > m || Number.isNaN(m)) m = f;
    }
    return m;
  },
  last_over_time: (w) => w.vs[w.lo + (w.hi - w.lo) - 1],
  first_over_time: (w) => w.vs[w.lo + 0],
  ts_of_last_over_time: (w) => w.ts[w.lo + (w.hi - w.lo) - 1]! / 1000,
  ts_of_first_over_time: (w) => w.ts[w.lo + 0]! / 1000,
  ts_of_max_over_time: (w) => w.ts[w.lo + minMaxIndex(windowValues(w), true)]! / 1000,
  ts_of_min_over_time: (w) => w.ts[w.lo + minMaxIndex(windowValues(w), false)]! / 1000,
  present_over_time: () => 1,
  quantile_over_time: (w, c) => quantile(c.scalars[0]!, Array.from(windowValues(w))),
  stddev_over_time: (w) => Math.sqrt(variance(windowValues(w))),
  stdvar_over_time: (w) => variance(windowValues(w)),
  mad_over_time: (w) => {
    const values = Array.from(windowValues(w));
    if (values.some(Number.isNaN)) return NaN;
    const median = quantile(0.5, values);
    return quantile(0.5, values.map((x) => Math.abs(x - median)));
  },
  double_exponential_smoothing: (w, c) => smoothing(w, c.scalars[0]!, c.scalars[1]!),
  holt_winters: (w, c) => smoothing(w, c.scalars[0]!, c.scalars[1]!),
};

/** Range functions whose output keeps the input's metric name. */
export const KEEPS_NAME: ReadonlySet<string> = new Set(['last_over_time', 'first_over_time']);
