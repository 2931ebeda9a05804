import { readU32, rollupKey } from '../keys.js';
import type { BinaryLevel } from '../kv/binary-level.js';

/**
 * Reads rollup records at resolution `res` of the given series (sorted ids)
 * in windows [fromWindow, toWindow]: id → window → record bytes. One
 * iterator, seeking to each series.
 */
export async function readRollups(db: BinaryLevel, res: number, ids: Uint32Array, fromWindow: number, toWindow: number): Promise<Map<number, Map<number, Uint8Array>>> {
  const out = new Map<number, Map<number, Uint8Array>>();
  if (ids.length === 0) return out;
  const it = db.iterator({ gte: rollupKey(res, ids[0]!, fromWindow), lt: rollupKey(res, ids[ids.length - 1]!, toWindow + 1) });
  try {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (i > 0) it.seek(rollupKey(res, id, fromWindow));
      for (;;) {
        const batch = await it.nextv(toWindow - fromWindow + 1);
        if (batch.length === 0) break;
        let done = false;
        for (const [k, v] of batch) {
          if (readU32(k, 2) !== id || readU32(k, 6) > toWindow) {
            done = true;
            break;
          }
          let m = out.get(id);
          if (!m) out.set(id, (m = new Map()));
          m.set(readU32(k, 6), v);
        }
        if (done || batch.length < toWindow - fromWindow + 1) break;
      }
    }
  } finally {
    await it.close();
  }
  return out;
}
