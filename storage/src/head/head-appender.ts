import type { Appender, SeriesRef, Labels } from '../api.js';
import { StorageError } from '../errors.js';
import type { HeadSeries } from './head-series.js';
import type { Head } from './head.js';

/** What an appender needs from the engine to make a batch durable and visible. */
export interface CommitTarget {
  readonly head: Head;
  /** Logs new series and the samples to the WAL, then applies them to the head. */
  /** `dropsSeen`: head.seriesDrops when the batch began (a change means its refs need checking). */
  commitBatch(newSeries: HeadSeries[], refs: Uint32Array, ts: Float64Array, vs: Float64Array, n: number, dropsSeen: number): Promise<void>;
  /** Logs series records alone (no wait): for series a rolled-back batch created. */
  logSeries(series: HeadSeries[]): void;
  /** Batch buffers of finished appenders, reused so a busy ingest path allocates little. */
  readonly bufferPool: AppendBuffers[];
  assertOpen(): void;
}

export interface AppendBuffers {
  refs: Uint32Array;
  ts: Float64Array;
  vs: Float64Array;
}

const POOL_LIMIT = 8;

/**
 * Buffers a batch in three typed arrays (no object per sample). Series are
 * created in the head at append so the returned ref can be cached; their WAL
 * record is written with the batch that first uses them.
 */
export class HeadAppender implements Appender {
  private refs: Uint32Array;
  private ts: Float64Array;
  private vs: Float64Array;
  private n = 0;
  private newSeries: HeadSeries[] = [];
  private done = false;
  /** Series drops the head had seen when this batch began. */
  private readonly dropsSeen: number;

  constructor(private readonly target: CommitTarget) {
    const b = target.bufferPool.pop();
    this.refs = b?.refs ?? new Uint32Array(256);
    this.ts = b?.ts ?? new Float64Array(256);
    this.vs = b?.vs ?? new Float64Array(256);
    this.dropsSeen = target.head.seriesDrops;
  }

  private release(): void {
    if (this.target.bufferPool.length < POOL_LIMIT) this.target.bufferPool.push({ refs: this.refs, ts: this.ts, vs: this.vs });
  }

  append(ref: SeriesRef, labels: Labels | undefined, t: number, v: number): SeriesRef {
    if (this.done) throw new StorageError('PNP_STORAGE_BAD_INPUT', 'appender used after commit or rollback');
    const head = this.target.head;
    let s = ref > 0 ? head.byRef(ref) : undefined;
    if (s === undefined) {
      if (labels === undefined) throw new StorageError('PNP_STORAGE_BAD_INPUT', `unknown series ref ${ref} and no labels given`);
      s = head.getOrCreate(labels);
    }
    if (!(t >= 0 && t <= Number.MAX_SAFE_INTEGER) || !Number.isInteger(t)) {
      throw new StorageError('PNP_STORAGE_BAD_INPUT', `timestamp ${t} is not an integer number of ms in 0..2^53`);
    }
    if (!s.logged) {
      s.logged = true;
      this.newSeries.push(s);
    }
    if (this.n === this.refs.length) this.grow();
    const i = this.n++;
    this.refs[i] = s.id;
    this.ts[i] = t;
    this.vs[i] = v;
    return s.id;
  }

  private grow(): void {
    const size = this.refs.length * 2;
    const r = new Uint32Array(size);
    const t = new Float64Array(size);
    const v = new Float64Array(size);
    r.set(this.refs);
    t.set(this.ts);
    v.set(this.vs);
    this.refs = r;
    this.ts = t;
    this.vs = v;
  }

  async commit(): Promise<void> {
    if (this.done) throw new StorageError('PNP_STORAGE_BAD_INPUT', 'appender committed twice');
    this.done = true;
    this.target.assertOpen();
    if (this.n === 0 && this.newSeries.length === 0) return;
    try {
      await this.target.commitBatch(this.newSeries, this.refs, this.ts, this.vs, this.n, this.dropsSeen);
    } catch (err) {
      // Not in the WAL: the next batch using these series must log them.
      for (const s of this.newSeries) s.logged = false;
      throw err;
    }
    this.release();
  }

  rollback(): void {
    if (this.done) return;
    this.done = true;
    this.release();
    // Another appender may already rely on these series being logged: log them anyway.
    if (this.newSeries.length > 0) this.target.logSeries(this.newSeries);
  }
}
