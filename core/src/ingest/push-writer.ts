import type { Label, SeriesRef, Storage } from '@panoptes/storage';
import { IngestError } from './errors.js';
import type { IngestLimits } from './limits.js';
import { validateLabels } from './validate-labels.js';

/** One point from a push protocol that builds label sets itself (OpenTSDB, OTLP). */
export interface PushPoint {
  readonly labels: Label[];
  readonly t: number;
  readonly v: number;
}

export interface PushResult {
  accepted: number;
  /** Index of each rejected point in the input and why. */
  readonly rejected: { index: number; error: string }[];
}

/**
 * Validates and appends points as one batch, resolving only when the batch
 * is durable. Invalid points are reported, never written; valid ones are.
 * A storage failure rejects the whole call with PNP_INGEST_STORAGE (retry).
 */
export class PushWriter {
  private refs = new Map<string, { ref: SeriesRef; labels: Label[] }>();

  constructor(
    private readonly storage: () => Storage,
    private limits: IngestLimits,
  ) {}

  setLimits(limits: IngestLimits): void {
    this.limits = limits;
    this.refs = new Map();
  }

  async write(points: readonly PushPoint[]): Promise<PushResult> {
    const result: PushResult = { accepted: 0, rejected: [] };
    if (points.length === 0) return result;
    const app = this.storage().appender();
    const touched: string[] = [];
    points.forEach((p, index) => {
      let key = '';
      for (const l of p.labels) key += `${l.name}\u0000${l.value}\u0001`;
      let cached = this.refs.get(key);
      if (!cached) {
        const checked = validateLabels([...p.labels], this.limits);
        if (checked.error !== undefined) {
          result.rejected.push({ index, error: checked.error });
          return;
        }
        cached = { ref: 0, labels: checked.labels };
        this.refs.set(key, cached);
        touched.push(key);
      }
      try {
        cached.ref = app.append(cached.ref, cached.ref === 0 ? cached.labels : undefined, p.t, p.v);
        result.accepted++;
      } catch (err) {
        if ((err as { code?: string }).code !== 'PNP_STORAGE_BAD_INPUT') {
          app.rollback();
          this.refs = new Map();
          throw new IngestError('PNP_INGEST_STORAGE', `append failed, retry later: ${(err as Error).message}`, { cause: err });
        }
        result.rejected.push({ index, error: (err as Error).message });
      }
    });
    try {
      await app.commit();
    } catch (err) {
      this.refs = new Map();
      throw new IngestError('PNP_INGEST_STORAGE', `storage commit failed, retry later: ${(err as Error).message}`, { cause: err });
    }
    if (this.refs.size > 1_000_000) this.refs = new Map();
    return result;
  }
}
