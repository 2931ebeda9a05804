import type { Label, Labels } from '@panoptes/storage';

/** One stored exemplar with the series it belongs to. */
export interface StoredExemplar {
  readonly seriesLabels: Labels;
  readonly labels: readonly Label[];
  readonly value: number;
  /** ms since the epoch. */
  readonly timestamp: number;
}

/**
 * A fixed-size ring of the most recent exemplars, like Prometheus' circular
 * exemplar storage: in memory only, oldest overwritten first. Fed by remote
 * write and OpenMetrics scrapes; read by the API area for
 * `/api/v1/query_exemplars` (filter by series with `query`).
 */
export class ExemplarStore {
  private readonly ring: (StoredExemplar | undefined)[];
  private next = 0;

  constructor(readonly capacity = 100_000) {
    this.ring = new Array<StoredExemplar | undefined>(Math.max(1, capacity));
  }

  add(e: StoredExemplar): void {
    this.ring[this.next] = e;
    this.next = (this.next + 1) % this.ring.length;
  }

  /** Exemplars with timestamps in [start, end] whose series passes `match`, oldest first. */
  query(start: number, end: number, match: (series: Labels) => boolean): StoredExemplar[] {
    const out: StoredExemplar[] = [];
    for (let i = 0; i < this.ring.length; i++) {
      const e = this.ring[(this.next + i) % this.ring.length];
      if (e && e.timestamp >= start && e.timestamp <= end && match(e.seriesLabels)) out.push(e);
    }
    return out;
  }
}
