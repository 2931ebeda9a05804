import path from 'node:path';
import type { Appender, KeySpace, LabelMatcher, Querier, Storage, StorageStats } from './api.js';
import { encodeChunkRecord } from './block/chunk-record.js';
import { deleteStoredRange } from './block/delete-range.js';
import { StorageError } from './errors.js';
import { decodeChunk } from './chunkenc/index.js';
import { HeadAppender, type AppendBuffers, type CommitTarget } from './head/head-appender.js';
import type { HeadSeries, SealedChunk } from './head/head-series.js';
import { readChunks } from './block/chunk-reader.js';
import { Head } from './head/head.js';
import { decodeLabels, encodeLabels } from './index/labels.js';
import { decodePostings, encodePostings } from './index/postings.js';
import { chunkKey, CHUNK_RANGE, chunkRange, dirtyKey, META_KEY, parsePostingsKey, postingsKey, readU32, POSTINGS_RANGE, seriesIdOfKey, seriesKey, SERIES_RANGE } from './keys.js';
import { forEachEntry, type BatchOp, type BinaryLevel } from './kv/binary-level.js';
import type { StorageLogger } from './logger.js';
import type { ResolvedOptions } from './options.js';
import { TsdbQuerier } from './query/tsdb-querier.js';
import { collectStats } from './stats.js';
import {
  decodeHeadChunks,
  decodeSamples,
  encodeHeadChunks,
  decodeSeries,
  frameSamples,
  encodeSeries,
  frameRecord,
  RecordType,
  replayWal,
  WalWriter,
  writeCheckpoint,
  type WalRecord,
} from './wal/index.js';

/** Series per LevelDB read when warming the resident windows. */
const WARM_SLICE = 4096;

/** Series (or batch operations) a checkpoint handles between two yields to the event loop. */
const CHECKPOINT_SLICE = 4096;

/** Lets timers and I/O callbacks run before the next slice of a long synchronous task. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Meta {
  version: 1;
  nextSeq: number;
  /** Newest sample time in any chunk written to LevelDB (absent in older metas: unknown). */
  persistedMaxT?: number;
  /** Next series id to hand out (absent in older metas: one past the highest stored id). */
  nextId?: number;
  /** Window width the chunk keys were written with (absent in older metas). */
  chunkRange?: number;
}

/** The compactor as the engine sees it; compaction runs between checkpoints. */
export interface CompactionHook {
  /** Called after each checkpoint: a chance to compact windows that are done. */
  afterCheckpoint(): void;
  close(): Promise<void>;
}

/**
 * The storage engine: head + WAL + LevelDB. The main thread owns all of it;
 * checkpoints (and compaction, elsewhere) serialise on `exclusive`.
 */
export class Tsdb implements Storage, CommitTarget {
  readonly head: Head;
  private wal!: WalWriter;
  private closed = false;
  private exclusive: Promise<void> = Promise.resolve();
  private checkpointPending = false;
  /** Commits whose records are in the WAL but not yet in the head (waiting for fsync). */
  private readonly inflight = new Set<Promise<void>>();
  compaction: CompactionHook | null = null;
  /** Settles once series loaded at start-up know their LevelDB time bounds (see refreshStoredBounds). */
  storedBoundsReady: Promise<void> = Promise.resolve();
  /** Settles once the windows the head keeps are in memory after start-up (see warmResident). */
  residentReady: Promise<void> = Promise.resolve();
  readonly bufferPool: AppendBuffers[] = [];
  readonly walDir: string;

  constructor(
    readonly db: BinaryLevel,
    private readonly keyspaces: KeySpace,
    readonly opts: ResolvedOptions,
    readonly logger: StorageLogger,
    private readonly closeDb: () => Promise<void>,
  ) {
    this.head = new Head({ chunkRange: opts.chunkRange, samplesPerChunk: opts.samplesPerChunk, residentBytes: opts.residentBytes });
    this.walDir = path.join(opts.dataDir, 'wal');
  }

