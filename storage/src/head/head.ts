import type { Labels } from '../api.js';
import { decodeChunk, encodeXor, samplesOutside, XorAppender } from '../chunkenc/index.js';
import { StorageError } from '../errors.js';
import { labelsKey, labelsKeyFlat, validateLabels } from '../index/labels.js';
import { MemIndex } from '../index/mem-index.js';
import { HeadSeries, type SealedChunk } from './head-series.js';
import { OooBuffer } from './ooo-buffer.js';

export interface HeadOptions {
  /** Width of a time window in ms; chunks never cross a window boundary. */
  readonly chunkRange: number;
  /** Samples after which the head cuts a chunk (Prometheus uses 120). */
  readonly samplesPerChunk: number;
  /**
   * Chunk bytes of windows before the previous one that stay resident (see
   * Head.residentFrom); 0 or absent keeps only the current and previous window.
   */
  readonly residentBytes?: number;
}

/** Data of one series within a range as the head holds it right now, for a querier. */
export interface HeadPiece {
  /** Chunk bytes, or null when the samples are given decoded in t/v. */
  readonly bytes: Uint8Array | null;
  readonly t: Float64Array | null;
  readonly v: Float64Array | null;
  readonly seq: number;
  readonly mint: number;
  readonly maxt: number;
}

export interface PersistChunk {
  readonly series: HeadSeries;
  readonly chunk: SealedChunk;
}

/** How many of a series' sealed chunks (a prefix of its list) a checkpoint took. */
export interface PersistTaken {
  readonly series: HeadSeries;
  readonly count: number;
}

/** What a checkpoint takes from the head: chunks to persist and the samples that stay in memory. */
export interface PersistTake {
  readonly currentWindow: number;
  readonly chunks: PersistChunk[];
  readonly taken: PersistTaken[];
  readonly openChunks: { id: number; chunk: Uint8Array }[];
  readonly kept: { id: number; t: Float64Array; v: Float64Array }[];
}

/** The live out-of-order buffer outranks every chunk: it only holds rewrites newer than them. */
export const OOO_LIVE_SEQ = 0xffffffff;

/**
 * The in-memory part of the TSDB: every known series (with the index) and
 * the samples not yet persisted. All methods run on the main thread and are
 * synchronous; persistence and WAL live outside.
 */
export class Head {
  readonly index = new MemIndex();
  private readonly byKey = new Map<string, HeadSeries>();
  private byId: (HeadSeries | undefined)[] = [];
  nextId = 1;
  /** Seqs below 16 are reserved for compacted chunks (see COMPACTED_SEQ_LIMIT). */
  nextSeq = 16;
  /** Series created since the last persist (their labels are not in LevelDB yet). */
  newSeries: HeadSeries[] = [];
  /** Ids of series dropped since the last persist (their records are still in LevelDB). */
  droppedIds: number[] = [];
  /** Series dropped since start-up: an appender whose batch began at another count checks its refs. */
  seriesDrops = 0;
  samples = 0;
  minT = Infinity;
  maxT = -Infinity;
  sealedBytes = 0;
  /**
   * Newest sample time in LevelDB's chunks: a select starting after it needs
   * no LevelDB read at all (the common case for rules over the last minutes).
   * -Infinity: nothing persisted; +Infinity: unknown.
   */
  persistedMaxT = -Infinity;
  /**
   * First window whose LevelDB chunks are all also in memory (HeadSeries.resident,
   * or still sealed): a select reads LevelDB only for windows before it. The
   * head keeps the current and the previous window, as Prometheus' head does,
   * and older windows while all resident chunks fit in opts.residentBytes
   * (what Prometheus gets from the page cache over its mmapped blocks).
   * Infinity: nothing is resident (right after start-up, until warmed).
   */
  residentFrom = Infinity;
  /** Bytes of resident chunks. */
  residentBytes = 0;
  /** Bytes of resident chunks per window, to release the oldest windows first. */
  private readonly residentByWindow = new Map<number, number>();

  constructor(readonly opts: HeadOptions) {}

  get seriesCount(): number {
    return this.byKey.size;
  }

  byRef(id: number): HeadSeries | undefined {
    return this.byId[id];
  }

  byLabels(labels: Labels): HeadSeries | undefined {
    return this.byKey.get(labelsKey(labels));
  }

