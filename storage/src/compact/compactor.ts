import { setTimeout as sleep } from 'node:timers/promises';
import { readChunks } from '../block/chunk-reader.js';
import { readRollups } from '../block/rollup-reader.js';
import { formatLabels } from '../index/labels.js';
import { chunkKey, CHUNK_RANGE, DIRTY_RANGE, dirtyKey, readU32, ROLLUP_RANGE, ROLLUP_RES_1H, ROLLUP_RES_5M, rollupKey, windowOfDirtyKey } from '../keys.js';
import { forEachEntry, type BatchOp } from '../kv/binary-level.js';
import type { CompactionHook, Tsdb } from '../tsdb.js';
import { decodeResults, encodeJob, type JobSeries } from './job-codec.js';
import { createJobRunner, type JobRunner } from './worker-pool.js';

/** Chunks written by compaction carry seqs below this; head chunks start at it. */
export const COMPACTED_SEQ_LIMIT = 16;
/**
 * Series per step (one LevelDB read, one worker job, one write batch).
 * Small steps keep each main-thread slice (building the batch, the native
 * write) short, so ingest and queries interleave with compaction.
 */
const SERIES_PER_STEP = 250;
/** A pause in queries this long lets a step of background compaction run. */
const QUERY_PAUSE_MS = 50;
/** Longest a step waits for such a pause, and all steps of one window together. */
const MAX_WAIT_PER_STEP_MS = 1_000;
const MAX_WAIT_PER_WINDOW_MS = 15_000;

export type CompactProgress = (done: number, total: number, what: string) => void;

export interface CompactSummary {
  windows: number;
  seriesRewritten: number;
  chunksIn: number;
  chunksOut: number;
  errors: number;
}

/**
 * Merges each finished time window's chunks into one chunk per series with
 * the smallest encoding, writes 5m/1h rollups, and applies retention. The
 * CPU work runs in the job runner (piscina); this main-thread side reads
 * and writes LevelDB only, under the engine's exclusive lock so it never
 * races a checkpoint.
 */