  /** Loads the index from LevelDB and replays the WAL. */
  async load(onProgress?: (done: number, total: number) => void): Promise<void> {
    const metaBytes = await this.db.get(META_KEY);
    if (metaBytes) {
      const meta = JSON.parse(new TextDecoder().decode(metaBytes)) as Meta;
      // Chunk keys carry window numbers: read with another width, they would name other times.
      if (meta.chunkRange !== undefined && meta.chunkRange !== this.opts.chunkRange) {
        throw new StorageError(
          'PNP_STORAGE_OPEN',
          `data directory ${this.opts.dataDir} was written with a chunk range of ${meta.chunkRange} ms, not ${this.opts.chunkRange} ms; the chunk range is fixed for a data directory`,
        );
      }
      this.head.nextSeq = meta.nextSeq;
      this.head.persistedMaxT = meta.persistedMaxT ?? Infinity;
      // Ids of dropped series are never reused, so a stale reference can never name another series.
      if (meta.nextId !== undefined) this.head.nextId = Math.max(this.head.nextId, meta.nextId);
    }
    // Windows after the newest persisted chunk have nothing in LevelDB, so they are resident
    // from the start; warmResident brings in the windows before them that the head keeps.
    const persisted = this.head.persistedMaxT;
    this.head.residentFrom = persisted === -Infinity ? 0 : Number.isFinite(persisted) ? this.head.windowOf(persisted) + 1 : Infinity;
    await forEachEntry(this.db, SERIES_RANGE, (k, v) => {
      this.head.restoreSeries(seriesIdOfKey(k), decodeLabels(v), true);
    });
    await forEachEntry(this.db, POSTINGS_RANGE, (k, v) => {
      const { name, value } = parsePostingsKey(k);
      this.head.index.load(name, value, decodePostings(v));
    });
    const started = performance.now();
    let unknown = 0;
    let samples = 0;
    const onRecord = (r: WalRecord): void => {
      if (r.type === RecordType.Series) {
        for (const e of decodeSeries(r.payload)) this.head.restoreSeries(e.id, e.labels, false);
        return;
      }
      if (r.type === RecordType.HeadChunks) {
        for (const { id, chunk } of decodeHeadChunks(r.payload)) {
          const s = this.head.byRef(id);
          if (s === undefined) {
            unknown++;
            continue;
          }
          const d = decodeChunk(chunk);
          for (let i = 0; i < d.t.length; i++) this.head.append(s, d.t[i]!, d.v[i]!);
          samples += d.t.length;
        }
        return;
      }
      const c = decodeSamples(r.payload);
      const head = this.head;
      for (let i = 0; i < c.count; i++) {
        const s = head.byRef(c.refs[i]!);
        if (s === undefined) {
          unknown++;
          continue;
        }
        head.append(s, c.ts[i]!, c.vs[i]!);
      }
      samples += c.count;
    };
    // Periodic log lines, so a long replay at server start shows progress without a terminal.
    let lastLog = performance.now();
    const progress = (done: number, total: number): void => {
      onProgress?.(done, total);
      if (performance.now() - lastLog >= 2000 && done < total) {
        lastLog = performance.now();
        this.logger.info({ done, total }, `WAL replay ${Math.round((done / total) * 100)}% (${done} of ${total} bytes)`);
      }
    };
    const res = replayWal(this.walDir, onRecord, this.logger, progress);
    if (unknown > 0) this.logger.warn({ unknown }, `WAL replay skipped ${unknown} samples of series with no series record`);
    this.logger.info(
      { records: res.records, samples, bytes: res.bytes, ms: Math.round(performance.now() - started) },
      `replayed ${samples} WAL samples in ${Math.round(performance.now() - started)} ms`,
    );
    this.wal = WalWriter.open(this.walDir, res.nextSegment, { sync: this.opts.walSync, segmentBytes: this.opts.walSegmentBytes });
  }

  assertOpen(): void {
    if (this.closed) throw new StorageError('PNP_STORAGE_CLOSED', `storage in ${this.opts.dataDir} is closed`);
  }

  appender(): Appender {
    this.assertOpen();
    return new HeadAppender(this);
  }

