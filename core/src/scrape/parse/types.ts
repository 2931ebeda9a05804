import type { Label } from '@panoptes/storage';

/** Metric types as the text formats spell them (`untyped` is reported as `unknown`). */
export type ExpositionType = 'counter' | 'gauge' | 'histogram' | 'gaugehistogram' | 'summary' | 'info' | 'stateset' | 'unknown';

/** One sample line. `labels` holds `__name__` first, then the labels in the order written. */
export interface ParsedSample {
  /** The metric name and label set exactly as written: a cheap identity for caching what was derived from them. */
  readonly series: string;
  readonly labels: Label[];
  readonly value: number;
  /** Explicit timestamp in ms, converted from seconds for OpenMetrics. */
  readonly timestamp?: number;
  readonly exemplar?: ParsedExemplar;
}

export interface ParsedExemplar {
  readonly labels: Label[];
  readonly value: number;
  readonly timestamp?: number;
}

/** HELP / TYPE / UNIT of one metric family. */
export interface FamilyMetadata {
  type: ExpositionType;
  help: string;
  unit: string;
}

export interface ParsedExposition {
  readonly samples: ParsedSample[];
  /** Family name → metadata, for /api/v1/metadata. */
  readonly metadata: Map<string, FamilyMetadata>;
  readonly format: 'text' | 'openmetrics';
}
