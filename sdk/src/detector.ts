import type { JsonSchema } from './manifest.js';
import type { Point } from './query.js';

/** What a detector scores. */
export interface DetectorInput<Params = Record<string, unknown>> {
  /** The series' labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** Points in increasing time order. */
  readonly points: readonly Point[];
  /** Parameters from the caller, validated against `paramsSchema` with defaults filled in. */
  readonly params: Params;
}

/**
 * Turns a series into an anomaly score series. Rules and queries use the
 * scores like any other series, e.g. alerting when a score passes 3.
 *
 * Contract: `detect` returns one score per input point, in the same order
 * (NaN where it has no opinion, such as during warm-up). It must be pure for
 * its input: the host may call it for overlapping windows, concurrently.
 */
export interface Detector<Params = Record<string, unknown>> {
  /** `[a-z][a-z0-9_]*`, unique across plugins. */
  readonly name: string;
  readonly description: string;
  readonly paramsSchema?: JsonSchema;
  detect(input: DetectorInput<Params>): readonly number[] | Promise<readonly number[]>;
}

/** Registers detectors; offered only to plugins of kind `detector`. */
export interface DetectorRegistrar {
  /** Throws PNP_SDK_CAPABILITY without the `detector` kind, or when another plugin already registered the name. */
  register<Params>(detector: Detector<Params>): void;
}