export class Compactor implements CompactionHook {
  private readonly runner: JobRunner;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly tsdb: Tsdb) {
    this.runner = createJobRunner(tsdb.opts.compactionThreads);
  }

  afterCheckpoint(): void {
    if (!this.tsdb.opts.autoCompact || this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.compactDue())
      .then(() => this.applyRetention())
      .then(() => undefined)
      .catch((err: unknown) => this.tsdb.logger.error({ err }, `compaction failed: ${(err as Error).message}`))
      .finally(() => {
        this.running = null;
        if (this.again && !this.closed) {
          this.again = false;
          this.afterCheckpoint();
        }
      });
  }

  /** Windows with chunks not yet compacted, ascending. */
  async dirtyWindows(): Promise<number[]> {
    const out: number[] = [];
    await forEachEntry(this.tsdb.db, DIRTY_RANGE, (k) => out.push(windowOfDirtyKey(k)));
    return out;
  }

  /** Compacts windows that ended at least half a window before the newest sample. */
  async compactDue(): Promise<CompactSummary> {
    const head = this.tsdb.head;
    const range = this.tsdb.opts.chunkRange;
    const due = (await this.dirtyWindows()).filter((w) => (w + 1) * range <= head.maxT - range / 2);
    return this.compactWindows(due, undefined, true);
  }

  /** Compacts every dirty window (offline compaction). */
  async compactAll(progress?: CompactProgress): Promise<CompactSummary> {
    return this.compactWindows(await this.dirtyWindows(), progress);
  }

  private async compactWindows(windows: number[], progress?: CompactProgress, giveWay = false): Promise<CompactSummary> {
    const sum: CompactSummary = { windows: 0, seriesRewritten: 0, chunksIn: 0, chunksOut: 0, errors: 0 };
    for (const w of windows) {
      if (this.closed) break;
      const s = await this.tsdb.runExclusive(() => this.compactWindow(w, progress, giveWay));
      sum.windows++;
      sum.seriesRewritten += s.seriesRewritten;
      sum.chunksIn += s.chunksIn;
      sum.chunksOut += s.chunksOut;
      sum.errors += s.errors;
    }
    return sum;
  }

  /**
   * Before each step of background compaction: waits, a bounded while, for
   * a pause in queries. Compaction is not urgent, and on a small machine it
   * competes with queries for the same cores; a step still runs after
   * MAX_WAIT_PER_STEP_MS, so a steady query load slows compaction, never stops it.
   */
  private async giveWayToQueries(budget: { ms: number }): Promise<void> {
    const started = performance.now();
    while (!this.closed && !this.tsdb.readsQuietFor(QUERY_PAUSE_MS)) {
      const waited = performance.now() - started;
      if (waited >= MAX_WAIT_PER_STEP_MS || waited >= budget.ms) break;
      await sleep(10);
    }
    budget.ms -= performance.now() - started;
  }

  /** Compacts one window. Call under runExclusive. `giveWay`: pause for queries between steps (background compaction). */
  async compactWindow(w: number, progress?: CompactProgress, giveWay = false): Promise<CompactSummary> {
    const { db, head, opts, logger } = this.tsdb;
    const windowStart = w * opts.chunkRange;
    const windowEnd = windowStart + opts.chunkRange - 1;
    const all = head.index.allPostings().slice();
    const sum: CompactSummary = { windows: 1, seriesRewritten: 0, chunksIn: 0, chunksOut: 0, errors: 0 };
    const label = new Date(windowStart).toISOString();
    // The whole window runs under the engine's lock: bound what it waits, so checkpoints are not held up long.
    const waitBudget = { ms: MAX_WAIT_PER_WINDOW_MS };
    for (let from = 0; from < all.length; from += SERIES_PER_STEP) {
      if (giveWay) await this.giveWayToQueries(waitBudget);
      const ids = all.subarray(from, Math.min(all.length, from + SERIES_PER_STEP));
      const stored = await readChunks(db, ids, w, w, -Infinity, Infinity, opts.chunkRange);
      // A series is done when it has only compacted chunks and, if rollups are on, its rollup
      // (a delete removes the rollup of what it rewrites, and this writes it again).
      const withRollup = opts.rollups ? await readRollups(db, ROLLUP_RES_5M, ids, w, w) : null;
      const job: JobSeries[] = [];
      for (const [id, pieces] of stored) {
        if (pieces.every((p) => p.seq < COMPACTED_SEQ_LIMIT) && (withRollup === null || withRollup.has(id))) continue;
        job.push({ id, chunks: pieces.map((p) => ({ seq: p.seq, record: p.record })) });
      }
      const jobs = [job];
      const results = await Promise.all(
        jobs
          .filter((j) => j.length > 0)
          .map(async (series) => ({ series, out: decodeResults(await this.runner.run(encodeJob({ windowStart, windowEnd, rollups: opts.rollups, series }))) })),
      );
      const ops: BatchOp[] = [];
      for (const { series, out } of results) {
        for (let i = 0; i < series.length; i++) {
          const input = series[i]!;
          const r = out[i]!;
          if (r.error !== null) {
            sum.errors++;
            const labels = head.byRef(input.id)?.labels;
            logger.error(
              { series: input.id, window: label },
              `compaction skipped series ${labels ? formatLabels(labels) : input.id} in window ${label}: ${r.error}; its chunks are left as they were`,
            );
            continue;
          }
          if (r.records.length > COMPACTED_SEQ_LIMIT) {
            sum.errors++;
            logger.error({ series: input.id, window: label }, `series ${input.id} has too many samples in window ${label} to compact; left as it was`);
            continue;
          }
          for (const c of input.chunks) ops.push({ type: 'del', key: chunkKey(input.id, w, c.seq) });
          r.records.forEach((rec, seq) => ops.push({ type: 'put', key: chunkKey(input.id, w, seq), value: rec }));
          if (r.rollup5m.length > 1) ops.push({ type: 'put', key: rollupKey(ROLLUP_RES_5M, input.id, w), value: r.rollup5m });
          if (r.rollup1h.length > 1) ops.push({ type: 'put', key: rollupKey(ROLLUP_RES_1H, input.id, w), value: r.rollup1h });
          sum.seriesRewritten++;
          sum.chunksIn += input.chunks.length;
          sum.chunksOut += r.records.length;
        }
      }
      if (ops.length > 0) await db.batch(ops, { sync: true });
      progress?.(Math.min(all.length, from + SERIES_PER_STEP), all.length, `window ${label}`);
    }
    if (sum.errors === 0) await db.batch([{ type: 'del', key: dirtyKey(w) }]);
    logger.debug({ window: label, ...sum }, 'compacted window');
    return sum;
  }

  /** Drops windows past the retention time, then the oldest windows while over the size limit. */
  async applyRetention(): Promise<{ windowsDropped: number; seriesDropped: number }> {
    const { db, head, opts } = this.tsdb;
    let cutoffWindow = -1;
    if (opts.retentionMs > 0 && head.maxT > 0) cutoffWindow = Math.floor((head.maxT - opts.retentionMs) / opts.chunkRange) - 1;
    if (opts.retentionBytes > 0) {
      const bytesByWindow = new Map<number, number>();
      await forEachEntry(db, CHUNK_RANGE, (k, v) => {
        const w = readU32(k, 5);
        bytesByWindow.set(w, (bytesByWindow.get(w) ?? 0) + k.length + v.length);
      });
      const windows = [...bytesByWindow.keys()].sort((a, b) => a - b);
      let total = windows.reduce((s, w) => s + bytesByWindow.get(w)!, 0);
      // Never drop the newest window: it is still being written.
      for (let i = 0; i < windows.length - 1 && total > opts.retentionBytes; i++) {
        cutoffWindow = Math.max(cutoffWindow, windows[i]!);
        total -= bytesByWindow.get(windows[i]!)!;
      }
    }
    if (cutoffWindow < 0) return { windowsDropped: 0, seriesDropped: 0 };
    return this.tsdb.runExclusive(async () => {
      const { windowsDropped } = await dropWindowsThrough(this.tsdb, cutoffWindow);
      // Series whose every sample has now passed retention leave the index and LevelDB
      // (churned pods and short jobs would otherwise grow the index forever). Only
      // when a window went: the check scans every chunk key.
      const seriesDropped = windowsDropped > 0 ? await this.tsdb.dropSeriesWithoutData() : 0;
      if (seriesDropped > 0) await this.tsdb.checkpoint();
      return { windowsDropped, seriesDropped };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.running;
    await this.runner.close();
  }
}

/** Deletes chunks, rollups and dirty marks of windows ≤ `last`. */
async function dropWindowsThrough(tsdb: Tsdb, last: number): Promise<{ windowsDropped: number }> {
  const dropped = new Set<number>();
  let ops: BatchOp[] = [];
  const flush = async (): Promise<void> => {
    if (ops.length > 0) await tsdb.db.batch(ops);
    ops = [];
  };
  const chunkKeys: Uint8Array[] = [];
  await forEachEntry(tsdb.db, CHUNK_RANGE, (k) => {
    const w = readU32(k, 5);
    if (w <= last) {
      chunkKeys.push(k);
      dropped.add(w);
    }
  });
  for (const k of chunkKeys) {
    ops.push({ type: 'del', key: k });
    if (ops.length >= 5000) await flush();
  }
  const rollupKeys: Uint8Array[] = [];
  await forEachEntry(tsdb.db, ROLLUP_RANGE, (k) => {
    if (readU32(k, 6) <= last) rollupKeys.push(k);
  });
  for (const k of rollupKeys) ops.push({ type: 'del', key: k });
  for (const w of dropped) ops.push({ type: 'del', key: dirtyKey(w) });
  await flush();
  // Resident copies of the dropped windows go too, or reads would still find them.
  tsdb.head.advanceResident(last + 1);
  if (dropped.size > 0) tsdb.logger.info({ windows: dropped.size, through: new Date((last + 1) * tsdb.opts.chunkRange).toISOString() }, `retention dropped ${dropped.size} windows`);
  return { windowsDropped: dropped.size };
}

export function createCompactor(tsdb: Tsdb): Compactor {
  return new Compactor(tsdb);
}
