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

  constructor(
    readonly id: number,
    readonly labels: Labels,
  ) {}
}