  /** Adds a series known from LevelDB or the WAL with a fixed id. */
  restoreSeries(id: number, labels: Labels, fromDisk: boolean): HeadSeries {
    const existing = this.byId[id];
    if (existing) return existing;
    const s = new HeadSeries(id, labels);
    s.logged = true;
    if (fromDisk) {
      // Unknown until Tsdb.refreshStoredBounds has scanned the chunk keys.
      s.storedMinW = -1;
    }
    this.byKey.set(labelsKeyFlat(labels), s);
    this.byId[id] = s;
    if (id >= this.nextId) this.nextId = id + 1;
    // Series from LevelDB get their postings from LevelDB; series first seen
    // in the WAL are indexed here and persisted at the next checkpoint.
    if (!fromDisk) {
      this.index.add(id, labels);
      this.newSeries.push(s);
    }
    return s;
  }

  getOrCreate(labels: Labels): HeadSeries {
    const key = labelsKey(labels);
    const found = this.byKey.get(key);
    if (found) return found;
    validateLabels(labels);
    // The index hands out one immutable label object per name=value pair, shared by every series that has it.
    const id = this.nextId++;
    const shared = this.index.addShared(id, labels);
    const s = new HeadSeries(id, shared);
    this.byKey.set(labelsKeyFlat(labels), s);
    this.byId[s.id] = s;
    this.newSeries.push(s);
    return s;
  }

  windowOf(t: number): number {
    return Math.floor(t / this.opts.chunkRange);
  }

  /** Appends one sample; the series must exist. Timestamps must be ≥ 0. */
  append(s: HeadSeries, t: number, v: number): void {
    const open = s.open;
    if (open !== null && t > open.maxt) {
      if (open.count >= this.opts.samplesPerChunk || t >= s.openWindowEnd) {
        this.sealOpen(s);
        this.startChunk(s, t);
      }
      s.open!.append(t, v);
    } else if (open === null) {
      this.startChunk(s, t);
      s.open!.append(t, v);
    } else {
      let ooo = s.ooo;
      if (ooo === null) ooo = s.ooo = new OooBuffer();
      ooo.insert(t, v);
      if (ooo.length >= this.opts.samplesPerChunk) this.flushOoo(s);
    }
    this.samples++;
    if (t < this.minT) this.minT = t;
    if (t > this.maxT) this.maxT = t;
  }

  private startChunk(s: HeadSeries, t: number): void {
    if (!(t >= 0 && t <= Number.MAX_SAFE_INTEGER)) {
      throw new StorageError('PNP_STORAGE_BAD_INPUT', `timestamp ${t} is outside 0..2^53 ms`);
    }
    const w = this.windowOf(t);
    s.open = new XorAppender();
    s.openSeq = this.nextSeq++;
    s.openWindow = w;
    s.openWindowEnd = (w + 1) * this.opts.chunkRange;
  }

  sealOpen(s: HeadSeries): void {
    const open = s.open;
    if (open === null) return;
    s.open = null;
    if (open.count === 0) return;
    const bytes = open.bytes();
    s.sealed.push({ bytes, mint: open.mint, maxt: open.maxt, seq: s.openSeq, window: s.openWindow });
    this.sealedBytes += bytes.length;
  }

  /** Turns the out-of-order buffer into chunks, one per window it spans. */
  flushOoo(s: HeadSeries): void {
    const ooo = s.ooo;
    if (ooo === null || ooo.length === 0) return;
    s.ooo = null;
    const seq = this.nextSeq++;
    let from = 0;
    while (from < ooo.length) {
      const w = this.windowOf(ooo.ts[from]!);
      const end = (w + 1) * this.opts.chunkRange;
      let to = from + 1;
      while (to < ooo.length && ooo.ts[to]! < end) to++;
      const bytes = encodeXor(ooo.ts, ooo.vs, from, to);
      s.sealed.push({ bytes, mint: ooo.ts[from]!, maxt: ooo.ts[to - 1]!, seq, window: w });
      this.sealedBytes += bytes.length;
      from = to;
    }
  }

  /**
   * What the head holds for series `s` within [mint, maxt], safe to keep
   * (copies or immutable): resident chunks first, then the live data.
   */
  pieces(s: HeadSeries, mint: number, maxt: number): HeadPiece[] {
    const out: HeadPiece[] = [];
    for (const c of s.resident) {
      if (c.maxt >= mint && c.mint <= maxt) out.push({ bytes: c.bytes, t: null, v: null, seq: c.seq, mint: c.mint, maxt: c.maxt });
    }
    this.livePieces(s, mint, maxt, out);
    return out;
  }

