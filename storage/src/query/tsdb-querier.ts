import type { LabelMatcher, Labels, Querier, SampleIterator, SelectHints, Series } from '../api.js';
import { readChunks, type StoredPiece } from '../block/chunk-reader.js';
import { readRollups } from '../block/rollup-reader.js';
import { decodeRollup } from '../compact/rollup.js';
import { COMPACTED_SEQ_LIMIT } from '../compact/compactor.js';
import { StorageError } from '../errors.js';
import type { Head } from '../head/head.js';
import { compareLabels, formatLabels } from '../index/labels.js';
import type { BinaryLevel } from '../kv/binary-level.js';
import { ArrayIterator } from './array-iterator.js';
import { ChunkListIterator, piecesDisjoint } from './chunk-list-iterator.js';
import { mergePieces, type Piece, type Samples } from './merge.js';
import { SampleArena } from './sample-arena.js';
import { planRollup, type RollupPlan } from './rollup-plan.js';

/**
 * A series of a select: pieces gathered at select time (head copies and
 * LevelDB chunks, still compressed). Pieces that follow each other in time
 * are decoded lazily, one chunk at a time, by each iterator. Overlapping
 * pieces (out-of-order writes, backfill) are merged and decoded on the
 * first iterator() call, then shared by later iterators.
 */
class SelectedSeries implements Series {
  private decoded: Samples | null = null;
  private readonly disjoint: boolean;
  constructor(
    readonly labels: Labels,
    private readonly pieces: Piece[],
    private readonly start: number,
    private readonly end: number,
    private arena: SampleArena | null,
  ) {
    if (pieces.length > 1) pieces.sort((a, b) => a.mint - b.mint || a.seq - b.seq);
    this.disjoint = piecesDisjoint(pieces);
  }

  iterator(): SampleIterator {
    if (this.disjoint) {
      // The first iterator takes its buffers from the select's arena; later ones, which may
      // live alongside it, get their own.
      const arena = this.arena;
      this.arena = null;
      return new ChunkListIterator(this.pieces, this.start, this.end, (err) => this.corrupt(err), arena ? (n) => arena.take(n) : undefined);
    }
    if (this.decoded === null) {
      try {
        this.decoded = mergePieces(this.pieces, this.start, this.end);
      } catch (err) {
        throw this.corrupt(err as Error);
      }
    }
    return new ArrayIterator(this.decoded.t, this.decoded.v);
  }

  private corrupt(err: Error): Error {
    return new StorageError('PNP_CHUNK_CORRUPT', `series ${formatLabels(this.labels)}: ${err.message}`, { cause: err });
  }
}

export class TsdbQuerier implements Querier {
  constructor(
    private readonly head: Head,
    private readonly db: BinaryLevel,
    private readonly mint: number,
    private readonly maxt: number,
    private readonly assertOpen: () => void,
    private readonly rollupsEnabled: boolean,
    /** Called once, by the first close(). */
    private readonly onClose: () => void = () => {},
  ) {}

  private closed = false;

