/**
 * Errors of the ingest area. Each carries a stable code and the HTTP status a
 * sender should see: 4xx for bad input (senders drop it), 5xx only where a
 * retry can succeed (COMPATIBILITY.md §1.5).
 */
export type IngestErrorCode =
  | 'PNP_INGEST_UNSUPPORTED_MEDIA'
  | 'PNP_INGEST_BODY_TOO_LARGE'
  | 'PNP_INGEST_SNAPPY_CORRUPT'
  | 'PNP_INGEST_DECOMPRESSED_TOO_LARGE'
  | 'PNP_INGEST_PROTOBUF_CORRUPT'
  | 'PNP_INGEST_TOO_MANY_SERIES'
  | 'PNP_INGEST_BAD_REQUEST'
  | 'PNP_INGEST_STORAGE';

const STATUS = {
  PNP_INGEST_UNSUPPORTED_MEDIA: 415,
  PNP_INGEST_BODY_TOO_LARGE: 400,
  PNP_INGEST_SNAPPY_CORRUPT: 400,
  PNP_INGEST_DECOMPRESSED_TOO_LARGE: 400,
  PNP_INGEST_PROTOBUF_CORRUPT: 400,
  PNP_INGEST_TOO_MANY_SERIES: 400,
  PNP_INGEST_BAD_REQUEST: 400,
  PNP_INGEST_STORAGE: 503,
} as const satisfies Record<IngestErrorCode, number>;

export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly statusCode: number;
  constructor(code: IngestErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IngestError';
    this.code = code;
    this.statusCode = STATUS[code];
  }
}
