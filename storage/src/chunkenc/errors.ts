/** Thrown when chunk bytes do not decode; callers add the series and range. */
export class ChunkDecodeError extends Error {
  readonly code = 'PNP_CHUNK_CORRUPT';
  constructor(message: string) {
    super(message);
    this.name = 'ChunkDecodeError';
  }
}
