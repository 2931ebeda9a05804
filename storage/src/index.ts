export type * from './api.js';
export { StorageError, type StorageErrorCode } from './errors.js';
export { openStorage, type StorageOptions, type StorageLogger } from './open-storage.js';
