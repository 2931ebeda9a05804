export type * from './api.js';
export { StorageError, WalCorruptionError, type StorageErrorCode } from './errors.js';
export { openStorage, type StorageOptions, type StorageLogger } from './open-storage.js';
export { STALE_NAN, isStaleNaN } from './chunkenc/index.js';
export type { WalSyncPolicy } from './wal/index.js';
export { compactDataDir, isDataDirInUse, readDataDirStats, type OfflineCompactOptions, type OfflineCompactResult, type OfflineOptions } from './offline.js';
export type { CompactProgress, CompactSummary } from './compact/compactor.js';

/** Label-set helpers shared with core (ordering and printing as Prometheus does). */
export { compareLabels, formatLabels } from './index/labels.js';
