import type { Call, Expr } from '../parser/ast.js';
import { positionSuffix } from '../parser/errors.js';
import { PromQLEvalError } from '../errors.js';
import { RangeCursor } from '../engine/cursors.js';
import { checkLimits, countSamples, evalVectorSelector, rangeInput } from '../engine/evaluator.js';
import { compareLabels, getLabel, setLabel } from '../engine/labels.js';
import { formatGoFloat } from '../format-float.js';
import type { EvalContext, EvalFn, Sample, StepValue } from '../engine/types.js';
import { Steps } from '../engine/steps.js';
import { histogramFraction, histogramQuantile } from './histogram-functions.js';
import { absentLabels, labelJoin, labelReplace } from './label-functions.js';
import { DATE_FUNCTIONS, MATH_FUNCTIONS, roundTo } from './math-functions.js';
import { KEEPS_NAME, RANGE_FUNCTIONS } from './range-functions.js';
import { checkExtendedUse, evalExtendedRange } from './extended-range.js';
import { evalInfo } from './info.js';

const COUNTER_SUFFIXES = ['_total', '_sum', '_count', '_bucket'];

function unwrap(e: Expr): Expr {
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

function vectorArg(v: StepValue): Steps<Sample[]> {
  if (v.kind !== 'vector') throw new PromQLEvalError(`BUG: expected vector, got ${v.kind}`);
  return v.steps;
}

function scalarArg(v: StepValue): Steps<number> {
  if (v.kind !== 'scalar') throw new PromQLEvalError(`BUG: expected scalar, got ${v.kind}`);
  return v.steps;
}

function stringArg(v: StepValue): string {
  if (v.kind !== 'string') throw new PromQLEvalError(`BUG: expected string, got ${v.kind}`);
  return v.value;
}

function mapSamples(steps: Steps<Sample[]>, f: (x: number) => number): StepValue {
  return { kind: 'vector', steps: steps.map((vec) => vec.map((s) => ({ metric: s.metric, f: f(s.f), dropName: true }))) };
}

export function evalCall(e: Call, ctx: EvalContext, evaluate: EvalFn): StepValue {
  const name = e.func;
  const rangeFn = RANGE_FUNCTIONS[name];
  if (rangeFn) return evalRangeFunction(e, ctx, evaluate);
  if (name === 'absent_over_time') {
    const a = unwrap(e.args[0]!);
    if (a.type === 'MatrixSelector') checkExtendedUse(name, !!a.vector.anchored, !!a.vector.smoothed);
    return evalAbsentOverTime(e, ctx);
  }

  const math = MATH_FUNCTIONS[name];
  if (math) return mapSamples(vectorArg(evaluate(e.args[0]!, ctx)), math);

  const date = DATE_FUNCTIONS[name];
  if (date) {
    if (e.args.length === 0) {
      return { kind: 'vector', steps: Steps.of(ctx.times.length, (i) => [{ metric: [], f: date(new Date(ctx.times[i]!)), dropName: false }]) };
    }
    return mapSamples(vectorArg(evaluate(e.args[0]!, ctx)), (f) => (Number.isFinite(f) ? date(new Date(Math.trunc(f) * 1000)) : NaN));
  }

  switch (name) {
    case 'info':
      return evalInfo(e, ctx, evaluate);
    case 'time':
      return { kind: 'scalar', steps: Steps.of(ctx.times.length, (i) => ctx.times[i]! / 1000) };
    case 'step':
      return { kind: 'scalar', steps: Steps.of(ctx.times.length, () => ctx.queryStep / 1000) };
    case 'range':
      return { kind: 'scalar', steps: Steps.of(ctx.times.length, () => (ctx.queryEnd - ctx.queryStart) / 1000) };
    case 'start':
      return { kind: 'scalar', steps: Steps.of(ctx.times.length, () => ctx.queryStart / 1000) };
    case 'end':
      return { kind: 'scalar', steps: Steps.of(ctx.times.length, () => ctx.queryEnd / 1000) };
    case 'min_of':
    case 'max_of': {
      const a = scalarArg(evaluate(e.args[0]!, ctx));
      const b = scalarArg(evaluate(e.args[1]!, ctx));
      const f = name === 'min_of' ? goMin : goMax;
      return { kind: 'scalar', steps: a.map((x, i) => f(x, b.get(i))) };
    }
    case 'histogram_quantiles': {
      const v = vectorArg(evaluate(e.args[0]!, ctx));
      const label = stringArg(evaluate(e.args[1]!, ctx));
      const qs = e.args.slice(2).map((a) => scalarArg(evaluate(a, ctx)));
      const where = positionSuffix(ctx.query, e.args[0]!.pos.start);
      return {
        kind: 'vector',
        steps: v.map((vec, i) =>
          qs.flatMap((q) => {
            const qv = q.get(i);
            return histogramQuantile(qv, vec, ctx.annotations, where).map((s) => ({ ...s, metric: setLabel(s.metric, label, quantileLabel(qv)) }));
          }),
        ),
      };
    }
    case 'pi':
      return { kind: 'scalar', steps: Steps.of(ctx.times.length, () => Math.PI) };
    case 'vector': {
      const s = scalarArg(evaluate(e.args[0]!, ctx));
      return { kind: 'vector', steps: s.map((f) => [{ metric: [], f, dropName: false }]) };
    }
    case 'scalar': {
      const v = vectorArg(evaluate(e.args[0]!, ctx));
      return { kind: 'scalar', steps: v.map((vec) => (vec.length === 1 ? vec[0]!.f : NaN)) };
    }
    case 'timestamp': {
      const arg = unwrap(e.args[0]!);
      if (arg.type === 'VectorSelector') return { kind: 'vector', steps: evalVectorSelector(arg, ctx, true) };
      const v = vectorArg(evaluate(arg, ctx));
      return { kind: 'vector', steps: v.map((vec, i) => vec.map((s) => ({ metric: s.metric, f: ctx.times[i]! / 1000, dropName: true }))) };
    }
    case 'absent': {
      const v = vectorArg(evaluate(e.args[0]!, ctx));
      const arg = unwrap(e.args[0]!);
      const labels = arg.type === 'VectorSelector' ? absentLabels(arg.matchers) : [];
      return { kind: 'vector', steps: v.map((vec) => (vec.length === 0 ? [{ metric: labels, f: 1, dropName: false }] : [])) };
    }
    case 'clamp': {
      const v = vectorArg(evaluate(e.args[0]!, ctx));
      const lo = scalarArg(evaluate(e.args[1]!, ctx));
      const hi = scalarArg(evaluate(e.args[2]!, ctx));
      return {
        kind: 'vector',
        steps: v.map((vec, i) => {
          const min = lo.get(i);
          const max = hi.get(i);
          if (max < min) return [];
          return vec.map((s) => ({ metric: s.metric, f: goMax(min, goMin(max, s.f)), dropName: true }));
        }),
      };
    }
    case 'clamp_max':
    case 'clamp_min': {
      const v = vectorArg(evaluate(e.args[0]!, ctx));
      const b = scalarArg(evaluate(e.args[1]!, ctx));
      const f = name === 'clamp_max' ? goMin : goMax;
      return { kind: 'vector', steps: v.map((vec, i) => vec.map((s) => ({ metric: s.metric, f: f(s.f, b.get(i)), dropName: true }))) };
    }
    case 'round': {
      const v = vectorArg(evaluate(e.args[0]!, ctx));
      const to = e.args[1] ? scalarArg(evaluate(e.args[1], ctx)) : undefined;
      return { kind: 'vector', steps: v.map((vec, i) => vec.map((s) => ({ metric: s.metric, f: roundTo(s.f, to ? to.get(i) : 1), dropName: true }))) };
    }
    case 'sort':
    case 'sort_desc': {
      if (ctx.isRangeQuery) {
        ctx.annotations.warnings.add(`PromQL warning: sort is ineffective for range queries since results are always ordered by labels ${positionSuffix(ctx.query, e.pos.start)}`);
      }
      const v = vectorArg(evaluate(e.args[0]!, ctx));
      const desc = name === 'sort_desc';
      return { kind: 'vector', steps: v.map((vec) => [...vec].sort((a, b) => compareForSort(a.f, b.f, desc))) };
    }
    case 'sort_by_label':
    case 'sort_by_label_desc': {
      if (ctx.isRangeQuery) {
        ctx.annotations.warnings.add(`PromQL warning: sort is ineffective for range queries since results are always ordered by labels ${positionSuffix(ctx.query, e.pos.start)}`);
      }
      const v = vectorArg(evaluate(e.args[0]!, ctx));
      const names = e.args.slice(1).map((a) => stringArg(evaluate(a, ctx)));
      const sign = name === 'sort_by_label_desc' ? -1 : 1;
      return {
        kind: 'vector',
        steps: v.map((vec) =>
          [...vec].sort((a, b) => {
            for (const n of names) {
              const c = naturalCompare(getLabel(a.metric, n), getLabel(b.metric, n));
              if (c !== 0) return sign * c;
            }
            return sign * compareLabels(a.metric, b.metric);
          }),
        ),
      };
    }
    case 'label_replace': {
      const v = vectorArg(evaluate(e.args[0]!, ctx));
      const [dst, repl, src, re] = e.args.slice(1).map((a) => stringArg(evaluate(a, ctx))) as [string, string, string, string];
      return { kind: 'vector', steps: v.map((vec) => labelReplace(vec, dst, repl, src, re)) };
    }
    case 'label_join': {
      const v = vectorArg(evaluate(e.args[0]!, ctx));
      const [dst, sep, ...srcs] = e.args.slice(1).map((a) => stringArg(evaluate(a, ctx))) as [string, string, ...string[]];
      return { kind: 'vector', steps: v.map((vec) => labelJoin(vec, dst, sep, srcs)) };
    }
    case 'histogram_quantile': {
      const q = scalarArg(evaluate(e.args[0]!, ctx));
      const v = vectorArg(evaluate(e.args[1]!, ctx));
      const where = positionSuffix(ctx.query, e.args[1]!.pos.start);
      return { kind: 'vector', steps: v.map((vec, i) => histogramQuantile(q.get(i), vec, ctx.annotations, where)) };
    }
    case 'histogram_fraction': {
      const lo = scalarArg(evaluate(e.args[0]!, ctx));
      const hi = scalarArg(evaluate(e.args[1]!, ctx));
      const v = vectorArg(evaluate(e.args[2]!, ctx));
      const where = positionSuffix(ctx.query, e.args[2]!.pos.start);
      return { kind: 'vector', steps: v.map((vec, i) => histogramFraction(lo.get(i), hi.get(i), vec, ctx.annotations, where)) };
    }
    case 'histogram_count':
    case 'histogram_sum':
    case 'histogram_avg':
    case 'histogram_stddev':
    case 'histogram_stdvar': {
      // These read native histograms only; float samples give no output.
      const v = vectorArg(evaluate(e.args[0]!, ctx));
      return { kind: 'vector', steps: v.map((): Sample[] => []) };
    }
    default:
      throw new PromQLEvalError(`function "${name}" is not supported yet`);
  }
}

/** Quantile as a label value: Go's shortest form, with `.0` on whole numbers. */
function quantileLabel(q: number): string {
  const s = formatGoFloat(q, 'f');
  return Number.isFinite(q) && !s.includes('.') ? `${s}.0` : s;
}

function goMin(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return Math.min(a, b);
}

function goMax(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return Math.max(a, b);
}

/** sort()/sort_desc(): NaN always last. */
function compareForSort(a: number, b: number, desc: boolean): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (a === b) return 0;
  return desc ? (a > b ? -1 : 1) : a < b ? -1 : 1;
}

