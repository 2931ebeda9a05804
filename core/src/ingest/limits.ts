/**
 * Limits applied to every push (remote write, OpenTSDB, OTLP). 0 means no
 * limit. The defaults are generous for real senders (Prometheus sends at
 * most 2,000 samples, well under 1 MiB, per request) and tight enough that
 * one bad client cannot exhaust memory.
 */
export interface IngestLimits {
  /** Largest compressed request body in bytes. */
  readonly maxBodyBytes: number;
  /** Largest decompressed body in bytes; checked from the snappy header before allocating. */
  readonly maxDecompressedBytes: number;
  /** Most series (TimeSeries entries) in one request. */
  readonly maxSeriesPerRequest: number;
  /** Most labels on one series, `__name__` included. */
  readonly maxLabelsPerSeries: number;
  /** Longest label name, in bytes. */
  readonly maxLabelNameLength: number;
  /** Longest label value, in bytes. */
  readonly maxLabelValueLength: number;
  /**
   * `legacy`: metric names must match `[a-zA-Z_:][a-zA-Z0-9_:]*` and label
   * names `[a-zA-Z_][a-zA-Z0-9_]*` (remote write 1.0). `utf8`: any non-empty
   * valid UTF-8 (Prometheus 3, remote write 2.0 senders).
   */
  readonly nameValidation: 'legacy' | 'utf8';
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = Object.freeze({
  maxBodyBytes: 32 * 1024 * 1024,
  maxDecompressedBytes: 64 * 1024 * 1024,
  maxSeriesPerRequest: 100_000,
  maxLabelsPerSeries: 64,
  maxLabelNameLength: 1024,
  maxLabelValueLength: 4096,
  nameValidation: 'legacy',
});
