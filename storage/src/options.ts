import type { StorageLogger } from './logger.js';
import type { WalSyncPolicy } from './wal/index.js';

export interface StorageOptions {
  /** Directory that holds the LevelDB (`db/`) and the WAL (`wal/`); created when missing. */
  readonly dataDir: string;
  readonly logger?: StorageLogger;
  /**
   * When a commit counts as durable: `'batch'` (default) fsyncs before every
   * commit resolves, commits in the same tick sharing one fsync; a number N
   * fsyncs every N ms and resolves commits once written to the OS (a power
   * loss may then cost up to N ms of acknowledged writes; a process crash costs nothing).
   */
  readonly walSync?: WalSyncPolicy;
  /** WAL segment size in bytes. Default 32 MiB. */
  readonly walSegmentBytes?: number;
  /**
   * WAL bytes written since the last checkpoint that trigger the next one.
   * Bounds both start-up replay time and head memory. Default 64 MiB.
   */
  readonly checkpointWalBytes?: number;
  /**
   * Also checkpoint this often (ms) when anything was written, so a slow
   * ingest still gets compaction and retention. Default 1 h; 0 turns it off.
   */
  readonly checkpointIntervalMs?: number;
  /** Width of a time window (chunk and block range) in ms. Default 2 h. Fixed for a data directory. */
  readonly chunkRange?: number;
  /** Samples per head chunk before it is cut. Default 120. */
  readonly samplesPerChunk?: number;
  /** Drop data older than this many ms before the newest sample; 0 or absent keeps everything. */
  readonly retentionMs?: number;
  /** Drop the oldest windows while the chunks take more bytes than this; 0 or absent: no limit. */
  readonly retentionBytes?: number;
  /**
   * Persisted chunks stay in memory for the newest windows while they take
   * at most this many bytes, so queries over the last hours or days read no
   * LevelDB; the current and previous window stay in any case. Default 256 MiB;
   * 0 keeps only those two.
   */
  readonly residentBytes?: number;
  /**
   * Worker threads for compaction (piscina). Default 1; 0 runs compaction
   * on the main thread (tests, tools), which blocks the event loop while it works.
   */
  readonly compactionThreads?: number;
  /** Write 5m and 1h rollups when compacting. Default true. */
  readonly rollups?: boolean;
  /** Compact windows automatically after checkpoints. Default true. */
  readonly autoCompact?: boolean;
  /** Progress of long start-up work (WAL replay), as done/total bytes. */
  readonly onReplayProgress?: (done: number, total: number) => void;
}

export interface ResolvedOptions {
  readonly dataDir: string;
  readonly walSync: WalSyncPolicy;
  readonly walSegmentBytes: number;
  readonly checkpointWalBytes: number;
  readonly checkpointIntervalMs: number;
  readonly chunkRange: number;
  readonly samplesPerChunk: number;
  readonly retentionMs: number;
  readonly retentionBytes: number;
  readonly residentBytes: number;
  readonly compactionThreads: number;
  readonly autoCompact: boolean;
  readonly rollups: boolean;
}

export function resolveOptions(o: StorageOptions): ResolvedOptions {
  return {
    dataDir: o.dataDir,
    walSync: o.walSync ?? 'batch',
    walSegmentBytes: o.walSegmentBytes ?? 32 * 1024 * 1024,
    checkpointWalBytes: o.checkpointWalBytes ?? 64 * 1024 * 1024,
    checkpointIntervalMs: o.checkpointIntervalMs ?? 3600 * 1000,
    chunkRange: o.chunkRange ?? 2 * 3600 * 1000,
    samplesPerChunk: Math.min(o.samplesPerChunk ?? 120, 65535),
    retentionMs: o.retentionMs ?? 0,
    retentionBytes: o.retentionBytes ?? 0,
    residentBytes: o.residentBytes ?? 256 * 1024 * 1024,
    compactionThreads: o.compactionThreads ?? 1,
    autoCompact: o.autoCompact ?? true,
    rollups: o.rollups ?? true,
  };
}
