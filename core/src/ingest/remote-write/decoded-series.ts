import type { Label } from '@panoptes/storage';

/** One exemplar as pushed: rare enough to be an object. */
export interface PushedExemplar {
  readonly labels: Label[];
  readonly value: number;
  readonly timestamp: number;
}

/** One metric family's metadata as pushed (remote write MetricMetadata). */
export interface PushedMetadata {
  readonly metricFamilyName: string;
  readonly type: MetricType;
  readonly help: string;
  readonly unit: string;
}

/** Metric types in Prometheus' lower-case spelling, indexed by the protobuf enum value. */
export const METRIC_TYPES = ['unknown', 'counter', 'gauge', 'histogram', 'gaugehistogram', 'summary', 'info', 'stateset'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

/**
 * The series a decoder is looking at, reused from one series to the next so
 * decoding allocates nothing per sample. A handler reads it synchronously
 * inside the callback and must copy what it keeps; the arrays are valid only
 * up to `sampleCount`.
 *
 * `keyBuf[keyStart, keyEnd)` identifies the label set by its wire bytes
 * (usually a range of the request itself; no UTF-8 decoding, no string), for
 * looking up a series reference; `labels()` decodes the label set only when
 * the key is not known yet.
 */
export class DecodedSeries {
  keyBuf: Buffer = Buffer.alloc(0);
  keyStart = 0;
  keyEnd = 0;
  /** Where keys that are not one contiguous range are assembled. */
  private scratch = Buffer.allocUnsafe(4096);
  private scratchUsed = 0;
  sampleCount = 0;
  timestamps = new Float64Array(256);
  values = new Float64Array(256);
  histogramCount = 0;
  exemplars: PushedExemplar[] = [];
  /** Set by the decoder: decodes the current label set. */
  labels: () => Label[] = () => [];

  /** Starts a new series. */
  clear(): void {
    this.keyStart = 0;
    this.keyEnd = 0;
    this.scratchUsed = 0;
    this.sampleCount = 0;
    this.histogramCount = 0;
    if (this.exemplars.length > 0) this.exemplars = [];
  }

  /** Appends bytes to a key assembled in the scratch buffer (then call `useScratchKey`). */
  appendKeyBytes(src: Buffer, start: number, end: number, separator: number): void {
    const need = this.scratchUsed + (end - start) + 1;
    if (need > this.scratch.length) {
      const bigger = Buffer.allocUnsafe(need * 2);
      this.scratch.copy(bigger, 0, 0, this.scratchUsed);
      this.scratch = bigger;
    }
    src.copy(this.scratch, this.scratchUsed, start, end);
    this.scratchUsed += end - start;
    this.scratch[this.scratchUsed++] = separator;
  }

  useScratchKey(): void {
    this.keyBuf = this.scratch;
    this.keyStart = 0;
    this.keyEnd = this.scratchUsed;
  }

  pushSample(t: number, v: number): void {
    if (this.sampleCount === this.timestamps.length) {
      const ts = new Float64Array(this.timestamps.length * 2);
      ts.set(this.timestamps);
      this.timestamps = ts;
      const vs = new Float64Array(this.values.length * 2);
      vs.set(this.values);
      this.values = vs;
    }
    this.timestamps[this.sampleCount] = t;
    this.values[this.sampleCount] = v;
    this.sampleCount++;
  }
}

/** Called once per decoded series; the series object is reused afterwards. */
export type SeriesHandler = (series: DecodedSeries) => void;
