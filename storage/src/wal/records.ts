import { crc32 } from 'node:zlib';
import type { Labels } from '../api.js';
import { utf8Length, writeUtf8 } from '../utf8.js';

/**
 * WAL record framing: `[type u8][payload length u32 LE][crc32 of payload u32 LE][payload]`.
 * See docs/storage/wal.md.
 */
export const RECORD_HEADER_BYTES = 9;

export const RecordType = {
  Series: 1,
  Samples: 2,
  /** Checkpoints only: head chunks as bytes, replayed by decoding and appending. */
  HeadChunks: 3,
} as const;
export type RecordType = (typeof RecordType)[keyof typeof RecordType];

export function frameRecord(type: RecordType, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_BYTES + payload.length);
  const dv = new DataView(out.buffer);
  out[0] = type;
  dv.setUint32(1, payload.length, true);
  dv.setUint32(5, crc32(payload), true);
  out.set(payload, RECORD_HEADER_BYTES);
  return out;
}

const utf8d = new TextDecoder();

/** A new series: its id and sorted labels. */
export interface SeriesEntry {
  readonly id: number;
  readonly labels: Labels;
}

/** Payload: `count u32`, then per series `id u32, nlabels u16, (len u16, utf8 name, len u32, utf8 value)*`. */
export function encodeSeries(entries: readonly SeriesEntry[]): Uint8Array {
  let size = 4;
  for (const e of entries) {
    size += 6;
    for (const l of e.labels) size += 6 + utf8Length(l.name) + utf8Length(l.value);
  }
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, entries.length, true);
  let off = 4;
  for (const e of entries) {
    dv.setUint32(off, e.id, true);
    dv.setUint16(off + 4, e.labels.length, true);
    off += 6;
    for (let i = 0; i < e.labels.length; i++) {
      const l = e.labels[i]!;
      // Write the string first, then its length in front of it.
      const nameEnd = writeUtf8(l.name, out, off + 2);
      dv.setUint16(off, nameEnd - off - 2, true);
      off = nameEnd;
      const valueEnd = writeUtf8(l.value, out, off + 4);
      dv.setUint32(off, valueEnd - off - 4, true);
      off = valueEnd;
    }
  }
  return out;
}

export function decodeSeries(payload: Uint8Array): SeriesEntry[] {
  const dv = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const count = dv.getUint32(0, true);
  const out: SeriesEntry[] = [];
  let off = 4;
  for (let s = 0; s < count; s++) {
    const id = dv.getUint32(off, true);
    const nl = dv.getUint16(off + 4, true);
    off += 6;
    const labels: { name: string; value: string }[] = [];
    for (let i = 0; i < nl; i++) {
      const nlen = dv.getUint16(off, true);
      const name = utf8d.decode(payload.subarray(off + 2, off + 2 + nlen));
      off += 2 + nlen;
      const vlen = dv.getUint32(off, true);
      const value = utf8d.decode(payload.subarray(off + 4, off + 4 + vlen));
      off += 4 + vlen;
      labels.push({ name, value });
    }
    out.push({ id, labels });
  }
  return out;
}

/**
 * Samples payload, column-wise so encode and decode are typed-array copies:
 * `count u32, flags u32, refs u32[count] (padded to 8 bytes), t f64[count]
 * (or one f64 when flag bit 0 says every sample shares it, as a scrape's
 * samples do), v f64[count]`, all little-endian. Values keep their bits,
 * stale markers included.
 */
const FLAG_ONE_TIMESTAMP = 1;

/**
 * Frames a samples record as a list of parts: a small header, then views of
 * the caller's columns (no copy). The parts are only valid until the caller
 * reuses its arrays; the WAL writer consumes them synchronously.
 */
