import type { Expr } from '../parser/ast.js';
import { durationMs, evalDuration, type DurationContext } from '../parser/duration-expr.js';
import { PromQLEvalError } from '../errors.js';
import { planInfoCall } from '../functions/info.js';

/**
 * Prepares a freshly parsed tree for a run (mutating it): fills in ranges,
 * steps and offsets written with step() or range() now that the query's step
 * and range are known, and plans info() calls' info-series selectors.
 */
export function resolveDurations(e: Expr, ctx: DurationContext): void {
  switch (e.type) {
    case 'VectorSelector':
      if (e.offsetExpr) e.offset = durationMs(evalDuration(e.offsetExpr, ctx));
      return;
    case 'MatrixSelector':
      resolveDurations(e.vector, ctx);
      if (e.rangeExpr) {
        e.range = durationMs(evalDuration(e.rangeExpr, ctx));
        if (!(e.range > 0)) throw new PromQLEvalError(`range must be positive, got ${e.range}ms`);
      }
      return;
    case 'SubqueryExpr':
      if (e.offsetExpr) e.offset = durationMs(evalDuration(e.offsetExpr, ctx));
      if (e.rangeExpr) {
        e.range = durationMs(evalDuration(e.rangeExpr, ctx));
        if (!(e.range > 0)) throw new PromQLEvalError(`subquery range must be positive, got ${e.range}ms`);
      }
      if (e.stepExpr) e.step = durationMs(evalDuration(e.stepExpr, ctx));
      resolveDurations(e.expr, ctx);
      return;
    case 'ParenExpr': case 'UnaryExpr':
      resolveDurations(e.expr, ctx);
      return;
    case 'BinaryExpr':
      resolveDurations(e.lhs, ctx);
      resolveDurations(e.rhs, ctx);
      return;
    case 'AggregateExpr':
      if (e.param) resolveDurations(e.param, ctx);
      resolveDurations(e.expr, ctx);
      return;
    case 'Call':
      if (e.func === 'info') planInfoCall(e);
      for (const a of e.args) resolveDurations(a, ctx);
      return;
    default:
      return;
  }
}
