import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LabelMatcher, Storage } from '../api.js';
import { CHUNK_RANGE, parseChunkKey, parseRollupKey, ROLLUP_RANGE } from '../keys.js';
import { forEachEntry } from '../kv/binary-level.js';
import { compactDataDir, isDataDirInUse } from '../offline.js';
import { openStorage, type StorageOptions } from '../open-storage.js';
import type { Tsdb } from '../tsdb.js';
import type { Compactor } from './compactor.js';
import { computeRollup, decodeRollup, encodeRollup } from './rollup.js';

const dirs: string[] = [];
const opened: Storage[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'pnp-compact-'));
  dirs.push(d);
  return d;
}
async function openIn(dataDir: string, extra: Partial<StorageOptions> = {}): Promise<Tsdb> {
  const s = (await openStorage({ dataDir, autoCompact: false, ...extra })) as Tsdb;
  opened.push(s);
  return s;
}
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close().catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const HOUR = 3_600_000;
const T0 = 1_700_006_400_000; // 2h-aligned
const m: LabelMatcher[] = [{ type: '=', name: '__name__', value: 'c' }];

async function dump(s: Storage): Promise<[number, number][][]> {
  const q = await s.querier(0, Infinity);
  const out: [number, number][][] = [];
  for (const series of await q.select({ start: 0, end: Infinity }, m)) {
    const it = series.iterator();
    const xs: [number, number][] = [];
    while (it.next()) xs.push([it.at(), it.value()]);
    out.push(xs);
  }
  return out;
}

async function write(s: Storage, hours: number): Promise<void> {
  const refs = [0, 0, 0];
  for (let t = T0; t < T0 + hours * HOUR; t += 30_000) {
    const app = s.appender();
    for (let j = 0; j < 3; j++) refs[j] = app.append(refs[j]!, [{ name: '__name__', value: 'c' }, { name: 'j', value: String(j) }], t, Math.floor((t - T0) / 1000) * (j + 1) + (j === 2 ? 0.25 : 0));
    await app.commit();
  }
  // a backfilled sample and a rewrite in the first window
  const app = s.appender();
  app.append(refs[0]!, undefined, T0 + 15_000, -1);
  app.append(refs[0]!, undefined, T0 + 30_000, -2);
  await app.commit();
}

async function chunkKeys(s: Tsdb): Promise<{ id: number; window: number; seq: number }[]> {
  const out: { id: number; window: number; seq: number }[] = [];
  await forEachEntry(s.db, CHUNK_RANGE, (k) => out.push(parseChunkKey(k)));
  return out;
}

