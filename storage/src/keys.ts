import { utf8Length, writeUtf8 } from './utf8.js';
/**
 * Every LevelDB key the TSDB writes, in one place. All live in the `tsdb`
 * sublevel of the data directory's LevelDB (binary keys), apart from the
 * `ks` sublevel that holds the keyspaces core hands to its areas and plugins.
 * Integers are big-endian so keys sort numerically. See docs/storage/keys.md.
 *
 *   m                                  meta (JSON): next ids, format version
 *   s  id:u32                          series: labels of series `id`
 *   p  name 0x00 value                 postings: compressed sorted series ids
 *   c  id:u32 window:u32 seq:u32       chunk record of a series in a time window
 *   r  res:u8 id:u32 window:u32        rollup record (res 0 = 5m, 1 = 1h)
 *   d  window:u32                      window with chunks not yet compacted
 */
export const TSDB_SUBLEVEL = 'tsdb';
export const KEYSPACE_SUBLEVEL = 'ks';

const P_META = 0x6d; // m
const P_SERIES = 0x73; // s
const P_POSTINGS = 0x70; // p
const P_CHUNK = 0x63; // c
const P_ROLLUP = 0x72; // r
const P_DIRTY = 0x64; // d

const utf8d = new TextDecoder();

export const META_KEY = new Uint8Array([P_META]);

function u32(out: Uint8Array, off: number, v: number): void {
  out[off] = v >>> 24;
  out[off + 1] = (v >>> 16) & 0xff;
  out[off + 2] = (v >>> 8) & 0xff;
  out[off + 3] = v & 0xff;
}

export function readU32(b: Uint8Array, off: number): number {
  return ((b[off]! << 24) >>> 0) + (b[off + 1]! << 16) + (b[off + 2]! << 8) + b[off + 3]!;
}

export function seriesKey(id: number): Uint8Array {
  const k = new Uint8Array(5);
  k[0] = P_SERIES;
  u32(k, 1, id);
  return k;
}
export const SERIES_RANGE = { gte: new Uint8Array([P_SERIES]), lt: new Uint8Array([P_SERIES + 1]) };
export function seriesIdOfKey(k: Uint8Array): number {
  return readU32(k, 1);
}

export function postingsKey(name: string, value: string): Uint8Array {
  const k = new Uint8Array(2 + utf8Length(name) + utf8Length(value));
  k[0] = P_POSTINGS;
  const zero = writeUtf8(name, k, 1);
  k[zero] = 0;
  writeUtf8(value, k, zero + 1);
  return k;
}
export const POSTINGS_RANGE = { gte: new Uint8Array([P_POSTINGS]), lt: new Uint8Array([P_POSTINGS + 1]) };
export function parsePostingsKey(k: Uint8Array): { name: string; value: string } {
  const zero = k.indexOf(0, 1);
  return { name: utf8d.decode(k.subarray(1, zero)), value: utf8d.decode(k.subarray(zero + 1)) };
}

export const CHUNK_KEY_BYTES = 13;
export function chunkKey(id: number, window: number, seq: number): Uint8Array {
  const k = new Uint8Array(CHUNK_KEY_BYTES);
  k[0] = P_CHUNK;
  u32(k, 1, id);
  u32(k, 5, window);
  u32(k, 9, seq);
  return k;
}
export const CHUNK_RANGE = { gte: new Uint8Array([P_CHUNK]), lt: new Uint8Array([P_CHUNK + 1]) };
/** Keys of series `id` in windows [fromWindow, toWindow]. */
export function chunkRange(id: number, fromWindow: number, toWindow: number): { gte: Uint8Array; lt: Uint8Array } {
  return { gte: chunkKey(id, fromWindow, 0), lt: chunkKey(id, toWindow, 0xffffffff) };
}
export function parseChunkKey(k: Uint8Array): { id: number; window: number; seq: number } {
  return { id: readU32(k, 1), window: readU32(k, 5), seq: readU32(k, 9) };
}

export const ROLLUP_RES_5M = 0;
export const ROLLUP_RES_1H = 1;
export function rollupKey(res: number, id: number, window: number): Uint8Array {
  const k = new Uint8Array(10);
  k[0] = P_ROLLUP;
  k[1] = res;
  u32(k, 2, id);
  u32(k, 6, window);
  return k;
}
export const ROLLUP_RANGE = { gte: new Uint8Array([P_ROLLUP]), lt: new Uint8Array([P_ROLLUP + 1]) };
export function parseRollupKey(k: Uint8Array): { res: number; id: number; window: number } {
  return { res: k[1]!, id: readU32(k, 2), window: readU32(k, 6) };
}

export function dirtyKey(window: number): Uint8Array {
  const k = new Uint8Array(5);
  k[0] = P_DIRTY;
  u32(k, 1, window);
  return k;
}
export const DIRTY_RANGE = { gte: new Uint8Array([P_DIRTY]), lt: new Uint8Array([P_DIRTY + 1]) };
export function windowOfDirtyKey(k: Uint8Array): number {
  return readU32(k, 1);
}
