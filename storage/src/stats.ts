import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { StorageStats } from './api.js';
import { decodeChunkRecord } from './block/chunk-record.js';
import { chunkSampleCount } from './chunkenc/index.js';
import type { Head } from './head/head.js';
import { CHUNK_RANGE, POSTINGS_RANGE, ROLLUP_RANGE, SERIES_RANGE } from './keys.js';
import { forEachEntry, type BinaryLevel } from './kv/binary-level.js';

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await dirBytes(p);
    else if (e.isFile()) total += (await stat(p)).size;
  }
  return total;
}

function top(map: Map<string, number>, limit: number): { name: string; value: number }[] {
  return [...map]
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => b.value - a.value || (a.name < b.name ? -1 : 1))
    .slice(0, limit);
}

/**
 * Counts series, samples and chunks (a scan over the chunk keys, reading
 * only record headers) and sizes on disk. Logical sizes per component are
 * key+value bytes as LevelDB holds them before its own compression.
 */
export async function collectStats(head: Head, db: BinaryLevel, dataDir: string, limit: number): Promise<StorageStats> {
  let samples = 0;
  let chunks = 0;
  let minTime = Infinity;
  let maxTime = -Infinity;
  let chunkBytes = 0;
  await forEachEntry(db, CHUNK_RANGE, (k, v) => {
    const rec = decodeChunkRecord(v);
    samples += chunkSampleCount(rec.chunk);
    chunks++;
    chunkBytes += k.length + v.length;
    if (rec.mint < minTime) minTime = rec.mint;
    if (rec.maxt > maxTime) maxTime = rec.maxt;
  });
  let indexBytes = 0;
  await forEachEntry(db, SERIES_RANGE, (k, v) => (indexBytes += k.length + v.length));
  await forEachEntry(db, POSTINGS_RANGE, (k, v) => (indexBytes += k.length + v.length));
  let rollupBytes = 0;
  await forEachEntry(db, ROLLUP_RANGE, (k, v) => (rollupBytes += k.length + v.length));
  let headChunks = 0;
  for (const s of head.allSeries()) {
    headChunks += s.sealed.length + (s.open !== null && s.open.count > 0 ? 1 : 0) + (s.ooo ? 1 : 0);
    for (const c of s.sealed) samples += chunkSampleCount(c.bytes);
    samples += (s.open?.count ?? 0) + (s.ooo?.length ?? 0);
    if (s.open !== null && s.open.count > 0) {
      minTime = Math.min(minTime, s.open.mint);
      maxTime = Math.max(maxTime, s.open.maxt);
    }
  }
  if (head.maxT > maxTime) maxTime = head.maxT;
  if (head.minT < minTime) minTime = head.minT;
  const wal = await dirBytes(path.join(dataDir, 'wal'));
  const leveldb = await dirBytes(path.join(dataDir, 'db'));

  const valuesByName = new Map<string, number>();
  const seriesByMetric = new Map<string, number>();
  const seriesByPair = new Map<string, number>();
  const memoryByName = new Map<string, number>();
  for (const [name, value, count] of head.index.pairs()) {
    valuesByName.set(name, (valuesByName.get(name) ?? 0) + 1);
    memoryByName.set(name, (memoryByName.get(name) ?? 0) + value.length * count);
    seriesByPair.set(`${name}=${value}`, count);
    if (name === '__name__') seriesByMetric.set(value, count);
  }
  return {
    series: head.index.seriesCount,
    samples,
    chunks: chunks + headChunks,
    minTime: minTime === Infinity ? null : minTime,
    maxTime: maxTime === -Infinity ? null : maxTime,
    bytesOnDisk: { wal, leveldb, total: wal + leveldb, chunksLogical: chunkBytes, indexLogical: indexBytes, rollupsLogical: rollupBytes },
    headSeries: head.seriesCount,
    headChunks,
    labelValueCountByLabelName: top(valuesByName, limit),
    seriesCountByMetricName: top(seriesByMetric, limit),
    seriesCountByLabelValuePair: top(seriesByPair, limit),
    memoryInBytesByLabelName: top(memoryByName, limit),
  };
}