describe('compaction', () => {
  it('merges each window into one chunk per series in a worker, keeping every sample', async () => {
    const s = await openIn(tempDir(), { compactionThreads: 1 });
    await write(s, 5);
    await s.flushHead();
    const before = await dump(s);
    expect(before[0]!.length).toBe(5 * 120 + 1);
    expect(before[0]![1]).toEqual([T0 + 15_000, -1]);
    expect(before[0]![2]).toEqual([T0 + 30_000, -2]);
    const keysBefore = await chunkKeys(s);
    const summary = await (s.compaction as Compactor).compactAll();
    expect(summary.errors).toBe(0);
    expect(summary.windows).toBe(3);
    const keysAfter = await chunkKeys(s);
    expect(keysAfter.length).toBeLessThan(keysBefore.length);
    expect(keysAfter.length).toBe(9); // 3 series × 3 windows
    expect(keysAfter.every((k) => k.seq === 0)).toBe(true);
    expect(await dump(s)).toEqual(before);
    const rollups: { res: number; id: number; window: number }[] = [];
    await forEachEntry(s.db, ROLLUP_RANGE, (k) => rollups.push(parseRollupKey(k)));
    expect(rollups.length).toBe(18);
    // compacting again changes nothing
    expect((await (s.compaction as Compactor).compactAll()).seriesRewritten).toBe(0);
  });

  it('drops windows past retention time', async () => {
    const s = await openIn(tempDir(), { compactionThreads: 0, retentionMs: 2 * HOUR });
    await write(s, 6);
    await s.flushHead();
    await (s.compaction as Compactor).applyRetention();
    const samples = await dump(s);
    expect(samples[0]![0]![0]).toBeGreaterThanOrEqual(T0 + 2 * HOUR);
    expect(samples[0]![samples[0]!.length - 1]![0]).toBe(T0 + 6 * HOUR - 30_000);
  });

  it('drops series whose data has all passed retention, also after a restart', async () => {
    const dir = tempDir();
    const s = await openIn(dir, { compactionThreads: 0, retentionMs: 2 * HOUR });
    // Short-lived series: one pod each, only in the first hour.
    const app = s.appender();
    let goneRef = 0;
    for (let t = T0; t < T0 + HOUR; t += 60_000) for (const pod of ['a', 'b']) goneRef = app.append(0, [{ name: '__name__', value: 'gone' }, { name: 'pod', value: pod }], t, 1);
    await app.commit();
    await write(s, 6);
    await s.flushHead();
    const goneBefore = await s.querier(0, Infinity);
    expect((await goneBefore.select({ start: 0, end: Infinity }, [{ type: '=', name: '__name__', value: 'gone' }])).length).toBe(2);
    // A batch left open across the drop refers to a series that no longer exists: refused, nothing written.
    const open = s.appender();
    open.append(goneRef, undefined, T0 + 6 * HOUR, 5);
    const res = await (s.compaction as Compactor).applyRetention();
    expect(res.seriesDropped).toBe(2);
    await expect(open.commit()).rejects.toMatchObject({ code: 'PNP_STORAGE_BAD_INPUT' });
    const check = async (st: Tsdb): Promise<void> => {
      const q = await st.querier(0, Infinity);
      expect(await q.select({ start: 0, end: Infinity }, [{ type: '=', name: '__name__', value: 'gone' }])).toEqual([]);
      expect(await q.labelNames()).toEqual(['__name__', 'j']);
      expect(await q.labelValues('__name__')).toEqual(['c']);
      expect(await q.labelValues('pod')).toEqual([]);
      const stats = await st.stats();
      expect(stats.series).toBe(3);
      expect(stats.headSeries).toBe(3);
      expect(stats.seriesCountByMetricName).toEqual([{ name: 'c', value: 3 }]);
      expect((await dump(st)).length).toBe(3);
    };
    await check(s);
    await s.close();
    opened.splice(opened.indexOf(s), 1);
    const r = await openIn(dir, { compactionThreads: 0, retentionMs: 2 * HOUR });
    await check(r);
    // A dropped series that comes back gets a new id, never one handed out before.
    const again = r.appender();
    const ref = again.append(0, [{ name: '__name__', value: 'gone' }, { name: 'pod', value: 'a' }], T0 + 6 * HOUR, 2);
    await again.commit();
    expect(ref).toBeGreaterThan(5);
    const q = await r.querier(0, Infinity);
    expect(await q.labelValues('pod')).toEqual(['a']);
  });

  it('a crash before the drop is persisted brings the series back empty, and a later retention pass drops it', async () => {
    const dir = tempDir();
    const s = await openIn(dir, { compactionThreads: 0, retentionMs: 2 * HOUR });
    const app = s.appender();
    for (let t = T0; t < T0 + HOUR; t += 60_000) app.append(0, [{ name: '__name__', value: 'gone' }, { name: 'pod', value: 'a' }], t, 1);
    await app.commit();
    await write(s, 6);
    await s.flushHead();
    // Crash where the checkpoint that persists the drop would run: release the files as a killed process would.
    const internals = s as unknown as { wal: { close(): Promise<void> }; closeDb(): Promise<void>; checkpoint(): Promise<void> };
    internals.checkpoint = async () => {
      await internals.wal.close();
      await internals.closeDb();
      throw new Error('killed');
    };
    await expect((s.compaction as Compactor).applyRetention()).rejects.toThrow('killed');
    opened.splice(opened.indexOf(s), 1);
    const r = await openIn(dir, { compactionThreads: 0, retentionMs: 2 * HOUR });
    await r.storedBoundsReady;
    const gone = [{ type: '=' as const, name: '__name__', value: 'gone' }];
    let q = await r.querier(0, Infinity);
    expect(await q.select({ start: 0, end: Infinity }, gone)).toEqual([]); // back with no data, never with part of it
    expect(await q.labelValues('pod')).toEqual(['a']);
    expect(await (await r.querier(T0 + 2 * HOUR, T0 + 6 * HOUR)).labelValues('pod')).toEqual([]);
    // Two more hours: retention drops another window, and the empty series with it.
    const more = r.appender();
    for (let t = T0 + 6 * HOUR; t < T0 + 8 * HOUR; t += 60_000) more.append(0, [{ name: '__name__', value: 'c' }, { name: 'j', value: '0' }], t, 1);
    await more.commit();
    await r.flushHead();
    expect((await (r.compaction as Compactor).applyRetention()).seriesDropped).toBe(1);
    q = await r.querier(0, Infinity);
    expect(await q.labelValues('pod')).toEqual([]);
    expect((await r.stats()).series).toBe(3);
  });

  it('drops series a delete emptied, also after a restart', async () => {
    const dir = tempDir();
    const s = await openIn(dir, { compactionThreads: 0 });
    await write(s, 3);
    await s.flushHead();
    const app = s.appender();
    app.append(0, [{ name: '__name__', value: 'c' }, { name: 'j', value: '1' }], T0 + 3 * HOUR, 7); // in the head only
    await app.commit();
    await s.deleteSeries([{ type: '=', name: 'j', value: '1' }], 0, Infinity);
    const check = async (st: Tsdb): Promise<void> => {
      const q = await st.querier(0, Infinity);
      expect(await q.labelValues('j')).toEqual(['0', '2']);
      expect((await st.stats()).series).toBe(2);
      expect((await dump(st)).length).toBe(2);
    };
    await check(s);
    await s.close();
    opened.splice(opened.indexOf(s), 1);
    await check(await openIn(dir, { compactionThreads: 0 }));
  });

  it('compacts a data directory offline and refuses while it is held', async () => {
    const dir = tempDir();
    const s = await openIn(dir);
    await write(s, 3);
    const before = await dump(s);
    expect(await isDataDirInUse(dir)).toBe(true);
    await expect(compactDataDir(dir)).rejects.toMatchObject({ code: 'PNP_STORAGE_LOCKED' });
    await s.close();
    opened.splice(0);
    expect(await isDataDirInUse(dir)).toBe(false);
    const progress: string[] = [];
    const res = await compactDataDir(dir, { onProgress: (_d, _t, what) => progress.push(what) });
    expect(res.windows).toBe(2);
    expect(progress.length).toBeGreaterThan(0);
    const r = await openIn(dir);
    expect(await dump(r)).toEqual(before);
  });
});

