import { decodeChunkRecord, encodeChunkRecord } from '../block/chunk-record.js';
import { encodeBest, MAX_CHUNK_SAMPLES } from '../chunkenc/index.js';
import { mergePieces, type Piece } from '../query/merge.js';
import { decodeJob, encodeResults, type SeriesResult } from './job-codec.js';
import { computeRollup, encodeRollup, ROLLUP_1H_MS, ROLLUP_5M_MS } from './rollup.js';

/**
 * The CPU part of compacting one window for a group of series: merge every
 * chunk of a series (last write wins), re-encode it as one chunk with the
 * smallest encoding, and compute its 5m and 1h rollups. Pure bytes in,
 * bytes out: it runs in a piscina worker, or inline when there is no pool.
 */
export function compactJobBytes(jobBytes: Uint8Array): Uint8Array {
  const job = decodeJob(jobBytes);
  const results: SeriesResult[] = [];
  for (const s of job.series) {
    try {
      const pieces: Piece[] = s.chunks.map((c) => {
        const rec = decodeChunkRecord(c.record);
        return { bytes: rec.chunk, t: null, v: null, seq: c.seq, mint: rec.mint, maxt: rec.maxt };
      });
      const merged = mergePieces(pieces, job.windowStart, job.windowEnd);
      const records: Uint8Array[] = [];
      for (let from = 0; from < merged.t.length; from += MAX_CHUNK_SAMPLES) {
        const to = Math.min(merged.t.length, from + MAX_CHUNK_SAMPLES);
        records.push(encodeChunkRecord(merged.t[from]!, merged.t[to - 1]!, encodeBest(merged.t, merged.v, from, to)));
      }
      const empty = new Uint8Array(0);
      results.push({
        id: s.id,
        error: null,
        records,
        rollup5m: job.rollups ? encodeRollup(computeRollup(merged.t, merged.v, ROLLUP_5M_MS), ROLLUP_5M_MS) : empty,
        rollup1h: job.rollups ? encodeRollup(computeRollup(merged.t, merged.v, ROLLUP_1H_MS), ROLLUP_1H_MS) : empty,
      });
    } catch (err) {
      results.push({ id: s.id, error: (err as Error).message, records: [], rollup5m: new Uint8Array(0), rollup1h: new Uint8Array(0) });
    }
  }
  return encodeResults(results);
}
