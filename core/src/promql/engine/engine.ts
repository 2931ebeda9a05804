import type { Labels, Queryable } from '@panoptes/storage';
import type { Expr } from '../parser/ast.js';
import { exprType, parseExpr } from '../parser/parser.js';
import { PromQLEvalError } from '../errors.js';
import { evaluate } from './evaluator.js';
import { compareLabels, dropMetricName, labelsKey } from './labels.js';
import { queryBounds, selectSeries } from './select-series.js';
import { resolveDurations } from './resolve-durations.js';
import type { Annotations, EvalContext, Sample, StepValue } from './types.js';

export interface EngineOptions {
  /** How far back an instant selector looks for a sample, ms. Default 5 m. */
  readonly lookbackDelta?: number;
  /** Most samples one step or window may hold; 0 means no limit. Default 50,000,000 as Prometheus. */
  readonly maxSamples?: number;
  /** Query timeout in ms; 0 means none. Default 2 m. */
  readonly timeout?: number;
  /** Step of subqueries written without one (`[5m:]`), ms. Default 1 m. */
  readonly defaultSubqueryStep?: number;
}

export interface QueryOptions {
  readonly lookbackDelta?: number;
  readonly timeout?: number;
  readonly signal?: AbortSignal;
}

export interface VectorElement {
  readonly metric: Labels;
  readonly t: number;
  readonly f: number;
}

export interface MatrixSeries {
  readonly metric: Labels;
  readonly t: number[];
  readonly f: number[];
}

export type QueryData =
  | { readonly resultType: 'vector'; readonly result: VectorElement[] }
  | { readonly resultType: 'matrix'; readonly result: MatrixSeries[] }
  | { readonly resultType: 'scalar'; readonly result: { t: number; f: number } }
  | { readonly resultType: 'string'; readonly result: { t: number; s: string } };

export interface QueryResult {
  readonly data: QueryData;
  readonly warnings: string[];
  readonly infos: string[];
}

/**
 * Runs PromQL over a Queryable. Every query parses, selects the series of
 * all its selectors up front (the only asynchronous part), then evaluates
 * step by step over lazy per-series iterators.
 */
export class Engine {
  readonly lookbackDelta: number;
  readonly maxSamples: number;
  readonly timeout: number;
  readonly defaultSubqueryStep: number;

  constructor(private readonly queryable: Queryable, opts: EngineOptions = {}) {
    this.lookbackDelta = opts.lookbackDelta && opts.lookbackDelta > 0 ? opts.lookbackDelta : 300_000;
    this.maxSamples = opts.maxSamples ?? 50_000_000;
    this.timeout = opts.timeout ?? 120_000;
    this.defaultSubqueryStep = opts.defaultSubqueryStep ?? 60_000;
  }

  /** Evaluates at one time (ms). */
  async instantQuery(query: string, time: number, opts: QueryOptions = {}): Promise<QueryResult> {
    const expr = parseExpr(query);
    const { value: data, annotations } = await this.run(expr, query, [time], time, time, undefined, opts, (v) => instantData(v, time));
    return { data, warnings: [...annotations.warnings], infos: [...annotations.infos] };
  }

  /** Evaluates at start, start+step, … ≤ end (ms). */
  async rangeQuery(query: string, start: number, end: number, step: number, opts: QueryOptions = {}): Promise<QueryResult> {
    const expr = parseExpr(query);
    const t = exprType(expr);
    if (t !== 'scalar' && t !== 'vector') {
      throw new PromQLEvalError(`invalid expression type "${t === 'matrix' ? 'range vector' : t}" for range query, must be Scalar or instant Vector`);
    }
    if (step <= 0) throw new PromQLEvalError('zero or negative query resolution step widths are not accepted');
    const times: number[] = [];
    for (let x = start; x <= end; x += step) times.push(x);
    const { value: result, annotations } = await this.run(expr, query, times, start, end, step, opts, (v) => rangeSeries(v, times));
    return { data: { resultType: 'matrix', result }, warnings: [...annotations.warnings], infos: [...annotations.infos] };
  }