describe('rollups', () => {
  it('aggregates buckets and counts increase across counter resets', () => {
    const t = Float64Array.from([0, 60e3, 120e3, 300e3, 360e3, 420e3]);
    const v = Float64Array.from([10, 20, 5, 7, 9, 12]);
    const r = decodeRollup(encodeRollup(computeRollup(t, v, 300e3), 300e3), 300e3);
    expect(Array.from(r.t)).toEqual([0, 300e3]);
    expect(Array.from(r.columns.count)).toEqual([3, 3]);
    expect(Array.from(r.columns.sum)).toEqual([35, 28]);
    expect(Array.from(r.columns.min)).toEqual([5, 7]);
    expect(Array.from(r.columns.max)).toEqual([20, 12]);
    expect(Array.from(r.columns.last)).toEqual([5, 12]);
    // 10→20 (+10), reset to 5 (+5); then 5→7 (+2), +2, +3
    expect(Array.from(r.columns.increase)).toEqual([15, 7]);
  });
});

describe('rollup encoding', () => {
  it('drops derivable columns for counters and restores them exactly', () => {

    const t = Float64Array.from({ length: 480 }, (_, i) => i * 15_000);
    const counter = Float64Array.from({ length: 480 }, (_, i) => 1000 + i * 3 + (i % 7 === 0 ? 1 : 0));
    const r = computeRollup(t, counter, 300_000);
    const bytes = encodeRollup(r, 300_000);
    expect(decodeRollup(bytes, 300_000)).toEqual(r);
    // A gauge keeps every column but increase, which it reports as unavailable (NaN).
    const gauge = Float64Array.from({ length: 480 }, (_, i) => Math.round(Math.sin(i / 5) * 100) / 4);
    const g = computeRollup(t, gauge, 300_000);
    const back = decodeRollup(encodeRollup(g, 300_000), 300_000);
    expect({ ...back.columns, increase: null }).toEqual({ ...g.columns, increase: null });
    expect(Array.from(back.columns.increase).every(Number.isNaN)).toBe(true);
    expect(Array.from(back.t)).toEqual(Array.from(g.t));
    expect(bytes.length).toBeLessThan(encodeRollup(g, 300_000).length);
    // Buckets with gaps between them keep their times.
    const sparse = computeRollup(Float64Array.from([0, 900_000, 910_000, 3_600_000]), Float64Array.from([1, 2, 3, 4]), 300_000);
    expect(decodeRollup(encodeRollup(sparse, 300_000), 300_000)).toEqual(sparse);
  });
});

/**
 * Writes a sample of another series two windows after T0's data and
 * checkpoints, so T0's windows are no longer held in memory by the head
 * and reads of them go to LevelDB, where the rollups are.
 */
async function leaveHeadWindows(s: Tsdb): Promise<void> {
  const app = s.appender();
  app.append(0, [{ name: '__name__', value: 'clock' }], T0 + 8 * HOUR, 1);
  await app.commit();
  await s.flushHead();
}

