import { IngestError } from '../errors.js';

/**
 * Snappy block format decoder (google/snappy format_description.txt), the
 * format remote write uses: a varint of the uncompressed length, then
 * literal and copy elements. Never the framed/stream format.
 *
 * The output length is read and checked against `maxLength` before anything
 * is allocated, and every element is bounds-checked against that length, so
 * a "snappy bomb" (a small body declaring gigabytes) costs nothing.
 */

/**
 * A reusable output buffer, so a busy receiver does not allocate (and the GC
 * does not reclaim) a fresh body-sized buffer per request. The buffer
 * returned by `take` is valid until the next `take`: use it synchronously.
 */
export class SnappyScratch {
  private buf = Buffer.allocUnsafe(0);

  /** Keeps at most this many bytes between requests; a rare huge body does not pin its size forever. */
  constructor(private readonly keepBytes = 4 * 1024 * 1024) {}

  take(length: number): Buffer {
    if (length > this.keepBytes) return Buffer.allocUnsafe(length);
    if (this.buf.length < length) this.buf = Buffer.allocUnsafe(Math.max(length, Math.min(this.keepBytes, this.buf.length * 2)));
    return this.buf.subarray(0, length);
  }
}

/** Reads the uncompressed length from the header; throws on a malformed varint. */
export function snappyDecodedLength(src: Uint8Array): { length: number; headerBytes: number } {
  let result = 0;
  let shift = 0;
  for (let i = 0; i < 5 && i < src.length; i++) {
    const b = src[i]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) {
      if (result > 0xffffffff) break;
      return { length: result, headerBytes: i + 1 };
    }
    shift += 7;
  }
  throw new IngestError('PNP_INGEST_SNAPPY_CORRUPT', 'snappy: corrupt length header (is the body snappy block-compressed?)');
}

/**
 * Decompresses a snappy block into a new Buffer of exactly the declared size.
 * Throws PNP_INGEST_DECOMPRESSED_TOO_LARGE when the declared size exceeds
 * `maxLength` (0 = no limit) and PNP_INGEST_SNAPPY_CORRUPT on any malformed element.
 */
export function snappyDecode(src: Uint8Array, maxLength: number, scratch?: SnappyScratch): Buffer {
  const { length, headerBytes } = snappyDecodedLength(src);
  if (maxLength > 0 && length > maxLength) {
    throw new IngestError(
      'PNP_INGEST_DECOMPRESSED_TOO_LARGE',
      `decompressed body would be ${length} bytes, over the limit of ${maxLength} bytes (max_decompressed_bytes)`,
    );
  }
  const out = scratch ? scratch.take(length) : Buffer.allocUnsafe(length);
  let s = headerBytes;
  let d = 0;
  const end = src.length;
  while (s < end) {
    const tag = src[s++]!;
    const kind = tag & 3;
    if (kind === 0) {
      // Literal: length-1 in the upper 6 bits, or in 1-4 following bytes.
      let len = tag >>> 2;
      if (len >= 60) {
        const extra = len - 59;
        if (s + extra > end) throw corrupt('literal length runs past the input', s);
        len = 0;
        for (let i = 0; i < extra; i++) len += src[s + i]! * 2 ** (8 * i);
        s += extra;
      }
      len += 1;
      if (s + len > end) throw corrupt('literal runs past the input', s);
      if (d + len > length) throw corrupt('literal overflows the declared length', s);
      if (len < 32) {
        // Short literals are the common case in label-heavy protobuf; a loop beats a native call here.
        for (let i = 0; i < len; i++) out[d + i] = src[s + i]!;
      } else out.set(src.subarray(s, s + len), d);
      s += len;
      d += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      if (s >= end) throw corrupt('truncated copy', s);
      len = 4 + ((tag >>> 2) & 7);
      offset = ((tag >>> 5) << 8) | src[s++]!;
    } else if (kind === 2) {
      if (s + 2 > end) throw corrupt('truncated copy', s);
      len = 1 + (tag >>> 2);
      offset = src[s]! | (src[s + 1]! << 8);
      s += 2;
    } else {
      if (s + 4 > end) throw corrupt('truncated copy', s);
      len = 1 + (tag >>> 2);
      offset = (src[s]! | (src[s + 1]! << 8) | (src[s + 2]! << 16)) + src[s + 3]! * 0x1000000;
      s += 4;
    }
    if (offset === 0 || offset > d) throw corrupt(`copy offset ${offset} points before the start of the output`, s);
    if (d + len > length) throw corrupt('copy overflows the declared length', s);
    if (offset >= len && len >= 32) {
      out.copyWithin(d, d - offset, d - offset + len);
      d += len;
    } else {
      // Short copies, and overlapping ones that repeat a pattern: byte by byte.
      for (let i = 0; i < len; i++, d++) out[d] = out[d - offset]!;
    }
  }
  if (d !== length) throw corrupt(`output is ${d} bytes but the header declared ${length}`, s);
  return out;
}

function corrupt(what: string, at: number): IngestError {
  return new IngestError('PNP_INGEST_SNAPPY_CORRUPT', `snappy: corrupt input at byte ${at}: ${what}`);
}
