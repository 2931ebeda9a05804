import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../api.js';
import { openStorage } from '../open-storage.js';
import type { Tsdb } from '../tsdb.js';

const dirs: string[] = [];
const open: Storage[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const T0 = 1_700_006_400_000;

describe('TsdbQuerier', () => {
  it("select with func 'series' returns only series with samples in the range, from the head and from disk", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pnp-querier-'));
    dirs.push(dir);
    const s = (await openStorage({ dataDir: dir, compactionThreads: 0, autoCompact: false })) as Tsdb;
    open.push(s);
    const app = s.appender();
    // "early" has samples in the first minutes only, "late" an hour later.
    for (let i = 0; i < 300; i++) app.append(0, [{ name: '__name__', value: 'early' }], T0 + i * 1000, i);
    for (let i = 0; i < 300; i++) app.append(0, [{ name: '__name__', value: 'late' }], T0 + 3_600_000 + i * 1000, i);
    await app.commit();
    const names = async (start: number, end: number): Promise<string[]> => {
      const q = await s.querier(start, end);
      const got = await q.select({ start, end, func: 'series' }, [{ type: '=~', name: '__name__', value: '.+' }]);
      await q.close();
      return got.map((x) => x.labels[0]!.value);
    };
    const check = async (): Promise<void> => {
      expect(await names(T0, T0 + 60_000)).toEqual(['early']);
      expect(await names(T0 + 3_600_000, T0 + 3_700_000)).toEqual(['late']);
      expect(await names(T0, T0 + 4_000_000)).toEqual(['early', 'late']);
      expect(await names(T0 + 1_000_000, T0 + 2_000_000)).toEqual([]);
    };
    await check();
    await s.flushHead(); // now from LevelDB
    await check();
  });

  it('label names and values consider only series with data in the querier range, also after a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pnp-querier-'));
    dirs.push(dir);
    const opts = { dataDir: dir, compactionThreads: 0, autoCompact: false, chunkRange: 3_600_000 };
    let s = (await openStorage(opts)) as Tsdb;
    open.push(s);
    const H = 3_600_000;
    const app = s.appender();
    // pod "a" lives in the first hour, pod "b" (with an extra label) five hours later.
    for (let i = 0; i < 60; i++) app.append(0, [{ name: '__name__', value: 'up' }, { name: 'pod', value: 'a' }], T0 + i * 60_000, 1);
    for (let i = 0; i < 60; i++) app.append(0, [{ name: '__name__', value: 'up' }, { name: 'pod', value: 'b' }, { name: 'zone', value: 'z1' }], T0 + 5 * H + i * 60_000, 1);
    await app.commit();
    const up = [{ type: '=' as const, name: '__name__', value: 'up' }];
    const check = async (): Promise<void> => {
      const late = await s.querier(T0 + 4 * H, T0 + 7 * H);
      expect(await late.labelValues('pod')).toEqual(['b']);
      expect(await late.labelValues('pod', up)).toEqual(['b']);
      expect(await late.labelNames()).toEqual(['__name__', 'pod', 'zone']);
      const early = await s.querier(T0, T0 + H - 1);
      expect(await early.labelValues('pod')).toEqual(['a']);
      expect(await early.labelNames(up)).toEqual(['__name__', 'pod']);
      expect(await early.labelNames()).toEqual(['__name__', 'pod']);
      const gap = await s.querier(T0 + 2 * H, T0 + 3 * H);
      expect(await gap.labelNames()).toEqual([]);
      expect(await gap.labelValues('pod', up)).toEqual([]);
      const all = await s.querier(0, Infinity);
      expect(await all.labelValues('pod')).toEqual(['a', 'b']);
      expect(await all.labelNames()).toEqual(['__name__', 'pod', 'zone']);
    };
    await check();
    await s.flushHead(); // now from LevelDB
    await check();
    await s.close();
    open.splice(0);
    s = (await openStorage(opts)) as Tsdb;
    open.push(s);
    await s.storedBoundsReady;
    await check();
  });
});
