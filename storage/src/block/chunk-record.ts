import { ByteReader, ByteWriter } from '../varint.js';

/**
 * A chunk as stored under a `c` key: `mint varint, maxt-mint uvarint, chunk bytes`.
 * The time bounds let readers skip chunks outside a range without decoding.
 */
export interface ChunkRecord {
  readonly mint: number;
  readonly maxt: number;
  readonly chunk: Uint8Array;
}

export function encodeChunkRecord(mint: number, maxt: number, chunk: Uint8Array): Uint8Array {
  const w = new ByteWriter(chunk.length + 16);
  w.varint(mint);
  w.uvarint(maxt - mint);
  w.bytes(chunk);
  return w.result();
}

export function decodeChunkRecord(value: Uint8Array): ChunkRecord {
  const r = new ByteReader(value);
  const mint = r.varint();
  const maxt = mint + r.uvarint();
  return { mint, maxt, chunk: r.rest() };
}
