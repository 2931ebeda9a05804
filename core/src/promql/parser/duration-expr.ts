/**
 * Duration expressions (Prometheus's experimental `promql-duration-expr`):
 * arithmetic over numbers (seconds) and durations in range selectors,
 * subquery steps and offsets, e.g. `foo[5m+1m]`, `offset (1m*2)`,
 * `[step()*2]`. Constant expressions are folded at parse time; those using
 * `step()` or `range()` are resolved when the query runs.
 */
export type DurationExpr =
  | { readonly kind: 'num'; readonly seconds: number }
  | { readonly kind: 'neg'; readonly expr: DurationExpr }
  | { readonly kind: 'bin'; readonly op: '+' | '-' | '*' | '/' | '%' | '^'; readonly lhs: DurationExpr; readonly rhs: DurationExpr }
  | { readonly kind: 'call'; readonly name: 'step' | 'range' | 'min_of' | 'max_of'; readonly args: readonly DurationExpr[] };

/** What step() and range() mean for the query being run, in seconds. */
export interface DurationContext {
  readonly step: number;
  readonly range: number;
}

export function isConstant(e: DurationExpr): boolean {
  switch (e.kind) {
    case 'num': return true;
    case 'neg': return isConstant(e.expr);
    case 'bin': return isConstant(e.lhs) && isConstant(e.rhs);
    case 'call': return (e.name === 'min_of' || e.name === 'max_of') && e.args.every(isConstant);
  }
}

/** Evaluates to seconds. */
export function evalDuration(e: DurationExpr, ctx: DurationContext): number {
  switch (e.kind) {
    case 'num': return e.seconds;
    case 'neg': return -evalDuration(e.expr, ctx);
    case 'bin': {
      const l = evalDuration(e.lhs, ctx);
      const r = evalDuration(e.rhs, ctx);
      switch (e.op) {
        case '+': return l + r;
        case '-': return l - r;
        case '*': return l * r;
        case '/': return l / r;
        case '%': return l % r;
        case '^': return l ** r;
      }
    }
    // eslint-disable-next-line no-fallthrough
    case 'call': {
      if (e.name === 'step') return ctx.step;
      if (e.name === 'range') return ctx.range;
      const a = evalDuration(e.args[0]!, ctx);
      const b = evalDuration(e.args[1]!, ctx);
      return e.name === 'min_of' ? Math.min(a, b) : Math.max(a, b);
    }
  }
}

/** Seconds to whole milliseconds, as the range and offset of a selector. */
export function durationMs(seconds: number): number {
  return Math.round(seconds * 1000);
}
