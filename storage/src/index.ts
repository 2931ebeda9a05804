export type * from './api.js';
export { StorageError, WalCorruptionError, type StorageErrorCode } from './errors.js';
export { openStorage, type StorageOptions, type StorageLogger } from './open-storage.js';
export { STALE_NAN, isStaleNaN } from './chunkenc/index.js';
export type { WalSyncPolicy } from './wal/index.js';
