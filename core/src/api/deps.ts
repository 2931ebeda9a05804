import type { Labels, Queryable, StorageStats } from '@panoptes/storage';
import type { ApiExemplar } from './exemplars.js';

/** Query limits in force (from the `query:` section of the config). */
export interface QueryLimits {
  /** ms */
  readonly lookbackDelta: number;
  /** ms; caps the `timeout` parameter. */
  readonly timeout: number;
  readonly maxSamples: number;
  /** Queries run at once; 0 means no limit. */
  readonly maxConcurrency?: number;
}

/**
 * What the HTTP API needs from the rest of the server. The area adapts the
 * server's AreaContext to it; tests pass an in-memory queryable.
 */
export interface ApiDeps {
  /** The data to query; may throw while storage is not open yet. */
  queryable(): Queryable;
  limits(): QueryLimits;
  stats(limit: number): Promise<StorageStats>;
  buildInfo(): Readonly<Record<string, string>>;
  flags(): Readonly<Record<string, string>>;
  configYaml(): string;
  runtimeInfo(): Readonly<Record<string, unknown>>;
  /** Current time in ms (overridable for tests). */
  now(): number;
  /** The /api/v1/metadata data object (metric name → entries); `{}` when nothing is known. */
  metadata?(opts: { metric?: string; limit?: number; limitPerMetric?: number }): Readonly<Record<string, readonly unknown[]>>;
  /** Stored exemplars within [start, end] (ms) whose series passes `match`, oldest first. */
  exemplars?(start: number, end: number, match: (series: Labels) => boolean): readonly ApiExemplar[];
}