  /** Data of `s` not yet in LevelDB (sealed, open, out of order) within [mint, maxt], appended to `out`. */
  private livePieces(s: HeadSeries, mint: number, maxt: number, out: HeadPiece[]): HeadPiece[] {
    for (const c of s.sealed) {
      if (c.maxt >= mint && c.mint <= maxt) out.push({ bytes: c.bytes, t: null, v: null, seq: c.seq, mint: c.mint, maxt: c.maxt });
    }
    const open = s.open;
    if (open !== null && open.count > 0 && open.maxt >= mint && open.mint <= maxt) {
      out.push({ bytes: open.bytes(), t: null, v: null, seq: s.openSeq, mint: open.mint, maxt: open.maxt });
    }
    const ooo = s.ooo;
    if (ooo !== null && ooo.length > 0 && ooo.ts[ooo.length - 1]! >= mint && ooo.ts[0]! <= maxt) {
      out.push({ bytes: null, t: ooo.ts.slice(0, ooo.length), v: ooo.vs.slice(0, ooo.length), seq: OOO_LIVE_SEQ, mint: ooo.ts[0]!, maxt: ooo.ts[ooo.length - 1]! });
    }
    return out;
  }

  /** The first window the head keeps in memory once data has reached window `current`. */
  static residentWindowFor(current: number): number {
    return Math.max(0, current - 1);
  }

  /** Every series, in id order. */
  *allSeries(): Iterable<HeadSeries> {
    for (const s of this.byId) if (s) yield s;
  }

  /**
   * Lists what a checkpoint persists: seals open chunks of windows that are
   * over (so idle series free their memory) and returns all sealed chunks,
   * which stay visible until `dropPersisted` removes them after the write.
   * Also returns, per series, the samples that stay in memory, for the
   * checkpoint file.
   */
  takeForPersist(): PersistTake {
    const take = this.beginTake();
    this.takeSlice(take, 0, this.byId.length);
    return take;
  }

  /** An empty take for the current window; fill it with takeSlice over id ranges. */
  beginTake(): PersistTake {
    const currentWindow = this.maxT === -Infinity ? 0 : this.windowOf(this.maxT);
    return { currentWindow, chunks: [], taken: [], openChunks: [], kept: [] };
  }

  /** Number of id slots takeSlice can visit (ids are below it). */
  get idLimit(): number {
    return this.byId.length;
  }

  /**
   * takeForPersist for series with ids in [from, to). A checkpoint takes the
   * head in slices and yields to the event loop between them: chunks sealed
   * meanwhile land after the counted prefix, and samples appended meanwhile
   * are in WAL segments the checkpoint keeps (a sample in both is replayed as
   * the same timestamp and value again, which last-write-wins absorbs).
   */
  takeSlice(take: PersistTake, from: number, to: number): void {
    const { currentWindow, chunks, taken, openChunks, kept } = take;
    const end = Math.min(to, this.byId.length);
    for (let id = from; id < end; id++) {
      const s = this.byId[id];
      if (s === undefined) continue;
      if (s.open !== null && s.openWindow < currentWindow - 1) this.sealOpen(s);
      if (s.ooo !== null && s.ooo.ts[s.ooo.length - 1]! < (currentWindow - 1) * this.opts.chunkRange) this.flushOoo(s);
      for (const c of s.sealed) chunks.push({ series: s, chunk: c });
      if (s.sealed.length > 0) taken.push({ series: s, count: s.sealed.length });
      // Open chunks go to the checkpoint as bytes (no decoding on the main
      // thread); out-of-order buffers as samples, replayed after them.
      if (s.open !== null && s.open.count > 0) openChunks.push({ id: s.id, chunk: s.open.bytes() });
      const ooo = s.ooo;
      if (ooo !== null && ooo.length > 0) kept.push({ id: s.id, t: ooo.ts.slice(0, ooo.length), v: ooo.vs.slice(0, ooo.length) });
    }
  }

  /** Seals every open chunk and out-of-order buffer, so a checkpoint persists everything. */
  sealAll(): void {
    for (const s of this.allSeries()) {
      this.sealOpen(s);
      this.flushOoo(s);
    }
  }

  /**
   * Forgets chunks a checkpoint has written to LevelDB. They are a prefix of
   * each series' list: chunks sealed meanwhile were appended after them, and
   * nothing else edits the lists while a checkpoint runs (both hold the
   * engine's exclusive lock).
   */
  dropPersisted(taken: readonly PersistTaken[]): void {
    for (const { series, count } of taken) {
      for (let i = 0; i < count; i++) {
        const c = series.sealed[i]!;
        this.sealedBytes -= c.bytes.length;
        // Chunks of resident windows stay in memory (now as LevelDB's twins).
        if (c.window >= this.residentFrom) {
          series.resident.push(c);
          this.countResident(c, 1);
        }
      }
      series.sealed = series.sealed.slice(count);
    }
  }

