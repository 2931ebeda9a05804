/** A label set: name to value, `__name__` included when the series has one. */
export type LabelSet = Readonly<Record<string, string>>;

/** One point: time in milliseconds since the epoch, and value. */
export interface Point {
  readonly t: number;
  readonly v: number;
}

/** The result of an instant query, after Prometheus' result types (`matrix` for a bare range selector such as `up[5m]`). */
export type InstantQueryResult =
  | { readonly resultType: 'vector'; readonly result: readonly { readonly labels: LabelSet; readonly point: Point }[] }
  | { readonly resultType: 'matrix'; readonly result: readonly { readonly labels: LabelSet; readonly points: readonly Point[] }[] }
  | { readonly resultType: 'scalar'; readonly result: Point }
  | { readonly resultType: 'string'; readonly result: { readonly t: number; readonly v: string } };

/** The result of a range query: one series of points per label set. */
export interface RangeQueryResult {
  readonly resultType: 'matrix';
  readonly result: readonly { readonly labels: LabelSet; readonly points: readonly Point[] }[];
}

/** Options of {@link PromQuerier.instant}. */
export interface InstantQueryOptions {
  /** Evaluation time in ms; now when left out. */
  readonly time?: number;
  /** Abandons the query. */
  readonly signal?: AbortSignal;
}

/** Options of {@link PromQuerier.range}: the time range and step, like /api/v1/query_range. */
export interface RangeQueryOptions {
  /** Inclusive start, ms. */
  readonly start: number;
  /** Inclusive end, ms. */
  readonly end: number;
  /** Step between evaluations, ms (> 0). */
  readonly step: number;
  readonly signal?: AbortSignal;
}

/**
 * Runs PromQL against Panoptes' storage with Prometheus semantics (5-minute
 * lookback, staleness). Rejects with PNP_SDK_UNAVAILABLE (source
 * `downstream`) when the host has no PromQL engine or storage is not open;
 * with an error whose message gives the position for a bad expression.
 */
export interface PromQuerier {
  instant(expr: string, options?: InstantQueryOptions): Promise<InstantQueryResult>;
  range(expr: string, options: RangeQueryOptions): Promise<RangeQueryResult>;
}
