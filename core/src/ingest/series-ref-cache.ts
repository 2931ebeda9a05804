import type { Labels, SeriesRef } from '@panoptes/storage';

/** What the cache remembers about a label set that passed validation. */
export interface CachedSeries {
  ref: SeriesRef;
  /** The validated, sorted label set (kept for exemplars and for re-appending after a storage restart). */
  readonly labels: Labels;
}

/**
 * Maps a series' identity bytes (e.g. its labels as they appear on the wire)
 * to its storage reference, so a known series is appended without decoding
 * or validating its labels again. Bounded: past `maxEntries` it starts over,
 * which costs one slow lookup per series, never correctness.
 */
export class SeriesRefCache {
  private map = new Map<string, CachedSeries>();

  constructor(private readonly maxEntries = 2_000_000) {}

  get(key: string): CachedSeries | undefined {
    return this.map.get(key);
  }

  set(key: string, entry: CachedSeries): void {
    if (this.map.size >= this.maxEntries) this.map = new Map();
    this.map.set(key, entry);
  }

  /** Forgets everything, e.g. when limits change on reload. */
  clear(): void {
    this.map = new Map();
  }

  get size(): number {
    return this.map.size;
  }
}