  async commitBatch(newSeries: HeadSeries[], refs: Uint32Array, ts: Float64Array, vs: Float64Array, n: number, dropsSeen: number): Promise<void> {
    // A series this batch refers to may have been dropped (no data left after
    // retention or a delete) while the batch was open: refuse before the WAL.
    // Only checked when some series was dropped since the batch began.
    for (let i = 0; dropsSeen !== this.head.seriesDrops && i < n; i++) {
      if (this.head.byRef(refs[i]!) === undefined) {
        throw new StorageError('PNP_STORAGE_BAD_INPUT', `series ref ${refs[i]} was dropped (no data left) while the batch was open; append it again with its labels`);
      }
    }
    const records: Uint8Array[] = [];
    if (newSeries.length > 0) records.push(frameRecord(RecordType.Series, encodeSeries(newSeries.map((s) => ({ id: s.id, labels: s.labels })))));
    if (n > 0) records.push(...frameSamples(refs, ts, vs, n));
    const applied = this.wal.append(records).then(() => {
      const head = this.head;
      for (let i = 0; i < n; i++) head.append(head.byRef(refs[i]!)!, ts[i]!, vs[i]!);
    });
    this.inflight.add(applied);
    try {
      await applied;
    } finally {
      this.inflight.delete(applied);
    }
    this.maybeCheckpoint();
  }

  logSeries(series: HeadSeries[]): void {
    const rec = frameRecord(RecordType.Series, encodeSeries(series.map((s) => ({ id: s.id, labels: s.labels }))));
    this.wal.append([rec]).catch((err: unknown) => this.logger.error({ err }, 'log series of a rolled-back batch'));
  }

  private checkpointTimer: NodeJS.Timeout | null = null;

  /** Starts the periodic checkpoint (see checkpointIntervalMs). */
  startTimers(): void {
    if (this.opts.checkpointIntervalMs <= 0) return;
    this.checkpointTimer = setInterval(() => {
      if (!this.closed && this.wal.bytesSinceRotate > 0) this.maybeCheckpoint(true);
    }, this.opts.checkpointIntervalMs);
    this.checkpointTimer.unref();
  }

  private maybeCheckpoint(force = false): void {
    if (this.checkpointPending || (!force && this.wal.bytesSinceRotate < this.opts.checkpointWalBytes)) return;
    this.checkpointPending = true;
    this.runExclusive(() => this.checkpoint())
      .catch((err: unknown) => this.logger.error({ err }, `checkpoint failed: ${(err as Error).message}`))
      .finally(() => {
        this.checkpointPending = false;
      });
  }