  /**
   * Moves the start of the resident windows forward to `window` (never back)
   * and forgets resident chunks before it: reads of those windows go to
   * LevelDB again.
   */
  advanceResident(window: number): void {
    // Infinity stays: nothing is resident until warmResident has read LevelDB.
    if (this.residentFrom === Infinity || window <= this.residentFrom) return;
    this.residentFrom = window;
    if (this.residentBytes === 0) return;
    for (const s of this.allSeries()) {
      if (s.resident.length === 0 || s.resident[0]!.window >= window) continue;
      const keep: SealedChunk[] = [];
      for (const c of s.resident) {
        if (c.window >= window) keep.push(c);
        else this.countResident(c, -1);
      }
      s.resident = keep;
    }
  }

  /**
   * After a checkpoint of data up to window `current`: releases the oldest
   * resident windows while the resident chunks take more than
   * opts.residentBytes, never the current and previous window.
   */
  trimResident(current: number): void {
    const floor = Head.residentWindowFor(current);
    const budget = this.opts.residentBytes ?? 0;
    if (this.residentFrom === Infinity || this.residentFrom >= floor) return this.advanceResident(floor);
    let bytes = this.residentBytes;
    let from = this.residentFrom;
    for (const w of [...this.residentByWindow.keys()].sort((a, b) => a - b)) {
      if (w >= floor || bytes <= budget) break;
      bytes -= this.residentByWindow.get(w)!;
      from = w + 1;
    }
    this.advanceResident(bytes <= budget ? from : floor);
  }

  /** Resident chunk bytes of window `window` (0 when it is not resident). */
  residentBytesOf(window: number): number {
    return this.residentByWindow.get(window) ?? 0;
  }

  private countResident(c: SealedChunk, sign: 1 | -1): void {
    const bytes = sign * c.bytes.length;
    this.residentBytes += bytes;
    const left = (this.residentByWindow.get(c.window) ?? 0) + bytes;
    if (left === 0) this.residentByWindow.delete(c.window);
    else this.residentByWindow.set(c.window, left);
  }

  /**
   * Makes windows from `window` on resident: adds their LevelDB chunks (read
   * by the caller, while no checkpoint, compaction or delete can run) to the
   * series. Only lowers residentFrom; `chunks` must hold every LevelDB chunk
   * of windows [window, residentFrom).
   */
  addResident(chunks: ReadonlyMap<number, readonly SealedChunk[]>, window: number): void {
    for (const [id, list] of chunks) {
      const s = this.byId[id];
      if (s === undefined) continue;
      const older = list.filter((c) => c.window < this.residentFrom);
      if (older.length === 0) continue;
      s.resident = older.concat(s.resident);
      for (const c of older) this.countResident(c, 1);
    }
    if (window < this.residentFrom) this.residentFrom = window;
  }

  /** Whether `s` may have samples in [mint, maxt] (window-granular for LevelDB; may over-cover, never misses). */
  mayHaveDataIn(s: HeadSeries, mint: number, maxt: number): boolean {
    if (s.storedMinW < 0) return true;
    const range = this.opts.chunkRange;
    if (s.storedMaxW >= s.storedMinW && s.storedMinW * range <= maxt && (s.storedMaxW + 1) * range - 1 >= mint) return true;
    // The head's own bounds cost nothing to keep: chunks and buffers carry them.
    const open = s.open;
    if (open !== null && open.count > 0 && open.mint <= maxt && open.maxt >= mint) return true;
    for (const c of s.sealed) if (c.mint <= maxt && c.maxt >= mint) return true;
    for (const c of s.resident) if (c.mint <= maxt && c.maxt >= mint) return true;
    const ooo = s.ooo;
    return ooo !== null && ooo.length > 0 && ooo.ts[0]! <= maxt && ooo.ts[ooo.length - 1]! >= mint;
  }

  /** The ids (sorted) of series that may have LevelDB chunks in windows [from, to], in order. */
  storedIn(ids: Uint32Array, from: number, to: number): Uint32Array {
    const out = new Uint32Array(ids.length);
    let n = 0;
    for (let i = 0; i < ids.length; i++) {
      const s = this.byId[ids[i]!];
      if (s === undefined) continue;
      // Unknown bounds (start-up, before the key scan) count as everything.
      if (s.storedMinW < 0 || (s.storedMaxW >= s.storedMinW && s.storedMinW <= to && s.storedMaxW >= from)) out[n++] = ids[i]!;
    }
    return n === ids.length ? ids : out.subarray(0, n);
  }