const collator = new Intl.Collator('en', { numeric: true });
function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}

function evalRangeFunction(e: Call, ctx: EvalContext, evaluate: EvalFn): StepValue {
  const name = e.func;
  const fn = RANGE_FUNCTIONS[name]!;
  const matrixIdx = e.args.findIndex((a) => unwrapType(a) === 'matrix');
  const scalarSteps: Steps<number>[] = [];
  e.args.forEach((a, i) => {
    if (i !== matrixIdx) scalarSteps.push(scalarArg(evaluate(a, ctx)));
  });
  const input = rangeInput(e.args[matrixIdx]!, ctx);
  const arg = unwrap(e.args[matrixIdx]!);
  if (arg.type === 'MatrixSelector' && (arg.vector.anchored || arg.vector.smoothed)) {
    checkExtendedUse(name, !!arg.vector.anchored, !!arg.vector.smoothed);
    return evalExtendedRange(e, input, ctx, !!arg.vector.smoothed);
  }
  const keepName = KEEPS_NAME.has(name);
  if (name === 'rate' || name === 'increase' || name === 'irate') {
    for (const src of input.sources) {
      const metricName = getLabel(src.metric, '__name__');
      if (metricName !== '' && !COUNTER_SUFFIXES.some((sfx) => metricName.endsWith(sfx))) {
        ctx.annotations.infos.add(
          `PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "${metricName}" ${positionSuffix(ctx.query, e.args[matrixIdx]!.pos.start)}`,
        );
      }
    }
  }
  const scalars: number[] = scalarSteps.map(() => NaN);
  // One mutable call record for all windows: this loop is the engine's hottest.
  const call = { rangeStart: 0, rangeEnd: 0, range: input.range, stepTime: 0, scalars };
  const maxSamples = ctx.limits.maxSamples > 0 ? ctx.limits.maxSamples : Infinity;
  const cursors = input.sources.map((src) => new RangeCursor(src.iterator(), input.range));
  const steps = ctx.times.length;
  const block = Math.min(STEP_BLOCK, steps);
  // Steps are computed a block at a time, series by series: one series'
  // cursor, iterator and decoded chunk stay in cache over the whole block
  // instead of every series being visited once per step.
  const values = new Float64Array(cursors.length * block);
  const present = new Uint8Array(cursors.length * block);
  const held = new Float64Array(block);
  const scalarsAt = scalarSteps.map(() => new Float64Array(block));
  let blockFrom = 0;
  let blockTo = 0;
  const fillBlock = (first: number): void => {
    const last = Math.min(steps, first + block);
    for (let i = first; i < last; i++) {
      for (let k = 0; k < scalarSteps.length; k++) scalarsAt[k]![i - first] = scalarSteps[k]!.get(i);
      if (name === 'quantile_over_time') {
        const q = scalarsAt[0]![i - first]!;
        if (Number.isNaN(q) || q < 0 || q > 1) {
          ctx.annotations.warnings.add(`PromQL warning: quantile value should be between 0 and 1, got ${q} ${positionSuffix(ctx.query, e.args[0]!.pos.start)}`);
        }
      }
    }
    held.fill(0);
    for (let k = 0; k < cursors.length; k++) {
      if ((k & 63) === 0) checkLimits(ctx);
      const cursor = cursors[k]!;
      const base = k * block - first;
      for (let i = first; i < last; i++) {
        const ref = input.refs[i]!;
        const w = cursor.windowAt(ref);
        const n = w.hi - w.lo;
        if (n === 0) {
          present[base + i] = 0;
          continue;
        }
        held[i - first] = held[i - first]! + n;
        for (let j = 0; j < scalars.length; j++) scalars[j] = scalarsAt[j]![i - first]!;
        call.rangeStart = ref - input.range;
        call.rangeEnd = ref;
        call.stepTime = ctx.times[i]!;
        const f = fn(w, call);
        if (f === undefined) {
          present[base + i] = 0;
          continue;
        }
        present[base + i] = 1;
        values[base + i] = f;
      }
    }
    blockFrom = first;
    blockTo = last;
  };
  // One sample object per series, updated in place at each step: a step's
  // vector is consumed before the next step is computed (see Steps), so
  // nothing reads an old step's samples, and millions of allocations go away.
  const pool: Sample[] = input.sources.map((src) => ({ metric: src.metric, f: 0, dropName: keepName ? src.dropName : true }));
  return {
    kind: 'vector',
    steps: Steps.of(steps, (i) => {
      checkLimits(ctx);
      if (i < blockFrom || i >= blockTo) fillBlock(i);
      // Like Prometheus, count every sample the step's windows hold together.
      if (held[i - blockFrom]! > maxSamples) countSamples(ctx, held[i - blockFrom]!);
      const out: Sample[] = [];
      for (let k = 0, at = i - blockFrom; k < cursors.length; k++, at += block) {
        if (present[at] === 0) continue;
        const s = pool[k]!;
        s.f = values[at]!;
        out.push(s);
      }
      return out;
    }),
  };
}

/** Steps a range function computes at a time (see evalRangeFunction). */
const STEP_BLOCK = 64;

function unwrapType(e: Expr): string {
  const u = unwrap(e);
  return u.type === 'MatrixSelector' || u.type === 'SubqueryExpr' ? 'matrix' : 'other';
}

function evalAbsentOverTime(e: Call, ctx: EvalContext): StepValue {
  const input = rangeInput(e.args[0]!, ctx);
  const cursors = input.sources.map((src) => new RangeCursor(src.iterator(), input.range));
  const arg = unwrap(e.args[0]!);
  const labels = arg.type === 'MatrixSelector' ? absentLabels(arg.vector.matchers) : [];
  return {
    kind: 'vector',
    steps: Steps.of(ctx.times.length, (i): Sample[] => {
      let present = false;
      for (const c of cursors) {
        const w = c.windowAt(input.refs[i]!);
        if (w.hi > w.lo) present = true;
      }
      return present ? [] : [{ metric: labels, f: 1, dropName: false }];
    }),
  };
}
