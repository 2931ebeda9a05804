import type { Call } from '../parser/ast.js';
import { PromQLEvalError } from '../errors.js';
import { RangeCursor, type Window } from '../engine/cursors.js';
import { checkLimits, type RangeInput } from '../engine/evaluator.js';
import { Steps } from '../engine/steps.js';
import type { EvalContext, Sample, StepValue } from '../engine/types.js';

/**
 * Prometheus's experimental extended range selectors. `x[5m] anchored` reads
 * the window plus the last sample at or before its start (within the
 * lookback), and rate/increase/delta then take last minus first without
 * extrapolation. `x[5m] smoothed` replaces the edges by values interpolated
 * at the range start and end (a counter that reset in between is taken to
 * restart from zero).
 */

const ANCHORED_FUNCS = ['changes', 'delta', 'increase', 'rate', 'resets'];
const SMOOTHED_FUNCS = ['delta', 'increase', 'rate'];

export function checkExtendedUse(func: string, anchored: boolean, smoothed: boolean): void {
  if (anchored && !ANCHORED_FUNCS.includes(func)) {
    throw new PromQLEvalError(`anchored modifier can only be used with: ${ANCHORED_FUNCS.join(', ')} - not with ${func}`);
  }
  if (smoothed && !SMOOTHED_FUNCS.includes(func)) {
    throw new PromQLEvalError(`smoothed modifier can only be used with: ${SMOOTHED_FUNCS.join(', ')} - not with ${func}`);
  }
}

interface Point {
  t: number;
  v: number;
}

/** Value at t between two samples; a counter that went down restarts from zero. */
export function interpolate(a: Point, b: Point, t: number, isCounter: boolean): number {
  if (t === a.t) return a.v;
  if (t === b.t) return b.v;
  const frac = (t - a.t) / (b.t - a.t);
  if (isCounter && b.v < a.v) return b.v * frac;
  return a.v + (b.v - a.v) * frac;
}

/** Splits a buffer holding (start - lookback, end] into the sample at/before start and those after it. */
function split(w: Window, rangeStart: number): { before: Point | undefined; first: number } {
  let i = w.lo;
  while (i < w.hi && w.ts[i]! <= rangeStart) i++;
  const before = i > w.lo ? { t: w.ts[i - 1]!, v: w.vs[i - 1]! } : undefined;
  return { before, first: i };
}

export function anchoredPoints(w: Window, rangeStart: number): Point[] | undefined {
  const { before, first } = split(w, rangeStart);
  if (first >= w.hi) return undefined;
  const pts: Point[] = before ? [before] : [];
  for (let i = first; i < w.hi; i++) pts.push({ t: w.ts[i]!, v: w.vs[i]! });
  return pts;
}

export function smoothedPoints(w: Window, rangeStart: number, rangeEnd: number, after: Point | undefined, isCounter: boolean): Point[] | undefined {
  const { before, first } = split(w, rangeStart);
  const inside: Point[] = [];
  for (let i = first; i < w.hi; i++) inside.push({ t: w.ts[i]!, v: w.vs[i]! });
  if (inside.length === 0 && (!before || !after)) return undefined;
  const nextAfterStart = inside[0] ?? after;
  const left = before && nextAfterStart ? interpolate(before, nextAfterStart, rangeStart, isCounter) : inside[0]!.v;
  const last = inside[inside.length - 1] ?? before!;
  let right: number;
  if (last.t === rangeEnd) right = last.v;
  else right = after ? interpolate(last, after, rangeEnd, isCounter) : last.v;
  const pts: Point[] = [{ t: rangeStart, v: left }];
  for (const p of inside) if (p.t < rangeEnd) pts.push(p);
  pts.push({ t: rangeEnd, v: right });
  return pts;
}

function counterIncrease(pts: Point[]): number {
  let result = pts[pts.length - 1]!.v - pts[0]!.v;
  for (let i = 1; i < pts.length; i++) if (pts[i]!.v < pts[i - 1]!.v) result += pts[i - 1]!.v;
  return result;
}

function compute(func: string, pts: Point[], rangeSeconds: number): number {
  switch (func) {
    case 'increase': return counterIncrease(pts);
    case 'rate': return counterIncrease(pts) / rangeSeconds;
    case 'delta': return pts[pts.length - 1]!.v - pts[0]!.v;
    case 'changes': {
      let n = 0;
      for (let i = 1; i < pts.length; i++) {
        const a = pts[i - 1]!.v;
        const b = pts[i]!.v;
        if (!(a === b || (Number.isNaN(a) && Number.isNaN(b)))) n++;
      }
      return n;
    }
    case 'resets': {
      let n = 0;
      for (let i = 1; i < pts.length; i++) if (pts[i]!.v < pts[i - 1]!.v) n++;
      return n;
    }
    default:
      throw new PromQLEvalError(`BUG: ${func} over an extended range`);
  }
}

/** rate/increase/delta/changes/resets over an anchored or smoothed range. */
export function evalExtendedRange(e: Call, input: RangeInput, ctx: EvalContext, smoothed: boolean): StepValue {
  const isCounter = e.func === 'rate' || e.func === 'increase';
  const cursors = input.sources.map((src) => new RangeCursor(src.iterator(), input.range + ctx.lookback, false));
  return {
    kind: 'vector',
    steps: Steps.of(ctx.times.length, (i) => {
      checkLimits(ctx);
      const ref = input.refs[i]!;
      const rangeStart = ref - input.range;
      const out: Sample[] = [];
      for (let k = 0; k < cursors.length; k++) {
        const c = cursors[k]!;
        const w = c.windowAt(ref);
        const pts = smoothed ? smoothedPoints(w, rangeStart, ref, c.peek(), isCounter) : anchoredPoints(w, rangeStart);
        if (!pts) continue;
        out.push({ metric: input.sources[k]!.metric, f: compute(e.func, pts, input.range / 1000), dropName: true });
      }
      return out;
    }),
  };
}