  async select(hints: SelectHints, matchers: readonly LabelMatcher[]): Promise<Series[]> {
    this.assertOpen();
    const start = Math.max(hints.start, this.mint);
    const end = Math.min(hints.end, this.maxt);
    const ids = this.head.index.select(matchers);
    if (ids.length === 0 || start > end) return [];
    // Head first, then LevelDB: a chunk persisted in between shows up twice, never zero times.
    const headPieces = new Map<number, Piece[]>();
    for (let i = 0; i < ids.length; i++) {
      const s = this.head.byRef(ids[i]!);
      if (s) headPieces.set(s.id, this.head.pieces(s, start, end));
    }
    let stored = new Map<number, StoredPiece[]>();
    let rollups = new Map<number, Map<number, Uint8Array>>();
    const plan = this.rollupsEnabled ? planRollup(hints) : null;
    // LevelDB holds nothing after persistedMaxT, and nothing the head does not
    // also hold from residentFrom on: most selects of recent data read no LevelDB.
    const fromWindow = this.head.windowOf(Math.max(0, start));
    const toWindow = Math.min(this.head.windowOf(Math.min(end, 0xffffffff * this.head.opts.chunkRange)), this.head.residentFrom - 1);
    if (start <= this.head.persistedMaxT && fromWindow <= toWindow) {
      // Only series whose LevelDB windows reach into the range: each costs a seek otherwise.
      const diskIds = this.head.storedIn(ids, fromWindow, toWindow);
      if (diskIds.length > 0) {
        stored = await readChunks(this.db, diskIds, fromWindow, toWindow, start, end, this.head.opts.chunkRange);
        if (plan) rollups = await readRollups(this.db, plan.res, diskIds, fromWindow, toWindow);
      }
    }
    const out: SelectedSeries[] = [];
    const arena = new SampleArena();
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const s = this.head.byRef(id);
      if (!s) continue;
      const pieces: Piece[] = [];
      const fromHead = headPieces.get(id) ?? [];
      const fromDisk = stored.get(id) ?? [];
      const summarised = plan ? this.useRollups(plan, rollups.get(id), fromDisk, fromHead, start, end, pieces) : null;
      for (const p of fromDisk) {
        if (summarised?.has(p.window)) continue;
        pieces.push({ bytes: p.bytes, t: null, v: null, seq: p.seq, mint: p.mint, maxt: p.maxt });
      }
      for (const p of fromHead) pieces.push(p);
      // Only series with data in the range, for `series` (metadata) selects too, as Prometheus.
      if (pieces.length === 0) continue;
      out.push(new SelectedSeries(s.labels, pieces, start, end, arena));
    }
    out.sort((a, b) => compareLabels(a.labels, b.labels));
    return out;
  }

  /**
   * Adds one sample per rollup bucket for windows whose rollup is current
   * (the window holds only compacted chunks and nothing of it is in the
   * head); returns those windows so their raw chunks are skipped.
   */
  private useRollups(
    plan: RollupPlan,
    records: Map<number, Uint8Array> | undefined,
    fromDisk: readonly StoredPiece[],
    fromHead: readonly Piece[],
    start: number,
    end: number,
    pieces: Piece[],
  ): Set<number> | null {
    if (!records) return null;
    const stale = new Set<number>();
    for (const p of fromDisk) if (p.seq >= COMPACTED_SEQ_LIMIT) stale.add(p.window);
    for (const p of fromHead) {
      for (let w = this.head.windowOf(p.mint); w <= this.head.windowOf(p.maxt); w++) stale.add(w);
    }
    const used = new Set<number>();
    for (const [w, bytes] of records) {
      if (stale.has(w)) continue;
      const r = decodeRollup(bytes, plan.resMs);
      const col = r.columns[plan.column];
      const t = new Float64Array(r.t.length);
      const v = new Float64Array(r.t.length);
      let n = 0;
      for (let i = 0; i < r.t.length; i++) {
        const at = r.t[i]! + plan.resMs - 1;
        if (at < start || at > end) continue;
        t[n] = at;
        v[n] = col[i]!;
        n++;
      }
      used.add(w);
      if (n > 0) pieces.push({ bytes: null, t: t.subarray(0, n), v: v.subarray(0, n), seq: 0, mint: t[0]!, maxt: t[n - 1]! });
    }
    return used;
  }

  /**
   * Whether label names and values must look at each series' time bounds:
   * only when the querier's range leaves out some time that may hold data
   * (timestamps are ≥ 0), so the common "everything" call stays an index read.
   */
  private get timeFiltered(): boolean {
    const newest = Math.max(this.head.maxT, this.head.persistedMaxT);
    return this.mint > 0 || this.maxt < newest;
  }

  /** Series matching `matchers` (all when none) with possible data in the querier's range. */
  private *seriesInRange(matchers: readonly LabelMatcher[] | undefined) {
    const ids = matchers && matchers.length > 0 ? this.head.index.select(matchers) : this.head.index.allPostings();
    const filtered = this.timeFiltered;
    for (let i = 0; i < ids.length; i++) {
      const s = this.head.byRef(ids[i]!);
      if (s && (!filtered || this.head.mayHaveDataIn(s, this.mint, this.maxt))) yield s;
    }
  }

  async labelNames(matchers?: readonly LabelMatcher[]): Promise<string[]> {
    this.assertOpen();
    if ((!matchers || matchers.length === 0) && !this.timeFiltered) return this.head.index.labelNames();
    const names = new Set<string>();
    for (const s of this.seriesInRange(matchers)) for (const l of s.labels) names.add(l.name);
    return [...names].sort();
  }

  async labelValues(name: string, matchers?: readonly LabelMatcher[]): Promise<string[]> {
    this.assertOpen();
    if (!matchers || matchers.length === 0) {
      const all = this.head.index.labelValues(name);
      if (!this.timeFiltered) return all;
      // Per value, stop at its first series with possible data in range.
      return all.filter((value) => {
        const ids = this.head.index.postings(name, value);
        for (let i = 0; i < ids.length; i++) {
          const s = this.head.byRef(ids[i]!);
          if (s && this.head.mayHaveDataIn(s, this.mint, this.maxt)) return true;
        }
        return false;
      });
    }
    const values = new Set<string>();
    for (const s of this.seriesInRange(matchers)) {
      const l = s.labels.find((x) => x.name === name);
      if (l) values.add(l.value);
    }
    return [...values].sort();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}
