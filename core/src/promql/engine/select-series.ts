import type { Querier, Series } from '@panoptes/storage';
import type { AtModifier, Expr, SubqueryExpr, VectorSelector } from '../parser/ast.js';

interface SelectorUse {
  readonly vs: VectorSelector;
  readonly range: number;
  readonly func: string | undefined;
  readonly path: readonly SubqueryExpr[];
  /** info()'s info series: read at the times its base argument reads. */
  readonly follows?: readonly SelectorUse[];
}

/** Finds every selector with the range it is read over and the enclosing subqueries. */
function collect(e: Expr, path: SubqueryExpr[], func: string | undefined, out: SelectorUse[]): void {
  switch (e.type) {
    case 'VectorSelector':
      out.push({ vs: e, range: 0, func, path: [...path] });
      return;
    case 'MatrixSelector':
      out.push({ vs: e.vector, range: e.range, func, path: [...path] });
      return;
    case 'SubqueryExpr':
      collect(e.expr, [...path, e], undefined, out);
      return;
    case 'ParenExpr': case 'UnaryExpr':
      collect(e.expr, path, func, out);
      return;
    case 'BinaryExpr':
      collect(e.lhs, path, undefined, out);
      collect(e.rhs, path, undefined, out);
      return;
    case 'AggregateExpr':
      if (e.param) collect(e.param, path, undefined, out);
      collect(e.expr, path, undefined, out);
      return;
    case 'Call':
      if (e.func === 'info' && e.args[1]?.type === 'VectorSelector') {
        const base: SelectorUse[] = [];
        collect(e.args[0]!, path, undefined, base);
        out.push(...base, { vs: e.args[1], range: 0, func: 'info', path: [...path], follows: base });
        return;
      }
      for (const a of e.args) collect(a, path, e.func, out);
      return;
    default:
      return;
  }
}

export interface SelectWindow {
  readonly start: number;
  readonly end: number;
  readonly step: number | undefined;
  readonly lookback: number;
}

function resolve(at: AtModifier, w: SelectWindow): number {
  return at.kind === 'time' ? at.ms : at.kind === 'start' ? w.start : w.end;
}

/**
 * The data range one selector needs, as a superset: every time it may be
 * evaluated at (query range, @ times), widened by the offsets and ranges of
 * its enclosing subqueries and its own range or the lookback.
 */
function selectorBounds(u: SelectorUse, w: SelectWindow): [number, number] {
  if (u.follows) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const b of u.follows) {
      const [a, z] = selectorBounds(b, w);
      lo = Math.min(lo, a - w.lookback);
      hi = Math.max(hi, z);
    }
    if (u.follows.length > 0) return [lo, hi];
  }
  const anchors = [w.start, w.end];
  let widenBack = 0;
  let widenFwd = 0;
  for (const sq of u.path) {
    if (sq.at) anchors.push(resolve(sq.at, w));
    widenBack += sq.range + Math.max(0, sq.offset);
    widenFwd += Math.max(0, -sq.offset);
  }
  if (u.vs.at) {
    const t = resolve(u.vs.at, w);
    anchors.length = 0;
    anchors.push(t);
    widenBack = 0;
    widenFwd = 0;
  }
  let lo = Math.min(...anchors) - widenBack - (u.range > 0 ? u.range : w.lookback) - Math.max(0, u.vs.offset);
  let hi = Math.max(...anchors) + widenFwd - Math.min(0, u.vs.offset);
  if (u.vs.offset > 0) hi -= 0;
  // Extended selectors read a lookback before the range and, smoothed, the sample after it.
  if (u.vs.anchored || u.vs.smoothed) lo -= w.lookback;
  if (u.vs.smoothed) hi += w.lookback;
  lo = Math.floor(lo);
  hi = Math.ceil(hi);
  return [lo, hi];
}

/** Selects the series of every selector of the query before evaluation starts. */
export async function selectSeries(expr: Expr, querier: Querier, w: SelectWindow): Promise<Map<VectorSelector, Series[]>> {
  const uses: SelectorUse[] = [];
  collect(expr, [], undefined, uses);
  const out = new Map<VectorSelector, Series[]>();
  await Promise.all(
    uses.map(async (u) => {
      const [start, end] = selectorBounds(u, w);
      const series = await querier.select(
        { start, end, ...(w.step !== undefined ? { step: w.step } : {}), ...(u.func ? { func: u.func } : {}), ...(u.range ? { range: u.range } : {}) },
        u.vs.matchers,
      );
      out.set(u.vs, series);
    }),
  );
  return out;
}

/** The overall time range of all selectors, for opening the querier. */
export function queryBounds(expr: Expr, w: SelectWindow): [number, number] {
  const uses: SelectorUse[] = [];
  collect(expr, [], undefined, uses);
  let lo = Infinity;
  let hi = -Infinity;
  for (const u of uses) {
    const [a, b] = selectorBounds(u, w);
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  return uses.length === 0 ? [w.start, w.end] : [lo, hi];
}
