import type { Labels } from '../api.js';
import type { XorAppender } from '../chunkenc/index.js';
import type { OooBuffer } from './ooo-buffer.js';

/** An immutable chunk cut from the head, waiting for the next checkpoint to persist it. */
export interface SealedChunk {
  readonly bytes: Uint8Array;
  readonly mint: number;
  readonly maxt: number;
  /** Write order: among samples with the same timestamp, the higher seq wins. */
  readonly seq: number;
  readonly window: number;
}

/** One series in the head: its open chunk, sealed chunks and out-of-order buffer. */
export class HeadSeries {
  open: XorAppender | null = null;
  openSeq = 0;
  /** Exclusive end of the open chunk's time window: a sample at or past it cuts. */
  openWindowEnd = 0;
  openWindow = 0;
  sealed: SealedChunk[] = [];
  /**
   * Chunks already in LevelDB that the head keeps for windows at or after
   * Head.residentFrom, so reads of recent data (dashboards, rules) never
   * touch LevelDB. The same samples as the LevelDB copies, which compaction
   * may have merged since.
   */
  resident: SealedChunk[] = [];
  ooo: OooBuffer | null = null;
  /** Whether a series record for it is in the WAL (or LevelDB) already. */
  logged = false;
  /**
   * First and last window with a chunk in LevelDB, for label names and values
   * over a time range. None: storedMaxW < storedMinW (the default); unknown
   * (loaded at start-up, not yet scanned): storedMinW = -1. Small integers,
   * so they cost no heap number per series; they only widen between scans
   * and may over-cover, never miss.
   */
  storedMinW = 0;
  storedMaxW = -1;

  constructor(
    readonly id: number,
    readonly labels: Labels,
  ) {}
}
