import { chunkKey, CHUNK_KEY_BYTES, readU32 } from '../keys.js';
import type { BinaryLevel } from '../kv/binary-level.js';
import { decodeChunkRecord, type ChunkRecord } from './chunk-record.js';

/** One persisted chunk of a series, as a querier merges it. */
export interface StoredPiece {
  readonly bytes: Uint8Array;
  /** The whole stored record (time bounds and chunk), as compaction ships it to workers. */
  readonly record: Uint8Array;
  readonly seq: number;
  readonly mint: number;
  readonly maxt: number;
  readonly window: number;
}

/**
 * Reads the chunks of the given series (sorted ids) in windows
 * [fromWindow, toWindow] that overlap [mint, maxt]. One LevelDB iterator
 * serves all series: it seeks to each series' first window, and when the
 * ids are dense it just walks on instead of seeking.
 */
export async function readChunks(
  db: BinaryLevel,
  ids: Uint32Array,
  fromWindow: number,
  toWindow: number,
  mint: number,
  maxt: number,
  windowMs: number,
): Promise<Map<number, StoredPiece[]>> {
  const dense = ids.length * 4 >= ids[ids.length - 1]! - ids[0]! + 1;
  if (dense || ids.length < 2 * SPARSE_PART) return readRun(db, ids, fromWindow, toWindow, mint, maxt, windowMs);
  // A sparse read is a chain of seek + small read round trips to LevelDB's
  // thread pool; a few iterators over parts of the ids keep several in flight.
  const parts = Math.min(READ_PARALLELISM, Math.floor(ids.length / SPARSE_PART));
  const size = Math.ceil(ids.length / parts);
  const runs: Promise<Map<number, StoredPiece[]>>[] = [];
  for (let k = 0; k < ids.length; k += size) runs.push(readRun(db, ids.subarray(k, k + size), fromWindow, toWindow, mint, maxt, windowMs));
  const maps = await Promise.all(runs);
  const out = maps[0]!;
  for (let k = 1; k < maps.length; k++) for (const [id, list] of maps[k]!) out.set(id, list);
  return out;
}

/** libuv's thread pool has 4 threads by default; more iterators only queue. */
const READ_PARALLELISM = 4;
/** Fewer ids than this per part and the extra iterators cost more than they save. */
const SPARSE_PART = 32;

async function readRun(
  db: BinaryLevel,
  ids: Uint32Array,
  fromWindow: number,
  toWindow: number,
  mint: number,
  maxt: number,
  windowMs: number,
): Promise<Map<number, StoredPiece[]>> {
  const out = new Map<number, StoredPiece[]>();
  if (ids.length === 0) return out;
  const it = db.iterator({ gte: chunkKey(ids[0]!, fromWindow, 0), lt: chunkKey(ids[ids.length - 1]!, toWindow, 0xffffffff) });
  // Dense selections walk the key range in big batches; sparse ones read a
  // little at a time because they seek past most of what a batch would hold.
  const dense = ids.length * 4 >= ids[ids.length - 1]! - ids[0]! + 1;
  // A sparse read seeks to each series and wants about one series' chunks
  // (plus the key that ends them): learn that count from the series read so
  // far instead of copying dozens of unwanted records out of LevelDB per seek.
  let chunksPerSeries = 4;
  let lastId = -1;
  let runLength = 0;
  try {
    let idx = 0;
    let seekNeeded = false;
    outer: while (idx < ids.length) {
      if (seekNeeded) {
        it.seek(chunkKey(ids[idx]!, fromWindow, 0));
        seekNeeded = false;
      }
      const batchSize = dense ? 1000 : idx + 1 < ids.length ? Math.min(256, chunksPerSeries + 2) : 1000;
      const batch = await it.nextv(batchSize);
      if (batch.length === 0) break;
      for (const [k, v] of batch) {
        if (k.length !== CHUNK_KEY_BYTES) continue;
        const id = readU32(k, 1);
        while (idx < ids.length && ids[idx]! < id) idx++;
        if (idx >= ids.length) break outer;
        if (ids[idx] !== id) {
          // A series we do not want: jump when the next wanted id is far ahead.
          if (ids[idx]! - id > 8) {
            seekNeeded = true;
            continue outer;
          }
          continue;
        }
        const window = readU32(k, 5);
        if (window < fromWindow) {
          // Older windows of a wanted series: jump past them (a long history would otherwise be read through).
          seekNeeded = true;
          continue outer;
        }
        if (window > toWindow) {
          idx++;
          if (idx < ids.length) {
            seekNeeded = true;
            continue outer;
          }
          break outer;
        }
        let list = out.get(id);
        let rec: ChunkRecord;
        try {
          rec = decodeChunkRecord(v);
        } catch {
          // Unreadable header: keep the bytes so reading this series reports the window.
          rec = { mint: window * windowMs, maxt: (window + 1) * windowMs - 1, chunk: new Uint8Array(0) };
        }
        if (rec.maxt < mint || rec.mint > maxt) continue;
        if (!list) {
          list = [];
          out.set(id, list);
        }
        if (id !== lastId) {
          lastId = id;
          runLength = 0;
        }
        if (++runLength > chunksPerSeries) chunksPerSeries = runLength;
        list.push({ bytes: rec.chunk, record: v, seq: readU32(k, 9), mint: rec.mint, maxt: rec.maxt, window });
      }
    }
  } finally {
    await it.close();
  }
  return out;
}
