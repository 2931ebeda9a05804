import { encodeBest, samplesOutside } from '../chunkenc/index.js';
import { chunkRange, dirtyKey, readU32, ROLLUP_RES_1H, ROLLUP_RES_5M, rollupKey } from '../keys.js';
import type { BatchOp, BinaryLevel } from '../kv/binary-level.js';
import { decodeChunkRecord, encodeChunkRecord } from './chunk-record.js';

/**
 * Removes samples in [mint, maxt] of the given series from persisted chunks
 * (rewriting the chunks it cuts). Rollups of the windows it touched are
 * deleted and the windows marked for compaction, which writes them anew.
 */
export async function deleteStoredRange(db: BinaryLevel, ids: Uint32Array, mint: number, maxt: number, range: number): Promise<void> {
  const fromWindow = Math.max(0, Math.floor(Math.max(0, mint) / range));
  const toWindow = Math.min(0xfffffffe, Math.floor(Math.min(maxt, 0xfffffffe * range) / range));
  for (const id of ids) {
    const ops: BatchOp[] = [];
    const touched = new Set<number>();
    const it = db.iterator(chunkRange(id, fromWindow, toWindow));
    try {
      for (;;) {
        const batch = await it.nextv(256);
        if (batch.length === 0) break;
        for (const [k, v] of batch) {
          const rec = decodeChunkRecord(v);
          if (rec.maxt < mint || rec.mint > maxt) continue;
          const keep = samplesOutside(rec.chunk, mint, maxt);
          const n = keep.t.length;
          const w = readU32(k, 5);
          if (!touched.has(w)) {
            touched.add(w);
            ops.push({ type: 'del', key: rollupKey(ROLLUP_RES_5M, id, w) }, { type: 'del', key: rollupKey(ROLLUP_RES_1H, id, w) }, { type: 'put', key: dirtyKey(w), value: new Uint8Array(0) });
          }
          if (n === 0) ops.push({ type: 'del', key: k });
          else {
            ops.push({ type: 'put', key: k, value: encodeChunkRecord(keep.t[0]!, keep.t[n - 1]!, encodeBest(keep.t, keep.v, 0, n)) });
          }
        }
      }
    } finally {
      await it.close();
    }
    if (ops.length > 0) await db.batch(ops, { sync: true });
  }
}