  /**
   * The oldest window any series has chunks of in LevelDB, from the bounds
   * of the chunk-key scan; Infinity when nothing is stored or the scan has not run.
   */
  oldestStoredWindow(): number {
    let oldest = Infinity;
    for (const s of this.allSeries()) {
      if (s.storedMinW < 0) return Infinity;
      if (s.storedMaxW >= s.storedMinW && s.storedMinW < oldest) oldest = s.storedMinW;
    }
    return oldest;
  }

  /** Widens the LevelDB bounds of `s` for a chunk a checkpoint persists in `window`. */
  noteStored(s: HeadSeries, window: number): void {
    if (s.storedMinW < 0) return;
    if (s.storedMaxW < s.storedMinW) {
      s.storedMinW = window;
      s.storedMaxW = window;
    } else if (window < s.storedMinW) s.storedMinW = window;
    else if (window > s.storedMaxW) s.storedMaxW = window;
  }

  /**
   * Sets every series' LevelDB time bounds from a scan of the chunk keys:
   * id → [first window, last window] with chunks.
   */
  setStoredBounds(windows: ReadonlyMap<number, readonly [number, number]>): void {
    for (const s of this.allSeries()) {
      const w = windows.get(s.id);
      s.storedMinW = w ? w[0] : 0;
      s.storedMaxW = w ? w[1] : -1;
    }
  }

  /** Whether the head holds any sample of `s` (sealed, open or out of order). */
  hasData(s: HeadSeries): boolean {
    return s.sealed.length > 0 || s.resident.length > 0 || (s.open !== null && s.open.count > 0) || (s.ooo !== null && s.ooo.length > 0);
  }

  /**
   * Forgets a series with no data left: its id, its labels and its postings.
   * The next checkpoint deletes its series record and rewrites the postings
   * it was in (see Tsdb.dropSeriesWithoutData for why that order is safe).
   * Its id is never handed out again.
   */
  dropSeries(s: HeadSeries): void {
    if (this.byId[s.id] !== s) return;
    this.byId[s.id] = undefined;
    const key = labelsKeyFlat(s.labels);
    // Only its own entry: a replayed old record may share the labels of a newer series.
    if (this.byKey.get(key) === s) this.byKey.delete(key);
    this.index.remove(s.id, s.labels);
    this.droppedIds.push(s.id);
    this.seriesDrops++;
  }

  /**
   * Drops samples of series `s` in [mint, maxt] from memory (for
   * deleteSeries). Resident chunks are cut as deleteStoredRange cuts their
   * LevelDB twins; live data is rewritten into new chunks.
   */
  deleteRange(s: HeadSeries, mint: number, maxt: number): void {
    this.deleteResidentRange(s, mint, maxt);
    // Oldest write first, so a later write of the same timestamp replaces an earlier one.
    const all = this.livePieces(s, -Infinity, Infinity, []).sort((a, b) => a.seq - b.seq);
    if (all.length === 0) return;
    for (const c of s.sealed) this.sealedBytes -= c.bytes.length;
    s.sealed = [];
    s.open = null;
    s.ooo = null;
    const rest = new OooBuffer();
    for (const p of all) {
      const d = p.bytes ? decodeChunk(p.bytes) : { t: p.t!, v: p.v! };
      for (let i = 0; i < d.t.length; i++) {
        if (d.t[i]! >= mint && d.t[i]! <= maxt) continue;
        rest.insert(d.t[i]!, d.v[i]!);
      }
    }
    if (rest.length > 0) {
      s.ooo = rest;
      this.flushOoo(s);
    }
  }

  private deleteResidentRange(s: HeadSeries, mint: number, maxt: number): void {
    if (!s.resident.some((c) => c.maxt >= mint && c.mint <= maxt)) return;
    const keep: SealedChunk[] = [];
    for (const c of s.resident) {
      if (c.maxt < mint || c.mint > maxt) {
        keep.push(c);
        continue;
      }
      this.countResident(c, -1);
      // Samples before and after the cut, as one chunk (chunks hold one time-ordered run).
      const { t, v } = samplesOutside(c.bytes, mint, maxt);
      if (t.length === 0) continue;
      const cut: SealedChunk = { bytes: encodeXor(t, v, 0, t.length), mint: t[0]!, maxt: t[t.length - 1]!, seq: c.seq, window: c.window };
      keep.push(cut);
      this.countResident(cut, 1);
    }
    s.resident = keep;
  }
}
