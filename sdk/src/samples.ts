/** One sample to write: a metric name, labels, a value and an optional time. */
export interface Sample {
  /** Metric name, `[a-zA-Z_:][a-zA-Z0-9_:]*` (becomes the `__name__` label). */
  readonly name: string;
  /** Label names `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__`. Empty values are dropped, as in Prometheus. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Any float, including NaN, ±Inf and {@link STALE_MARKER}. */
  readonly value: number;
  /** Milliseconds since the epoch; the host's clock when left out. */
  readonly timestamp?: number;
}

/**
 * Writes samples into Panoptes' storage.
 *
 * Contract: one `append` call is one batch. It resolves only after every
 * sample of the batch is durable (in the write-ahead log), and rejects with
 * nothing of the batch visible. It rejects with PNP_SDK_SAMPLE (source
 * `plugin`) when a sample is malformed, naming the sample, and with
 * PNP_SDK_UNAVAILABLE (source `downstream`) when storage cannot take writes.
 * Calls may overlap; each is its own batch. The host counts appended samples
 * per plugin (`panoptes_plugin_samples_appended_total`).
 */
export interface SampleAppender {
  append(samples: readonly Sample[]): Promise<void>;
}

/**
 * The Prometheus staleness marker: a NaN with bits 0x7ff0000000000002.
 * Write it for a series that disappeared so queries stop returning it at
 * once instead of after the 5-minute lookback. Compare with
 * {@link isStaleMarker}, never with `===`.
 */
export const STALE_MARKER: number = (() => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, 0x7ff0000000000002n);
  return view.getFloat64(0);
})();

/** True when `v` carries the exact bits of {@link STALE_MARKER}. */
export function isStaleMarker(v: number): boolean {
  // A DataView keeps NaN payload bits; an array literal of doubles may canonicalise them.
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  return view.getBigUint64(0) === 0x7ff0000000000002n;
}

/** Metric names as Prometheus allows them. */
export const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** Label names as Prometheus allows them (names starting with `__` are reserved). */
export const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Why a sample cannot be written, or undefined when it can. */
export function sampleProblem(s: Sample): string | undefined {
  if (s === null || typeof s !== 'object') return 'not a sample object';
  if (typeof s.name !== 'string' || !METRIC_NAME_RE.test(s.name)) return `metric name ${JSON.stringify(s.name)} is invalid`;
  if (typeof s.value !== 'number') return `${s.name}: value ${JSON.stringify(s.value)} is not a number`;
  if (s.timestamp !== undefined && !Number.isSafeInteger(s.timestamp)) return `${s.name}: timestamp ${String(s.timestamp)} is not an integer of milliseconds`;
  for (const [k, v] of Object.entries(s.labels ?? {})) {
    if (!LABEL_NAME_RE.test(k) || k.startsWith('__')) return `${s.name}: label name ${JSON.stringify(k)} is invalid`;
    if (typeof v !== 'string') return `${s.name}: label ${k} has a non-string value ${JSON.stringify(v)}`;
  }
  return undefined;
}
