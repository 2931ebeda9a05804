/**
 * The PromQL syntax tree. Every node carries the byte range of the query
 * text it came from, so errors and annotations can point at it.
 */

import type { DurationExpr } from './duration-expr.js';

/** Byte offsets [start, end) into the query text. */
export interface PositionRange {
  readonly start: number;
  readonly end: number;
}

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export type MatcherType = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  readonly type: MatcherType;
  readonly name: string;
  readonly value: string;
}

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '^' | 'atan2'
  | '==' | '!=' | '>' | '<' | '>=' | '<='
  | 'and' | 'or' | 'unless';

export type AggregateOp =
  | 'sum' | 'avg' | 'count' | 'min' | 'max' | 'stddev' | 'stdvar' | 'group'
  | 'topk' | 'bottomk' | 'quantile' | 'count_values' | 'limitk' | 'limit_ratio';

/** `@ <time>`, `@ start()` or `@ end()`; the time is in ms. */
export type AtModifier =
  | { readonly kind: 'time'; readonly ms: number }
  | { readonly kind: 'start' }
  | { readonly kind: 'end' };

export interface VectorMatching {
  readonly card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
  /** Labels of on()/ignoring(). */
  readonly matchingLabels: readonly string[];
  /** true for on(), false for ignoring() (or none). */
  readonly on: boolean;
  /** Extra labels of group_left()/group_right(). */
  readonly include: readonly string[];
  /** `fill_left(v)` / `fill(v)`: value for a missing left-hand sample (experimental). */
  readonly fillLeft?: number;
  /** `fill_right(v)` / `fill(v)`: value for a missing right-hand sample (experimental). */
  readonly fillRight?: number;
}

export interface NumberLiteral {
  readonly type: 'NumberLiteral';
  readonly value: number;
  readonly pos: PositionRange;
}

export interface StringLiteral {
  readonly type: 'StringLiteral';
  readonly value: string;
  readonly pos: PositionRange;
}

export interface VectorSelector {
  readonly type: 'VectorSelector';
  /** The metric name when written before the braces (or as `__name__="x"`). */
  readonly name: string;
  readonly matchers: readonly Matcher[];
  /** Offset in ms (negative allowed). */
  offset: number;
  /** An offset expression using step() or range(), resolved per query. */
  offsetExpr?: DurationExpr;
  at: AtModifier | undefined;
  /**
   * Experimental extended range selectors: `anchored` adds the last sample
   * before the range; `smoothed` interpolates values at the range edges
   * (and, on an instant selector, at the evaluation time).
   */
  anchored?: boolean;
  smoothed?: boolean;
  readonly pos: PositionRange;
}

export interface MatrixSelector {
  readonly type: 'MatrixSelector';
  readonly vector: VectorSelector;
  /** Range in ms (resolved from rangeExpr when the query runs). */
  range: number;
  /** A duration expression using step() or range(), resolved per query. */
  readonly rangeExpr?: DurationExpr;
  readonly pos: PositionRange;
}

export interface SubqueryExpr {
  readonly type: 'SubqueryExpr';
  readonly expr: Expr;
  range: number;
  /** Step in ms; 0 means the engine's default resolution. */
  step: number;
  offset: number;
  readonly rangeExpr?: DurationExpr;
  readonly stepExpr?: DurationExpr;
  offsetExpr?: DurationExpr;
  at: AtModifier | undefined;
  readonly pos: PositionRange;
}

export interface ParenExpr {
  readonly type: 'ParenExpr';
  readonly expr: Expr;
  readonly pos: PositionRange;
}

export interface UnaryExpr {
  readonly type: 'UnaryExpr';
  readonly op: '+' | '-';
  readonly expr: Expr;
  readonly pos: PositionRange;
}

export interface BinaryExpr {
  readonly type: 'BinaryExpr';
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  /** `bool` modifier on a comparison. */
  readonly returnBool: boolean;
  /** Present when both sides are vectors. */
  readonly matching: VectorMatching | undefined;
  readonly pos: PositionRange;
}

export interface AggregateExpr {
  readonly type: 'AggregateExpr';
  readonly op: AggregateOp;
  readonly expr: Expr;
  readonly param: Expr | undefined;
  readonly grouping: readonly string[];
  /** true for without(), false for by() or none. */
  readonly without: boolean;
  readonly pos: PositionRange;
}

export interface Call {
  readonly type: 'Call';
  readonly func: string;
  readonly args: readonly Expr[];
  readonly pos: PositionRange;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | ParenExpr
  | UnaryExpr
  | BinaryExpr
  | AggregateExpr
  | Call;

export const COMPARISON_OPS: ReadonlySet<string> = new Set(['==', '!=', '>', '<', '>=', '<=']);
export const SET_OPS: ReadonlySet<string> = new Set(['and', 'or', 'unless']);

/** Aggregations that take a parameter before the vector. */
export const PARAM_AGGREGATIONS: ReadonlySet<string> = new Set([
  'topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio',
]);