  /**
   * Selects, evaluates and hands the lazy result to `consume` while the
   * querier is still open: values are computed as `consume` reads them.
   */
  private async run<T>(
    expr: Expr, query: string, times: number[], start: number, end: number, step: number | undefined, opts: QueryOptions,
    consume: (v: StepValue) => T,
  ): Promise<{ value: T; annotations: Annotations }> {
    const lookback = opts.lookbackDelta && opts.lookbackDelta > 0 ? opts.lookbackDelta : this.lookbackDelta;
    const timeout = opts.timeout && opts.timeout > 0 ? Math.min(opts.timeout, this.timeout || Infinity) : this.timeout;
    resolveDurations(expr, { step: (step ?? 0) / 1000, range: (end - start) / 1000 });
    const window = { start, end, step, lookback };
    const [mint, maxt] = queryBounds(expr, window);
    const querier = await this.queryable.querier(mint, maxt);
    try {
      const selected = await selectSeries(expr, querier, window);
      const annotations: Annotations = { warnings: new Set(), infos: new Set() };
      const ctx: EvalContext = {
        times, queryStart: start, queryEnd: end, lookback, defaultStep: this.defaultSubqueryStep,
        selected, annotations, query, isRangeQuery: step !== undefined, queryStep: step ?? 0,
        limits: { maxSamples: this.maxSamples, deadline: timeout > 0 ? Date.now() + timeout : 0, signal: opts.signal },
      };
      try {
        return { value: consume(evaluate(expr, ctx)), annotations };
      } catch (err) {
        if (err instanceof RangeError) throw new PromQLEvalError('expression nesting is too deep to evaluate', { cause: err });
        throw err;
      }
    } finally {
      await querier.close();
    }
  }
}

function finalMetric(s: { metric: Labels; dropName: boolean }): Labels {
  return s.dropName ? dropMetricName(s.metric) : s.metric;
}

function instantData(v: StepValue, time: number): QueryData {
  switch (v.kind) {
    case 'scalar':
      return { resultType: 'scalar', result: { t: time, f: v.steps.get(0) } };
    case 'string':
      return { resultType: 'string', result: { t: time, s: v.value } };
    case 'vector': {
      const vec = v.steps.get(0);
      const seen = new Set<string>();
      const result = vec.map((s: Sample) => {
        const metric = finalMetric(s);
        const k = labelsKey(metric);
        if (seen.has(k)) throw new PromQLEvalError('vector cannot contain metrics with the same labelset');
        seen.add(k);
        return { metric, t: time, f: s.f };
      });
      return { resultType: 'vector', result };
    }
    case 'matrix': {
      const seen = new Set<string>();
      const result = v.series.map((s) => {
        const metric = finalMetric(s);
        const k = labelsKey(metric);
        if (seen.has(k)) throw new PromQLEvalError('vector cannot contain metrics with the same labelset');
        seen.add(k);
        return { metric, t: s.t, f: s.v };
      });
      result.sort((a, b) => compareLabels(a.metric, b.metric));
      return { resultType: 'matrix', result };
    }
  }
}

/** Per-step vectors into a matrix sorted by labels; series that end with equal labels merge when their points do not collide. */
function rangeSeries(v: StepValue, times: number[]): MatrixSeries[] {
  if (v.kind === 'scalar') return [{ metric: [], t: [...times], f: times.map((_, i) => v.steps.get(i)) }];
  if (v.kind !== 'vector') throw new PromQLEvalError(`BUG: range query produced ${v.kind}`);
  const byKey = new Map<string, MatrixSeries>();
  // Label-set objects recur at every step: look them up by identity first.
  const byObject = new Map<Labels, MatrixSeries>();
  for (let i = 0; i < times.length; i++) {
    for (const s of v.steps.get(i)) {
      const metric = finalMetric(s);
      let ms = byObject.get(metric);
      if (!ms) {
        const k = labelsKey(metric);
        ms = byKey.get(k);
        if (!ms) {
          ms = { metric, t: [], f: [] };
          byKey.set(k, ms);
        }
        byObject.set(metric, ms);
      }
      const last = ms.t[ms.t.length - 1];
      if (last === times[i]) throw new PromQLEvalError('vector cannot contain metrics with the same labelset');
      ms.t.push(times[i]!);
      ms.f.push(s.f);
    }
  }
  return [...byKey.values()].sort((a, b) => compareLabels(a.metric, b.metric));
}
