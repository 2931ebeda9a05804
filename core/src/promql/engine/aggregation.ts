import type { Labels } from '@panoptes/storage';
import type { AggregateExpr } from '../parser/ast.js';
import { PromQLEvalError } from '../errors.js';
import { positionSuffix } from '../parser/errors.js';
import { formatGoFloat } from '../format-float.js';
import { keyForLabels, keyWithoutLabels, keepLabels, setLabel, withoutLabels } from './labels.js';
import { kahanAdd, kahanSumInc } from './kahan.js';
import { labelsHash } from './xxhash64.js';
import type { EvalContext, EvalFn, Sample, StepValue } from './types.js';
import type { Steps } from './steps.js';

interface Group {
  metric: Labels;
  dropName: boolean;
  count: number;
  value: number;
  kahan: number;
  mean: number;
  incrementalMean: boolean;
  samples: Sample[];
}

const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function evalAggregation(e: AggregateExpr, ctx: EvalContext, evaluate: EvalFn): StepValue {
  let param: Steps<number> | undefined;
  let labelParam = '';
  if (e.param) {
    const p = evaluate(e.param, ctx);
    if (p.kind === 'scalar') param = p.steps;
    else if (p.kind === 'string') labelParam = p.value;
  }
  if (e.op === 'count_values' && !isValidLabelName(labelParam)) {
    throw new PromQLEvalError(`invalid label name ${JSON.stringify(labelParam)}`);
  }
  const input = evaluate(e.expr, ctx);
  if (input.kind !== 'vector') throw new PromQLEvalError(`BUG: aggregation over ${input.kind}`);
  const names = new Set(e.grouping);
  if (e.op === 'count_values') {
    if (e.without) names.delete(labelParam);
    else names.add(labelParam);
  }
  const keyOf = e.without ? (ls: Labels) => keyWithoutLabels(ls, names) : (ls: Labels) => keyForLabels(ls, names);
  const metricOf = e.without
    ? (ls: Labels) => withoutLabels(ls, names)
    : (ls: Labels) => keepLabels(ls, names);
  const checkParam = (p: number): void => {
    if (Number.isNaN(p) && (e.op === 'topk' || e.op === 'bottomk' || e.op === 'limitk')) throw new PromQLEvalError('Parameter value is NaN');
    if (Number.isNaN(p) && e.op === 'limit_ratio') throw new PromQLEvalError('Ratio value is NaN');
    if (e.op === 'limit_ratio' && (p < -1 || p > 1)) {
      const capped = p < -1 ? -1 : 1;
      ctx.annotations.warnings.add(
        `PromQL warning: ratio value should be between -1 and 1, got ${formatGoFloat(p)}, capping to ${capped} ${positionSuffix(ctx.query, e.param!.pos.start)}`,
      );
    }
    if (e.op === 'quantile' && (Number.isNaN(p) || p < 0 || p > 1)) {
      ctx.annotations.warnings.add(`PromQL warning: quantile value should be between 0 and 1, got ${formatGoFloat(p)} ${positionSuffix(ctx.query, e.param!.pos.start)}`);
    }
  };
  const resolver = new GroupResolver(keyOf, metricOf);
  const steps = input.steps.map((vec, i) => {
    let p = param ? param.get(i) : NaN;
    if (param) checkParam(p);
    if (e.op === 'limit_ratio') p = Math.max(-1, Math.min(1, p));
    let samples = vec;
    if (e.op === 'count_values') {
      samples = vec.map((s) => ({ metric: setLabel(s.metric, labelParam, formatGoFloat(s.f, 'f')), f: s.f, dropName: s.dropName }));
    }
    return aggregateStep(e, samples, p, resolver);
  });
  return { kind: 'vector', steps };
}

/**
 * Maps a series' labels to its group once for all steps: the same label-set
 * object recurs at every step, so keys are computed once per series, and
 * every step of a group shares one output label set.
 */
class GroupResolver {
  private readonly byLabels = new WeakMap<Labels, { id: number; metric: Labels }>();
  private readonly byKey = new Map<string, { id: number; metric: Labels }>();
  constructor(
    private readonly keyOf: (ls: Labels) => string,
    private readonly metricOf: (ls: Labels) => Labels,
  ) {}

  get size(): number {
    return this.byKey.size;
  }

  // Series usually arrive in the same order at every step: remember the
  // label set seen at each position, so most lookups are one comparison.
  private readonly lastAt: (Labels | undefined)[] = [];
  private readonly groupAt: { id: number; metric: Labels }[] = [];

  resolveAt(position: number, ls: Labels): { id: number; metric: Labels } {
    if (this.lastAt[position] === ls) return this.groupAt[position]!;
    const g = this.resolve(ls);
    this.lastAt[position] = ls;
    this.groupAt[position] = g;
    return g;
  }

  resolve(ls: Labels): { id: number; metric: Labels } {
    let g = this.byLabels.get(ls);
    if (!g) {
      const key = this.keyOf(ls);
      g = this.byKey.get(key);
      if (!g) {
        g = { id: this.byKey.size, metric: this.metricOf(ls) };
        this.byKey.set(key, g);
      }
      this.byLabels.set(ls, g);
    }
    return g;
  }
}

function isValidLabelName(n: string): boolean {
  return n !== '' && (LABEL_NAME_RE.test(n) || (n.length > 0 && !n.includes('\uFFFD')));
}

/** The samples of groups whose operator needs none (never written to). */
const NO_GROUP_SAMPLES: Sample[] = [];