  /** Runs `fn` after every earlier exclusive task (checkpoints, compactions, deletes). */
  runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(fn);
    this.exclusive = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Persists sealed chunks, new series and changed postings to LevelDB (one
   * synced batch), then writes a checkpoint holding the samples still only
   * in memory and deletes the WAL segments it replaces. Call through runExclusive.
   */
  async checkpoint(sealEverything = false): Promise<void> {
    const n = this.wal.rotate();
    // Batches already in the segments this checkpoint replaces must be in the
    // head before we snapshot it, or deleting those segments would lose them.
    if (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
    if (sealEverything) this.head.sealAll();
    // The head is taken and the batch built in slices with a yield between
    // them, so a checkpoint over hundreds of thousands of series never holds
    // the event loop for long (scrapes and remote writes go on meanwhile).
    const take = this.head.beginTake();
    const idLimit = this.head.idLimit;
    for (let from = 0; from < idLimit; from += CHECKPOINT_SLICE) {
      this.head.takeSlice(take, from, from + CHECKPOINT_SLICE);
      if (from + CHECKPOINT_SLICE < idLimit) await yieldToLoop();
    }
    const { chunks, taken, openChunks, kept } = take;
    const newSeries = this.head.newSeries;
    this.head.newSeries = [];
    const dirty = [...this.head.index.dirty];
    this.head.index.dirty.clear();
    const droppedIds = this.head.droppedIds;
    this.head.droppedIds = [];
    const ops: BatchOp[] = [];
    for (const id of droppedIds) ops.push({ type: 'del', key: seriesKey(id) });
    const windows = new Set<number>();
    let persistedMaxT = this.head.persistedMaxT;
    for (let i = 0; i < chunks.length; i++) {
      const { series, chunk } = chunks[i]!;
      ops.push({ type: 'put', key: chunkKey(series.id, chunk.window, chunk.seq), value: encodeChunkRecord(chunk.mint, chunk.maxt, chunk.bytes) });
      windows.add(chunk.window);
      this.head.noteStored(series, chunk.window);
      if (chunk.maxt > persistedMaxT) persistedMaxT = chunk.maxt;
      if (i % CHECKPOINT_SLICE === CHECKPOINT_SLICE - 1) await yieldToLoop();
    }
    for (const w of windows) ops.push({ type: 'put', key: dirtyKey(w), value: new Uint8Array(0) });
    for (let i = 0; i < newSeries.length; i++) {
      const s = newSeries[i]!;
      ops.push({ type: 'put', key: seriesKey(s.id), value: encodeLabels(s.labels) });
      if (i % CHECKPOINT_SLICE === CHECKPOINT_SLICE - 1) await yieldToLoop();
    }
    for (let i = 0; i < dirty.length; i++) {
      if (i % CHECKPOINT_SLICE === CHECKPOINT_SLICE - 1) await yieldToLoop();
      const pair = dirty[i]!;
      const zero = pair.indexOf('\u0000');
      const name = pair.slice(0, zero);
      const value = pair.slice(zero + 1);
      const ids = this.head.index.postings(name, value);
      if (ids.length === 0) ops.push({ type: 'del', key: postingsKey(name, value) });
      else ops.push({ type: 'put', key: postingsKey(name, value), value: encodePostings(ids) });
    }
    ops.push({ type: 'put', key: META_KEY, value: new TextEncoder().encode(JSON.stringify({ version: 1, nextSeq: this.head.nextSeq, nextId: this.head.nextId, chunkRange: this.opts.chunkRange, ...(Number.isFinite(persistedMaxT) ? { persistedMaxT } : {}) } satisfies Meta)) });
    try {
      // Synced: the WAL segments this batch replaces are deleted right after.
      await this.db.batch(ops, { sync: true });
    } catch (err) {
      // Nothing was deleted from the WAL, so a restart still has everything; retry next time.
      for (const s of newSeries) this.head.newSeries.push(s);
      for (const p of dirty) this.head.index.dirty.add(p);
      for (const id of droppedIds) this.head.droppedIds.push(id);
      throw new StorageError('PNP_STORAGE_OPEN', `checkpoint: write to LevelDB: ${(err as Error).message}`, { cause: err });
    }
    // Set before the head forgets the chunks: a query in between sees them twice, never zero times.
    this.head.persistedMaxT = persistedMaxT;
    await writeCheckpoint(this.walDir, n, checkpointRecords(openChunks, kept));
    this.head.dropPersisted(taken);
    this.head.trimResident(take.currentWindow);
    this.logger.debug({ chunks: chunks.length, series: newSeries.length, keptSeries: kept.length, segment: n }, 'checkpoint written');
    this.compaction?.afterCheckpoint();
  }

  /** Seals and persists the whole head now (offline compaction, tests). */
  flushHead(): Promise<void> {
    this.assertOpen();
    return this.runExclusive(() => this.checkpoint(true));
  }

  async querier(mint: number, maxt: number): Promise<Querier> {
    this.assertOpen();
    this.openQueriers++;
    const done = (): void => {
      this.openQueriers--;
      this.lastQueryEnd = performance.now();
    };
    return new TsdbQuerier(this.head, this.db, mint, maxt, () => this.assertOpen(), this.opts.rollups, done);
  }

  /** Queriers not closed yet, and when the last one closed (performance.now()). */
  private openQueriers = 0;
  private lastQueryEnd = -Infinity;

  /** Whether no querier is open and none closed in the last `ms`: background work gives way to queries. */
  readsQuietFor(ms: number): boolean {
    return this.openQueriers === 0 && performance.now() - this.lastQueryEnd >= ms;
  }

  async deleteSeries(matchers: readonly LabelMatcher[], mint: number, maxt: number): Promise<void> {
    this.assertOpen();
    await this.runExclusive(async () => {
      const ids = this.head.index.select(matchers);
      for (const id of ids) {
        const s = this.head.byRef(id);
        if (s) this.head.deleteRange(s, mint, maxt);
      }
      await deleteStoredRange(this.db, ids, mint, maxt, this.opts.chunkRange);
      // A checkpoint now keeps the WAL from bringing the deleted samples back
      // (and persists series still pending, so they can be dropped below).
      await this.checkpoint();
      if ((await this.dropSeriesWithoutData(ids)) > 0) await this.checkpoint();
    });
  }

  /**
   * Drops series with no sample left anywhere (head or LevelDB chunks) from
   * the head, the index and, at the checkpoint that follows, LevelDB. Call
   * under runExclusive, after retention or a delete has removed their chunks.
   * `candidates`: ids to consider (all series when absent). Returns how many
   * were dropped; when any were, the caller must checkpoint.
   *
   * Crash safety. The only persistent change is one synced LevelDB batch (the
   * next checkpoint's) that deletes the series records, rewrites the postings
   * without them and saves nextId, all or nothing. A crash before it leaves
   * the records in LevelDB with no chunks under them: the series comes back
   * empty, and the next retention pass that drops a window (or a delete
   * matching it) drops it again. A dropped series cannot come back with
   * partial data: it had no chunks and no head samples, so no WAL segment or
   * checkpoint file holds samples of it. A crash between that batch and the
   * WAL clean-up that follows it may replay an old series record of it: it
   * comes back empty too (under its old id, which nextId keeps unused).
   * Series not yet persisted (head.newSeries) are left alone until the
   * checkpoint that persists them.
   */
  async dropSeriesWithoutData(candidates?: Uint32Array): Promise<number> {
    const withChunks = new Set<number>();
    if (candidates === undefined) {
      // The same scan tightens every series' stored time bounds after retention.
      const windows = await this.scanChunkWindows();
      this.head.setStoredBounds(windows);
      for (const id of windows.keys()) withChunks.add(id);
    } else {
      for (const id of candidates) {
        const it = this.db.iterator({ ...chunkRange(id, 0, 0xffffffff), limit: 1 });
        try {
          if ((await it.nextv(1)).length > 0) withChunks.add(id);
        } finally {
          await it.close();
        }
      }
    }
    // Batches already in the WAL land in the head first: their series have data then.
    if (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
    const pending = new Set(this.head.newSeries);
    const victims: HeadSeries[] = [];
    const consider = (s: HeadSeries | undefined): void => {
      if (s && !withChunks.has(s.id) && !pending.has(s) && !this.head.hasData(s)) victims.push(s);
    };
    if (candidates === undefined) for (const s of this.head.allSeries()) consider(s);
    else for (const id of candidates) consider(this.head.byRef(id));
    for (const s of victims) this.head.dropSeries(s);
    if (victims.length > 0) this.logger.info({ series: victims.length }, `dropped ${victims.length} series with no data left`);
    return victims.length;
  }

  /** id → [first, last] window with a chunk in LevelDB: a scan of the chunk keys only. */
  private async scanChunkWindows(): Promise<Map<number, [number, number]>> {
    const out = new Map<number, [number, number]>();
    const it = this.db.keys({ gte: CHUNK_RANGE.gte, lt: CHUNK_RANGE.lt });
    try {
      for (;;) {
        const keys = await it.nextv(4096);
        if (keys.length === 0) break;
        for (const k of keys) {
          const id = readU32(k, 1);
          const w = readU32(k, 5);
          const b = out.get(id);
          if (b === undefined) out.set(id, [w, w]);
          else {
            if (w < b[0]) b[0] = w;
            if (w > b[1]) b[1] = w;
          }
        }
      }
    } finally {
      await it.close();
    }
    return out;
  }

  /**
   * Learns the LevelDB time bounds of series loaded at start-up (until then
   * they count as having data at every time). Runs in the background after
   * open, so a large store starts without waiting for the key scan.
   */
  refreshStoredBounds(): Promise<void> {
    return this.runExclusive(async () => {
      if (this.closed) return;
      this.head.setStoredBounds(await this.scanChunkWindows());
    });
  }

  /**
   * Reads the LevelDB chunks of the windows the head keeps in memory but
   * does not hold yet (after a restart) and makes them resident. Runs in the
   * background after open; until it is done those reads go to LevelDB.
   */
  warmResident(): Promise<void> {
    return this.runExclusive(async () => {
      const head = this.head;
      const newest = Math.max(head.maxT, Number.isFinite(head.persistedMaxT) ? head.persistedMaxT : -Infinity);
      if (this.closed || newest === -Infinity) return;
      const floor = Head.residentWindowFor(head.windowOf(newest));
      if (floor < head.residentFrom) {
        const through = Math.min(head.residentFrom - 1, head.windowOf(newest));
        head.addResident(await this.readWindows(head.index.allPostings().slice(), floor, through), floor);
      }
      // Older windows, newest first, while they fit in the budget; the
      // chunk-key scan (queued before this) tells which series reach each one.
      // A week of empty windows ends the search: data beyond such a gap is old.
      const oldest = head.oldestStoredWindow();
      const maxGap = Math.ceil((7 * 86_400_000) / this.opts.chunkRange);
      const all = head.index.allPostings().slice();
      for (let w = head.residentFrom - 1, gap = 0; w >= oldest && gap < maxGap && head.residentBytes < this.opts.residentBytes && !this.closed; w--) {
        const ids = head.storedIn(all, w, w);
        if (ids.length === 0) {
          gap++;
          continue;
        }
        gap = 0;
        const chunks = await this.readWindows(ids, w, w);
        let bytes = 0;
        for (const list of chunks.values()) for (const c of list) bytes += c.bytes.length;
        if (head.residentBytes + bytes > this.opts.residentBytes) break;
        head.addResident(chunks, w);
      }
      this.logger.debug({ from: head.residentFrom, bytes: head.residentBytes }, 'recent windows are resident');
    });
  }

  /** Every LevelDB chunk of series `ids` (sorted) in windows [from, through], as head chunks. */
  private async readWindows(ids: Uint32Array, from: number, through: number): Promise<Map<number, SealedChunk[]>> {
    const read = new Map<number, SealedChunk[]>();
    for (let k = 0; k < ids.length; k += WARM_SLICE) {
      const stored = await readChunks(this.db, ids.subarray(k, k + WARM_SLICE), from, through, -Infinity, Infinity, this.opts.chunkRange);
      for (const [id, list] of stored) read.set(id, list.map((p) => ({ bytes: p.bytes, mint: p.mint, maxt: p.maxt, seq: p.seq, window: p.window })));
    }
    return read;
  }

  stats(opts?: { limit?: number }): Promise<StorageStats> {
    this.assertOpen();
    return collectStats(this.head, this.db, this.opts.dataDir, opts?.limit ?? 10);
  }

  keyspace(name: string): KeySpace {
    return this.keyspaces.sub(name);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    await this.runExclusive(() => this.checkpoint());
    this.closed = true;
    await this.compaction?.close();
    await this.wal.close();
    await this.closeDb();
  }
}

/** What stays in memory: open chunks as bytes, then out-of-order samples as records of at most ~64k samples. */
function* checkpointRecords(openChunks: { id: number; chunk: Uint8Array }[], kept: { id: number; t: Float64Array; v: Float64Array }[]): Iterable<Uint8Array> {
  for (let i = 0; i < openChunks.length; i += 4096) {
    yield frameRecord(RecordType.HeadChunks, encodeHeadChunks(openChunks.slice(i, i + 4096)));
  }
  const cap = 65536;
  let refs = new Uint32Array(cap);
  let ts = new Float64Array(cap);
  let vs = new Float64Array(cap);
  let n = 0;
  for (const k of kept) {
    if (n + k.t.length > cap && n > 0) {
      yield* frameSamples(refs, ts, vs, n);
      n = 0;
    }
    if (k.t.length > cap) {
      refs = new Uint32Array(k.t.length);
      ts = new Float64Array(k.t.length);
      vs = new Float64Array(k.t.length);
    }
    refs.fill(k.id, n, n + k.t.length);
    ts.set(k.t, n);
    vs.set(k.v, n);
    n += k.t.length;
  }
  if (n > 0) yield* frameSamples(refs, ts, vs, n);
}
