import type { Series, SampleIterator } from '@panoptes/storage';
import type { AtModifier, Call, Expr, MatrixSelector, SubqueryExpr, VectorSelector } from '../parser/ast.js';
import { PromQLEvalError, PromQLTooManySamplesError, PromQLTimeoutError, PromQLCanceledError } from '../errors.js';
import { evalAggregation } from './aggregation.js';
import { evalBinary } from './binary.js';
import { ArraySampleIterator, LookbackCursor, RangeCursor } from './cursors.js';
import { interpolate } from '../functions/extended-range.js';
import { evalCall } from '../functions/call.js';
import type { EvalContext, PointSeries, Sample, StepValue } from './types.js';
import { Steps } from './steps.js';

/** Evaluates an expression at every time of the context. */
export function evaluate(e: Expr, ctx: EvalContext): StepValue {
  checkLimits(ctx);
  switch (e.type) {
    case 'NumberLiteral':
      return { kind: 'scalar', steps: Steps.of(ctx.times.length, () => e.value) };
    case 'StringLiteral':
      return { kind: 'string', value: e.value };
    case 'ParenExpr':
      return evaluate(e.expr, ctx);
    case 'UnaryExpr': {
      const v = evaluate(e.expr, ctx);
      if (e.op === '+') return v;
      if (v.kind === 'scalar') return { kind: 'scalar', steps: v.steps.map((x) => -x) };
      if (v.kind === 'vector') {
        return { kind: 'vector', steps: v.steps.map((vec) => vec.map((s) => ({ metric: s.metric, f: -s.f, dropName: true }))) };
      }
      throw new PromQLEvalError(`BUG: unary minus on ${v.kind}`);
    }
    case 'VectorSelector':
      return { kind: 'vector', steps: evalVectorSelector(e, ctx) };
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return { kind: 'matrix', series: evalRangeAt(e, ctx) };
    case 'BinaryExpr':
      return evalBinary(e, ctx, evaluate);
    case 'AggregateExpr':
      return evalAggregation(e, ctx, evaluate);
    case 'Call':
      return evalCall(e as Call, ctx, evaluate);
  }
}

export function checkLimits(ctx: EvalContext): void {
  const l = ctx.limits;
  if (l.signal?.aborted) throw new PromQLCanceledError('expression evaluation');
  if (l.deadline > 0 && Date.now() > l.deadline) throw new PromQLTimeoutError('expression evaluation');
}

export function countSamples(ctx: EvalContext, n: number): void {
  if (ctx.limits.maxSamples > 0 && n > ctx.limits.maxSamples) throw new PromQLTooManySamplesError('query execution');
}

export function resolveAt(at: AtModifier, ctx: EvalContext): number {
  switch (at.kind) {
    case 'time': return at.ms;
    case 'start': return ctx.queryStart;
    case 'end': return ctx.queryEnd;
  }
}

/** The data timestamps a selector reads at each step: (@ or step time) - offset. */
export function referenceTimes(ctx: EvalContext, at: AtModifier | undefined, offset: number): number[] {
  if (at) {
    const ref = resolveAt(at, ctx) - offset;
    return ctx.times.map(() => ref);
  }
  return ctx.times.map((t) => t - offset);
}

export function evalVectorSelector(vs: VectorSelector, ctx: EvalContext, withTimestamps = false): Steps<Sample[]> {
  const series = ctx.selected.get(vs) ?? [];
  const refs = referenceTimes(ctx, vs.at, vs.offset);
  if (vs.smoothed && !withTimestamps) return evalSmoothedSelector(vs, series, refs, ctx);
  const cursors = series.map((s) => new LookbackCursor(s.iterator(), ctx.lookback));
  // One sample object per series, updated in place (see the Steps contract);
  // with @ the single computed step is returned every time and never updated.
  const pool: Sample[] = series.map((s) => ({ metric: s.labels, f: 0, dropName: withTimestamps }));
  let pinned: Sample[] | undefined;
  return Steps.of(refs.length, (i) => {
    // With @ every step reads the same time: compute it once.
    if (vs.at && pinned) return pinned;
    checkLimits(ctx);
    const out: Sample[] = [];
    for (let k = 0; k < cursors.length; k++) {
      const cur = cursors[k]!;
      const v = cur.valueAt(refs[i]!);
      if (v === undefined) continue;
      const s = pool[k]!;
      s.f = withTimestamps ? cur.lastT / 1000 : v;
      out.push(s);
    }
    countSamples(ctx, out.length);
    if (vs.at) pinned = out;
    return out;
  });
}

/** `x smoothed`: the value interpolated at each step between the samples around it. */
function evalSmoothedSelector(vs: VectorSelector, series: Series[], refs: number[], ctx: EvalContext): Steps<Sample[]> {
  const cursors = series.map((s) => new RangeCursor(s.iterator(), ctx.lookback, false));
  return Steps.of(refs.length, (i) => {
    const out: Sample[] = [];
    for (let k = 0; k < cursors.length; k++) {
      const c = cursors[k]!;
      const t = refs[i]!;
      const w = c.windowAt(t);
      if (w.hi === w.lo) continue;
      const last = { t: w.ts[w.hi - 1]!, v: w.vs[w.hi - 1]! };
      const next = c.peek();
      out.push({ metric: series[k]!.labels, f: next ? interpolate(last, next, t, false) : last.v, dropName: false });
    }
    return out;
  });
}

