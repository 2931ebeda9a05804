/**
 * The storage API: the only surface core (ingest, PromQL, rules, plugin host)
 * uses. Nothing outside storage/ reaches around it into the head, the WAL or
 * LevelDB keys. Shaped after Prometheus' storage/interface.go (Appender,
 * Querier, SeriesSet) with one difference: reads from LevelDB are
 * asynchronous, so `select` resolves to series whose sample iterators are
 * synchronous over chunks already fetched (still compressed) for the range.
 */

/** One label. Label sets are arrays sorted by name, names unique. */
export interface Label {
  readonly name: string;
  readonly value: string;
}

/** A label set sorted by name with unique names; `__name__` is the metric name. */
export type Labels = readonly Label[];

export type MatchType = '=' | '!=' | '=~' | '!~';

/**
 * A label matcher. Regular expressions are fully anchored and dot-all, as in
 * Prometheus (`^(?s:value)$`). A matcher on a missing label sees the empty
 * string, so `{foo=""}` selects series without `foo`.
 */
export interface LabelMatcher {
  readonly type: MatchType;
  readonly name: string;
  readonly value: string;
}

/** Opaque handle to a series, stable for the lifetime of the data directory. */
export type SeriesRef = number;

/**
 * Collects samples and makes them durable as one batch.
 *
 * Contract: `append` buffers in memory and may be called many times; nothing
 * is visible to queries or durable until `commit` resolves. `commit` resolves
 * only after the batch is in the WAL under the configured sync policy
 * (acknowledged means durable). An appender is used by one caller at a time
 * and must not be reused after commit or rollback.
 */
export interface Appender {
  /**
   * Adds one sample. `ref` is a reference returned by an earlier append for
   * the same label set (0 when unknown); when given, `labels` may be omitted.
   * Timestamps are milliseconds since the epoch. The value may be any float,
   * including the Prometheus stale marker NaN (bits 0x7ff0000000000002),
   * which is stored bit for bit. Returns the series reference to cache.
   */
  append(ref: SeriesRef, labels: Labels | undefined, t: number, v: number): SeriesRef;
  /** Makes the batch durable and visible. Rejects on I/O failure; nothing of the batch is then visible. */
  commit(): Promise<void>;
  /** Drops the batch. */
  rollback(): void;
}

/** What a select is for, so the querier may pick rollups or skip work. */
export interface SelectHints {
  /** Inclusive start of the data needed, ms. */
  readonly start: number;
  /** Inclusive end of the data needed, ms. */
  readonly end: number;
  /** Evaluation step of the query in ms, when it is a range query. */
  readonly step?: number;
  /** The function the selection feeds, e.g. `rate`, `max_over_time`; `series` for metadata only. */
  readonly func?: string;
  /** Range of a range-vector selector in ms, e.g. 300000 for `[5m]`. */
  readonly range?: number;
}

/**
 * Iterates one series' samples in increasing time order. Samples with the
 * same timestamp appear once (last write wins). Behaviour before the first
 * `next` or `seek` is unspecified.
 */
export interface SampleIterator {
  /** Advances to the next sample; false when exhausted. */
  next(): boolean;
  /** Advances to the first sample with timestamp >= t (never goes back); false when none. */
  seek(t: number): boolean;
  /** Timestamp of the current sample, ms. */
  at(): number;
  /** Value of the current sample. */
  value(): number;
  /**
   * Optional zero-copy access for readers of windows: the decoded samples
   * of the run (chunk) the iterator is in, in time order, stale markers
   * included. The object and arrays belong to the iterator: valid until it
   * moves past index `n - 1`. Call only while on a sample (after `next` or
   * `seek` returned true).
   */
  run?(): SampleRun;
}

/**
 * Decoded samples an iterator holds: `t[i]`/`v[i]` is the current sample,
 * the run holds indices [first, n): samples before `i` are ones already passed.
 */
export interface SampleRun {
  t: Float64Array;
  v: Float64Array;
  /** Index of the run's first sample (earlier indices are not part of it). */
  first: number;
  i: number;
  n: number;
  /** False when no sample follows the run: a window ending after it lies wholly inside it. */
  more: boolean;
}

/** One selected series. */
export interface Series {
  readonly labels: Labels;
  /** A fresh iterator over the samples within the select's range. */
  iterator(): SampleIterator;
}

/** Reads a snapshot of the data for a time range. */
export interface Querier {
  /** Series matching all matchers (at least one must not match the empty string), sorted by labels. */
  select(hints: SelectHints, matchers: readonly LabelMatcher[]): Promise<Series[]>;
  /**
   * Label names of series matching the matchers (all series when none) that
   * may have samples in the querier's range, sorted. Window-granular for
   * persisted data: may include a series with no sample in the range, never
   * leaves out one that has.
   */
  labelNames(matchers?: readonly LabelMatcher[]): Promise<string[]>;
  /** Values of one label among series matching the matchers with possible samples in the querier's range (as labelNames), sorted. */
  labelValues(name: string, matchers?: readonly LabelMatcher[]): Promise<string[]>;
  /** Releases what the querier holds. */
  close(): Promise<void>;
}

/** Something that hands out queriers, e.g. the storage itself. */
export interface Queryable {
  querier(mint: number, maxt: number): Promise<Querier>;
}

/**
 * A private keyspace in the data directory's LevelDB (a sublevel). Core gives
 * one to each area (alert state, silences, dashboards) and to each plugin; a
 * holder sees nothing outside its own prefix.
 */
export interface KeySpace {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  /** Entries with keys in [gte, lt), in key order. */
  entries(range?: { gte?: string; lt?: string; limit?: number }): AsyncIterable<[string, Uint8Array]>;
  /** A nested keyspace. */
  sub(name: string): KeySpace;
}

/** Cardinality and size figures, as `panoptes tsdb stats` and /api/v1/status/tsdb show them. */
export interface StorageStats {
  readonly series: number;
  readonly samples: number;
  readonly chunks: number;
  readonly minTime: number | null;
  readonly maxTime: number | null;
  readonly bytesOnDisk: Record<string, number>;
  readonly headSeries: number;
  readonly headChunks: number;
  /** Label names with the most values, highest first. */
  readonly labelValueCountByLabelName: readonly { name: string; value: number }[];
  /** Series count per metric name, highest first. */
  readonly seriesCountByMetricName: readonly { name: string; value: number }[];
  /** Series count per label name=value pair, highest first. */
  readonly seriesCountByLabelValuePair: readonly { name: string; value: number }[];
  /** Memory used by label pairs in the index, highest first. */
  readonly memoryInBytesByLabelName: readonly { name: string; value: number }[];
}

/** The storage engine, as core sees it. */
export interface Storage extends Queryable {
  appender(): Appender;
  /** Deletes samples of matching series within [mint, maxt]. */
  deleteSeries(matchers: readonly LabelMatcher[], mint: number, maxt: number): Promise<void>;
  stats(opts?: { limit?: number }): Promise<StorageStats>;
  /** A private keyspace for an area of core or a plugin. */
  keyspace(name: string): KeySpace;
  /** Persists what must be persisted and releases the data directory. */
  close(): Promise<void>;
}
