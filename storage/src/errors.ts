/** Error catalogue of the storage package. Codes are stable; retired codes are never reused. */

export type StorageErrorCode =
  /** Another process (a running server) holds the data directory. */
  | 'PNP_STORAGE_LOCKED'
  /** The data directory could not be opened (permissions, corrupt LevelDB). */
  | 'PNP_STORAGE_OPEN'
  /** The storage was used after close(). */
  | 'PNP_STORAGE_CLOSED'
  /** A label set or matcher was invalid (empty name, unsorted or duplicate names). */
  | 'PNP_STORAGE_BAD_INPUT'
  /** Writing or syncing the write-ahead log failed; the batch was not acknowledged. */
  | 'PNP_WAL_WRITE'
  /** A WAL record failed its checksum or was cut short. */
  | 'PNP_WAL_CORRUPTION'
  /** A persisted chunk failed to decode; the error names the series and range. */
  | 'PNP_CHUNK_CORRUPT';

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

/** A corrupt or torn WAL record: where it is and why it did not read. */
export class WalCorruptionError extends StorageError {
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly reason: string,
  ) {
    super('PNP_WAL_CORRUPTION', `WAL ${file} at offset ${offset}: ${reason}`);
    this.name = 'WalCorruptionError';
  }
}
