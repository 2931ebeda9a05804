import type { Labels, Series } from '@panoptes/storage';
import type { Expr, VectorSelector } from '../parser/ast.js';
import type { Steps } from './steps.js';

/** One element of an instant vector at one step. */
export interface Sample {
  metric: Labels;
  f: number;
  /**
   * The metric name is to be removed at the end of the evaluation (delayed
   * name removal, as Prometheus's engine does with the feature enabled).
   */
  dropName: boolean;
}

/** A series with its points, as results of subqueries and range queries hold them. */
export interface PointSeries {
  metric: Labels;
  t: number[];
  v: number[];
  dropName: boolean;
}

/** What evaluating a node gives: one vector or scalar per evaluation step, computed lazily. */
export type StepValue =
  | { readonly kind: 'vector'; readonly steps: Steps<Sample[]> }
  | { readonly kind: 'scalar'; readonly steps: Steps<number> }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'matrix'; readonly series: PointSeries[] };

/** Warnings and infos gathered during evaluation, rendered like Prometheus's. */
export interface Annotations {
  readonly warnings: Set<string>;
  readonly infos: Set<string>;
}

/** Everything the evaluator of one (sub)query needs. */
export interface EvalContext {
  /** Evaluation timestamps, ms, increasing. */
  readonly times: readonly number[];
  /** The top-level query's start and end, for `@ start()` / `@ end()`. */
  readonly queryStart: number;
  readonly queryEnd: number;
  readonly lookback: number;
  /** Step used by subqueries that name none (`[5m:]`). */
  readonly defaultStep: number;
  readonly selected: ReadonlyMap<VectorSelector, Series[]>;
  readonly annotations: Annotations;
  readonly query: string;
  /** The top-level query's step in ms (0 for instant queries), for step(). */
  readonly queryStep: number;
  /** The top-level query is a range query (sort warnings). */
  readonly isRangeQuery: boolean;
  /** maxSamples: most samples one step may hold (0 = none); deadline: ms since the epoch (0 = none). */
  readonly limits: { maxSamples: number; deadline: number; signal: AbortSignal | undefined };
}

export type EvalFn = (e: Expr, ctx: EvalContext) => StepValue;