/** A series that a range function reads through windows. */
export interface WindowSource {
  readonly metric: Series['labels'];
  readonly dropName: boolean;
  iterator(): SampleIterator;
}

export interface RangeInput {
  readonly sources: WindowSource[];
  readonly range: number;
  /** The data timestamp each step's window ends at. */
  readonly refs: number[];
}

function unwrapParens(e: Expr): Expr {
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

/** Resolves the argument of a range function (selector or subquery) into window sources. */
export function rangeInput(arg: Expr, ctx: EvalContext): RangeInput {
  const e = unwrapParens(arg);
  if (e.type === 'MatrixSelector') {
    const series = ctx.selected.get(e.vector) ?? [];
    return {
      sources: series.map((s) => ({ metric: s.labels, dropName: false, iterator: () => s.iterator() })),
      range: e.range,
      refs: referenceTimes(ctx, e.vector.at, e.vector.offset),
    };
  }
  if (e.type === 'SubqueryExpr') {
    const refs = referenceTimes(ctx, e.at, e.offset);
    const series = evalSubquery(e, refs, ctx);
    return {
      sources: series.map((s) => ({ metric: s.metric, dropName: s.dropName, iterator: () => new ArraySampleIterator(s.t, s.v) })),
      range: e.range,
      refs,
    };
  }
  throw new PromQLEvalError(`BUG: expected a range vector argument, got ${e.type}`);
}

/** Evaluates a subquery's inner expression on its own step grid covering every window of `refs`. */
export function evalSubquery(e: SubqueryExpr, refs: number[], ctx: EvalContext): PointSeries[] {
  const step = e.step > 0 ? e.step : ctx.defaultStep;
  if (refs.length === 0) return [];
  const lo = refs[0]! - e.range;
  const hi = refs[refs.length - 1]!;
  // First multiple of step strictly after lo: subquery windows are left-open.
  let start = Math.floor(lo / step) * step;
  if (start <= lo) start += step;
  // Count before building: `x[1y:1ms]` must fail fast, not exhaust memory.
  const count = hi >= start ? Math.floor((hi - start) / step) + 1 : 0;
  const cap = ctx.limits.maxSamples > 0 ? ctx.limits.maxSamples : 50_000_000;
  if (count > cap) throw new PromQLTooManySamplesError('subquery evaluation');
  const times: number[] = new Array<number>(count);
  for (let k = 0; k < count; k++) times[k] = start + k * step;
  const inner = evaluate(e.expr, { ...ctx, times });
  return stepsToSeries(inner, times);
}

/** Turns per-step vectors into series, keyed by labels and the name-drop mark. */
export function stepsToSeries(v: StepValue, times: readonly number[]): PointSeries[] {
  if (v.kind === 'scalar') {
    return [{ metric: [], t: [...times], v: times.map((_, i) => v.steps.get(i)), dropName: false }];
  }
  if (v.kind !== 'vector') throw new PromQLEvalError(`BUG: cannot turn ${v.kind} into series`);
  const byKey = new Map<string, PointSeries>();
  for (let i = 0; i < times.length; i++) {
    for (const s of v.steps.get(i)) {
      const key = seriesKey(s);
      let ps = byKey.get(key);
      if (!ps) {
        ps = { metric: s.metric, t: [], v: [], dropName: s.dropName };
        byKey.set(key, ps);
      }
      if (ps.t.length > 0 && ps.t[ps.t.length - 1] === times[i]) {
        throw new PromQLEvalError('vector cannot contain metrics with the same labelset');
      }
      ps.t.push(times[i]!);
      ps.v.push(s.f);
    }
  }
  return [...byKey.values()];
}

function seriesKey(s: Sample): string {
  let k = s.dropName ? '1' : '0';
  for (const l of s.metric) k += `${l.name}\xfe${l.value}\xff`;
  return k;
}

/** A range selector or subquery as the query's result: points of the window at the (single) step. */
function evalRangeAt(e: MatrixSelector | SubqueryExpr, ctx: EvalContext): PointSeries[] {
  const input = rangeInput(e, ctx);
  const ref = input.refs[0];
  if (ref === undefined) return [];
  const out: PointSeries[] = [];
  let held = 0;
  for (const src of input.sources) {
    const it = src.iterator();
    const t: number[] = [];
    const v: number[] = [];
    if (it.seek(ref - input.range + 1)) {
      do {
        const ts = it.at();
        if (ts > ref) break;
        const val = it.value();
        if (!isStale(val)) {
          t.push(ts);
          v.push(val);
        }
      } while (it.next());
    }
    held += t.length;
    countSamples(ctx, held);
    if (t.length > 0) out.push({ metric: src.metric, t, v, dropName: src.dropName });
  }
  return out;
}

import { isStaleNaN as isStale } from './stale.js';