function aggregateStep(
  e: AggregateExpr, vec: Sample[], param: number, resolver: GroupResolver,
): Sample[] {
  const groups: (Group | undefined)[] = [];
  const order: Group[] = [];
  const keepSamples = e.op === 'topk' || e.op === 'bottomk' || e.op === 'limitk' || e.op === 'quantile' || e.op === 'limit_ratio';
  for (let j = 0; j < vec.length; j++) {
    const s = vec[j]!;
    const r = resolver.resolveAt(j, s.metric);
    let g = groups[r.id];
    if (!g) {
      g = { metric: r.metric, dropName: s.dropName, count: 0, value: 0, kahan: 0, mean: 0, incrementalMean: false, samples: keepSamples ? [] : NO_GROUP_SAMPLES };
      groups[r.id] = g;
      order.push(g);
      initGroup(e.op, g, s.f);
    } else {
      g.dropName ||= s.dropName;
      addToGroup(e.op, g, s.f);
    }
    if (keepSamples) g.samples.push(s);
  }
  const out: Sample[] = [];
  for (const g of order) {
    switch (e.op) {
      case 'topk':
      case 'bottomk': {
        const k = toK(param);
        if (k < 1) break;
        const top = e.op === 'topk';
        const sorted = [...g.samples].sort((a, b) => compareForTopk(a.f, b.f, top));
        out.push(...sorted.slice(0, k));
        break;
      }
      case 'limitk': {
        const k = toK(param);
        if (k >= 1) out.push(...g.samples.slice(0, k));
        break;
      }
      case 'limit_ratio':
        for (const s of g.samples) if (keepForRatio(param, s)) out.push(s);
        break;
      case 'quantile':
        out.push({ metric: g.metric, f: quantile(param, g.samples.map((s) => s.f)), dropName: g.dropName });
        break;
      default:
        out.push({ metric: g.metric, f: finishGroup(e.op, g), dropName: e.op === 'count' || e.op === 'count_values' || e.op === 'group' ? g.dropName : g.dropName });
    }
  }
  return out;
}

/**
 * limit_ratio's deterministic choice, as Prometheus makes it: a series' label
 * hash scaled to [0, 1) is kept when below the ratio (or, for a negative
 * ratio, at or above 1 + ratio), so r and r - 1 pick complementary sets.
 */
const ratioOffsets = new WeakMap<Labels, number>();
function keepForRatio(ratio: number, s: Sample): boolean {
  let offset = ratioOffsets.get(s.metric);
  if (offset === undefined) {
    offset = Number(labelsHash(s.metric)) / 18446744073709551615;
    ratioOffsets.set(s.metric, offset);
  }
  return (ratio >= 0 && offset < ratio) || (ratio < 0 && offset >= 1 + ratio);
}

function toK(p: number): number {
  if (p >= 9.223372036854776e18) throw new PromQLEvalError(`Scalar value ${formatGoFloat(p)} overflows int64`);
  if (p <= -9.223372036854776e18) throw new PromQLEvalError(`Scalar value ${formatGoFloat(p)} overflows int64`);
  return Math.trunc(p);
}

/** Sort order for topk (descending) and bottomk (ascending); NaN always last. */
function compareForTopk(a: number, b: number, top: boolean): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return top ? b - a || 0 : a - b || 0;
}

function initGroup(op: AggregateExpr['op'], g: Group, f: number): void {
  g.count = 1;
  switch (op) {
    case 'sum': case 'avg':
      g.value = f;
      break;
    case 'min': case 'max':
      g.value = f;
      break;
    case 'count': case 'count_values': case 'group':
      g.value = 1;
      break;
    case 'stddev': case 'stdvar':
      // Same update as for later samples, so a NaN poisons the group.
      g.count = 0;
      addToGroup(op, g, f);
      break;
    default:
      break;
  }
}

function addToGroup(op: AggregateExpr['op'], g: Group, f: number): void {
  g.count++;
  switch (op) {
    case 'sum':
      kahanAdd(g, f);
      break;
    case 'avg': {
      if (!g.incrementalMean) {
        const [nv, nc] = kahanSumInc(f, g.value, g.kahan);
        if (Number.isFinite(nv) || Number.isNaN(nv)) {
          g.value = nv;
          g.kahan = nc;
          break;
        }
        g.incrementalMean = true;
        g.mean = g.value / (g.count - 1);
        g.kahan /= g.count - 1;
      }
      const q = (g.count - 1) / g.count;
      [g.mean, g.kahan] = kahanSumInc(f / g.count, q * g.mean, q * g.kahan);
      break;
    }
    case 'max':
      if (g.value < f || Number.isNaN(g.value)) g.value = f;
      break;
    case 'min':
      if (g.value > f || Number.isNaN(g.value)) g.value = f;
      break;
    case 'count': case 'count_values':
      g.value++;
      break;
    case 'stddev': case 'stdvar': {
      const delta = f - g.mean;
      g.mean += delta / g.count;
      g.value += delta * (f - g.mean);
      break;
    }
    default:
      break;
  }
}

function finishGroup(op: AggregateExpr['op'], g: Group): number {
  switch (op) {
    case 'sum':
      // An infinite sum makes the compensation meaningless (Inf - Inf = NaN).
      return g.value === Infinity || g.value === -Infinity ? g.value : g.value + g.kahan;
    case 'avg':
      if (g.incrementalMean) return g.mean + g.kahan;
      return g.value / g.count + g.kahan / g.count;
    case 'stdvar':
      return g.value / g.count;
    case 'stddev':
      return Math.sqrt(g.value / g.count);
    default:
      return g.value;
  }
}

/** Prometheus's quantile over a set of values (linear interpolation between ranks). */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...values].sort((a, b) => (Number.isNaN(a) ? -1 : Number.isNaN(b) ? 1 : a - b));
  const n = sorted.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}
