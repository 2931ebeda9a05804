import { ChunkDecodeError } from './errors.js';
import { decodeDec, encodeDec, ENCODING_DEC } from './dec-chunk.js';
import { decodeXor, encodeXor, ENCODING_XOR } from './xor-chunk.js';

/**
 * A chunk is self-describing bytes: `[encoding u8][count u16 BE][payload]`.
 * Encoding 1 is Gorilla XOR (what the head writes while samples stream in);
 * encoding 2 is decimal-integer (what compaction picks when it is smaller).
 * See docs/storage/chunks.md for the bit layouts.
 */
export function chunkSampleCount(bytes: Uint8Array): number {
  if (bytes.length < 3) throw new ChunkDecodeError(`chunk of ${bytes.length} bytes is shorter than its header`);
  return (bytes[1]! << 8) | bytes[2]!;
}

/**
 * Decodes any chunk's samples at or after `minT` (all by default) into
 * `outT`/`outV` starting at `at`; returns how many it wrote. A reader that
 * starts inside a chunk (an instant query's last minutes) skips writing out
 * the samples before it.
 */
export function decodeChunkInto(bytes: Uint8Array, outT: Float64Array, outV: Float64Array, at: number, minT = -Infinity): number {
  chunkSampleCount(bytes);
  switch (bytes[0]) {
    case ENCODING_XOR:
      return decodeXor(bytes, outT, outV, at, minT);
    case ENCODING_DEC: {
      // Timestamps and values are separate streams here: decode all, then drop the head.
      const n = decodeDec(bytes, outT, outV, at);
      let skip = 0;
      while (skip < n && outT[at + skip]! < minT) skip++;
      if (skip > 0) {
        outT.copyWithin(at, at + skip, at + n);
        outV.copyWithin(at, at + skip, at + n);
      }
      return n - skip;
    }
    default:
      throw new ChunkDecodeError(`unknown chunk encoding ${bytes[0]}`);
  }
}

export interface DecodedSamples {
  readonly t: Float64Array;
  readonly v: Float64Array;
}

export function decodeChunk(bytes: Uint8Array): DecodedSamples {
  const n = chunkSampleCount(bytes);
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  decodeChunkInto(bytes, t, v, 0);
  return { t, v };
}

/** The samples of a chunk outside [mint, maxt] (what a delete of that range leaves). */
export function samplesOutside(bytes: Uint8Array, mint: number, maxt: number): DecodedSamples {
  const d = decodeChunk(bytes);
  const t = new Float64Array(d.t.length);
  const v = new Float64Array(d.t.length);
  let n = 0;
  for (let i = 0; i < d.t.length; i++) {
    if (d.t[i]! >= mint && d.t[i]! <= maxt) continue;
    t[n] = d.t[i]!;
    v[n] = d.v[i]!;
    n++;
  }
  return { t: t.subarray(0, n), v: v.subarray(0, n) };
}

/**
 * Encodes samples [from, to) (strictly increasing timestamps) with whichever
 * encoding is smaller. Costs two encodes; compaction calls it off the main thread.
 */
export function encodeBest(ts: ArrayLike<number>, vs: ArrayLike<number>, from: number, to: number): Uint8Array {
  const xor = encodeXor(ts, vs, from, to);
  const dec = encodeDec(ts, vs, from, to);
  return dec !== null && dec.length < xor.length ? dec : xor;
}
