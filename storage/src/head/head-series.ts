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
  ooo: OooBuffer | null = null;
  /** Whether a series record for it is in the WAL (or LevelDB) already. */
  logged = false;
  /** Oldest and newest sample appended in this process (none: +Infinity, -Infinity). */
  minT = Infinity;
  maxT = -Infinity;
  /**
   * Time bounds of its chunks in LevelDB, to the window (none: +Infinity,
   * -Infinity; -Infinity, +Infinity until the start-up scan has run). Both
   * pairs only ever widen between scans, so they may over-cover, never miss.
   */
  storedMinT = Infinity;
  storedMaxT = -Infinity;

  constructor(
    readonly id: number,
    readonly labels: Labels,
  ) {}
}
