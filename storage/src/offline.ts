import type { StorageStats } from './api.js';
import { Compactor, type CompactProgress, type CompactSummary } from './compact/compactor.js';
import { StorageError } from './errors.js';
import type { StorageLogger } from './logger.js';
import { openLevel, openTsdb } from './open-storage.js';

export interface OfflineOptions {
  readonly logger?: StorageLogger;
  /** Progress of WAL replay at open, as done/total bytes. */
  readonly onReplayProgress?: (done: number, total: number) => void;
}

/**
 * True when another process (a running server) holds the data directory.
 * Opens and closes the LevelDB lock only; changes nothing.
 */
export async function isDataDirInUse(dataDir: string): Promise<boolean> {
  try {
    const db = await openLevel(dataDir);
    await db.close();
    return false;
  } catch (err) {
    if (err instanceof StorageError && err.code === 'PNP_STORAGE_LOCKED') return true;
    throw err;
  }
}

/** Statistics of a data directory no server holds (PNP_STORAGE_LOCKED otherwise). */
export async function readDataDirStats(dataDir: string, opts: OfflineOptions & { limit?: number } = {}): Promise<StorageStats> {
  const db = await openLevel(dataDir);
  const tsdb = await openTsdb(db, { dataDir, compactionThreads: 0, autoCompact: false, ...opts });
  try {
    return await tsdb.stats({ limit: opts.limit ?? 10 });
  } finally {
    await tsdb.close();
  }
}

export interface OfflineCompactOptions extends OfflineOptions {
  /** Progress of compaction, per window and series group. */
  readonly onProgress?: CompactProgress;
  /** Worker threads; default 1. */
  readonly threads?: number;
  /** Retention to apply while at it (ms before the newest sample); default none. */
  readonly retentionMs?: number;
  readonly retentionBytes?: number;
  /** Write rollups; default true. */
  readonly rollups?: boolean;
}

export interface OfflineCompactResult extends CompactSummary {
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  readonly windowsDropped: number;
}

/**
 * Offline compaction of a data directory no server holds: persists the whole
 * head, compacts every window, applies retention when asked, and lets
 * LevelDB rewrite its files so deleted chunks free their space.
 */
export async function compactDataDir(dataDir: string, opts: OfflineCompactOptions = {}): Promise<OfflineCompactResult> {
  const db = await openLevel(dataDir);
  const tsdb = await openTsdb(db, {
    dataDir,
    compactionThreads: opts.threads ?? 1,
    autoCompact: false,
    logger: opts.logger,
    onReplayProgress: opts.onReplayProgress,
    retentionMs: opts.retentionMs,
    retentionBytes: opts.retentionBytes,
    rollups: opts.rollups,
  });
  try {
    const before = (await tsdb.stats()).bytesOnDisk.total ?? 0;
    await tsdb.flushHead();
    const compactor = tsdb.compaction as Compactor;
    const summary = await compactor.compactAll(opts.onProgress);
    const { windowsDropped } = await compactor.applyRetention();
    await tsdb.runExclusive(() => tsdb.checkpoint(true));
    await db.compactRange(new Uint8Array([0]), new Uint8Array([0xff]));
    const after = (await tsdb.stats()).bytesOnDisk.total ?? 0;
    return { ...summary, bytesBefore: before, bytesAfter: after, windowsDropped };
  } finally {
    await tsdb.close();
  }
}