export function frameSamples(refs: Uint32Array, ts: Float64Array, vs: Float64Array, count: number): Uint8Array[] {
  let oneTs = count > 0;
  const t0 = ts[0];
  for (let i = 1; i < count && oneTs; i++) if (ts[i] !== t0) oneTs = false;
  const refBytes = (count * 4 + 7) & ~7;
  const tsCount = oneTs ? 1 : count;
  const payloadLen = 8 + refBytes + tsCount * 8 + count * 8;
  const head = new Uint8Array(RECORD_HEADER_BYTES + 8);
  const dv = new DataView(head.buffer);
  dv.setUint32(RECORD_HEADER_BYTES, count, true);
  dv.setUint32(RECORD_HEADER_BYTES + 4, oneTs ? FLAG_ONE_TIMESTAMP : 0, true);
  const parts = [
    new Uint8Array(refs.buffer, refs.byteOffset, count * 4),
    new Uint8Array(refBytes - count * 4),
    new Uint8Array(ts.buffer, ts.byteOffset, tsCount * 8),
    new Uint8Array(vs.buffer, vs.byteOffset, count * 8),
  ];
  let crc = crc32(head.subarray(RECORD_HEADER_BYTES));
  for (const p of parts) crc = crc32(p, crc);
  head[0] = RecordType.Samples;
  dv.setUint32(1, payloadLen, true);
  dv.setUint32(5, crc, true);
  return [head, ...parts];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** The payload of a samples record (tests and tools; the hot path uses frameSamples). */
export function encodeSamples(refs: Uint32Array, ts: Float64Array, vs: Float64Array, count: number): Uint8Array {
  return concat(frameSamples(refs, ts, vs, count)).slice(RECORD_HEADER_BYTES);
}

export interface SamplesColumns {
  readonly count: number;
  readonly refs: Uint32Array;
  readonly ts: Float64Array;
  readonly vs: Float64Array;
}

export function decodeSamples(payload: Uint8Array): SamplesColumns {
  // Copy once into an aligned buffer so the columns are plain typed-array views.
  const buf = payload.byteOffset % 8 === 0 ? payload : copyBytes(payload);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const count = dv.getUint32(0, true);
  const oneTs = (dv.getUint32(4, true) & FLAG_ONE_TIMESTAMP) !== 0;
  const tsCount = oneTs ? 1 : count;
  const refBytes = (count * 4 + 7) & ~7;
  if (buf.byteLength !== 8 + refBytes + tsCount * 8 + count * 8) {
    throw new RangeError(`samples record of ${buf.byteLength} bytes does not hold ${count} samples`);
  }
  const tsCol = new Float64Array(buf.buffer, buf.byteOffset + 8 + refBytes, tsCount);
  return {
    count,
    refs: new Uint32Array(buf.buffer, buf.byteOffset + 8, count),
    ts: oneTs ? new Float64Array(count).fill(tsCol[0]!) : tsCol,
    vs: new Float64Array(buf.buffer, buf.byteOffset + 8 + refBytes + tsCount * 8, count),
  };
}

/** A real copy: Buffer#slice would return a view with the same misalignment. */
function copyBytes(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.byteLength);
  out.set(b);
  return out;
}

/** Payload: `count u32`, then per chunk `series id u32, length u32, chunk bytes`. */
export function encodeHeadChunks(entries: readonly { id: number; chunk: Uint8Array }[]): Uint8Array {
  let size = 4;
  for (const e of entries) size += 8 + e.chunk.length;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, entries.length, true);
  let off = 4;
  for (const e of entries) {
    dv.setUint32(off, e.id, true);
    dv.setUint32(off + 4, e.chunk.length, true);
    out.set(e.chunk, off + 8);
    off += 8 + e.chunk.length;
  }
  return out;
}

export function decodeHeadChunks(payload: Uint8Array): { id: number; chunk: Uint8Array }[] {
  const dv = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const n = dv.getUint32(0, true);
  const out: { id: number; chunk: Uint8Array }[] = [];
  let off = 4;
  for (let i = 0; i < n; i++) {
    const id = dv.getUint32(off, true);
    const len = dv.getUint32(off + 4, true);
    if (off + 8 + len > payload.length) throw new RangeError(`head chunk ${i} of ${n} runs past the record`);
    out.push({ id, chunk: payload.subarray(off + 8, off + 8 + len) });
    off += 8 + len;
  }
  return out;
}