describe('rollups in queries', () => {
  it('answers max/min/sum_over_time with hour buckets when step and range allow, raw otherwise', async () => {
    // Rollups serve windows read from LevelDB: no resident windows beyond the head's two.
    const s = await openIn(tempDir(), { compactionThreads: 0, residentBytes: 0 });
    const lab = [{ name: '__name__', value: 'g' }];
    let ref = 0;
    const app = s.appender();
    const raw: [number, number][] = [];
    for (let t = T0; t < T0 + 4 * HOUR; t += 60_000) {
      const v = Math.round(Math.sin((t - T0) / 600_000) * 1000) / 10;
      ref = app.append(ref, lab, t, v);
      raw.push([t, v]);
    }
    await app.commit();
    await s.flushHead();
    await (s.compaction as Compactor).compactAll();
    await leaveHeadWindows(s);
    const sel = async (func: string | undefined, step?: number, range?: number): Promise<[number, number][]> => {
      const q = await s.querier(0, Infinity);
      const [one] = await q.select({ start: T0, end: T0 + 4 * HOUR, func, step, range }, [{ type: '=', name: '__name__', value: 'g' }]);
      const it = one!.iterator();
      const out: [number, number][] = [];
      while (it.next()) out.push([it.at(), it.value()]);
      return out;
    };
    const bucketAgg = (fn: (xs: number[]) => number): [number, number][] =>
      [0, 1, 2, 3].map((h) => [T0 + (h + 1) * HOUR - 1, fn(raw.filter(([t]) => t >= T0 + h * HOUR && t < T0 + (h + 1) * HOUR).map(([, v]) => v))]);
    expect(await sel('max_over_time', HOUR, HOUR)).toEqual(bucketAgg((xs) => Math.max(...xs)));
    expect(await sel('min_over_time', 2 * HOUR, 3 * HOUR)).toEqual(bucketAgg((xs) => Math.min(...xs)));
    const sums = await sel('sum_over_time', HOUR, HOUR);
    bucketAgg((xs) => xs.reduce((a, b) => a + b, 0)).forEach(([t, v], i) => {
      expect(sums[i]![0]).toBe(t);
      expect(sums[i]![1]).toBeCloseTo(v, 6);
    });
    expect(await sel('max_over_time', 15_000, HOUR)).toEqual(raw); // step too fine: raw
    expect(await sel('rate', HOUR, HOUR)).toEqual(raw); // not combinable: raw
    // A backfill into the first window makes its rollup stale: that window reads raw again.
    const late = s.appender();
    late.append(ref, undefined, T0 + 30_000, 5000);
    await late.commit();
    const mixed = await sel('max_over_time', HOUR, HOUR);
    expect(mixed.filter(([t]) => t < T0 + 2 * HOUR).length).toBe(121);
    expect(mixed.slice(-2)).toEqual(bucketAgg((xs) => Math.max(...xs)).slice(-2));
  });
});

describe('deleting after compaction', () => {
  it('drops the rollups of the windows it touches, so rollup reads never show deleted samples', async () => {
    const s = await openIn(tempDir(), { compactionThreads: 0, residentBytes: 0 });
    await write(s, 4);
    await s.flushHead();
    await (s.compaction as Compactor).compactAll();
    await leaveHeadWindows(s);
    const maxOver = async (): Promise<number[]> => {
      const q = await s.querier(0, Infinity);
      const [one] = await q.select({ start: T0, end: T0 + 4 * HOUR, func: 'max_over_time', step: HOUR, range: HOUR }, [{ type: '=', name: 'j', value: '1' }]);
      const it = one!.iterator();
      const out: number[] = [];
      while (it.next()) out.push(it.value());
      return out;
    };
    expect((await maxOver()).length).toBe(4); // one sample per hour bucket
    await s.deleteSeries([{ type: '=', name: 'j', value: '1' }], T0 + HOUR, T0 + 4 * HOUR);
    const after = await maxOver();
    // The first window now reads raw (its rollup is gone): only its first hour is left.
    expect(after.length).toBe(120);
    expect(Math.max(...after)).toBeLessThan(3600 * 2);
    await (s.compaction as Compactor).compactAll();
    expect((await maxOver()).length).toBe(1);
  });
});

describe('background compaction', () => {
  it('waits a bounded while for a pause in queries before each step', async () => {
    const s = await openIn(tempDir(), { compactionThreads: 0, autoCompact: false });
    await write(s, 1);
    await s.flushHead();
    await leaveHeadWindows(s);
    const q = await s.querier(0, Infinity);
    expect(s.readsQuietFor(50)).toBe(false);
    const started = performance.now();
    const done = await (s.compaction as Compactor).compactDue();
    // One window of one step: it waited its full second for the open querier, then ran.
    expect(done.windows).toBe(1);
    expect(done.seriesRewritten).toBe(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    await q.close();
    await q.close(); // a second close counts once
    expect(s.readsQuietFor(50)).toBe(false);
    await new Promise((r) => setTimeout(r, 60));
    expect(s.readsQuietFor(50)).toBe(true);
  });
});
