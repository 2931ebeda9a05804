/** Error catalogue of the storage package. Codes are stable; retired codes are never reused. */

export type StorageErrorCode =
  | 'PNP_STORAGE_LOCKED'
  | 'PNP_STORAGE_OPEN'
  | 'PNP_STORAGE_CLOSED';

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}
