import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Labels, LabelMatcher, Storage } from './api.js';
import { STALE_NAN } from './chunkenc/index.js';
import { openStorage, type StorageOptions } from './open-storage.js';
import type { Tsdb } from './tsdb.js';

const dirs: string[] = [];
const open: Storage[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'pnp-tsdb-'));
  dirs.push(d);
  return d;
}
async function openIn(dataDir: string, extra: Partial<StorageOptions> = {}): Promise<Tsdb> {
  const s = await openStorage({ dataDir, compactionThreads: 0, ...extra });
  open.push(s);
  return s as Tsdb;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const L = (o: Record<string, string>): Labels =>
  Object.keys(o)
    .sort()
    .map((name) => ({ name, value: o[name]! }));
const T0 = 1_700_000_000_000;

async function read(s: Storage, matchers: LabelMatcher[], start = 0, end = Number.MAX_SAFE_INTEGER): Promise<Record<string, [number, number][]>> {
  const q = await s.querier(start, end);
  const out: Record<string, [number, number][]> = {};
  for (const series of await q.select({ start, end }, matchers)) {
    const it = series.iterator();
    const samples: [number, number][] = [];
    while (it.next()) samples.push([it.at(), it.value()]);
    out[series.labels.map((l) => `${l.name}=${l.value}`).join(',')] = samples;
  }
  await q.close();
  return out;
}

async function fill(s: Storage, series: number, samples: number, step = 15_000): Promise<void> {
  const refs = new Array<number>(series).fill(0);
  for (let i = 0; i < samples; i++) {
    const app = s.appender();
    for (let j = 0; j < series; j++) {
      refs[j] = app.append(refs[j]!, L({ __name__: 'm', i: String(j), parity: j % 2 ? 'odd' : 'even' }), T0 + i * step, j * 1000 + i);
    }
    await app.commit();
  }
}

describe('tsdb', () => {
  it('appends, commits and selects with =, !=, =~ and !~', async () => {
    const s = await openIn(tempDir());
    await fill(s, 6, 300);
    const all = await read(s, [{ type: '=', name: '__name__', value: 'm' }]);
    expect(Object.keys(all).length).toBe(6);
    const one = all['__name__=m,i=3,parity=odd']!;
    expect(one.length).toBe(300);
    expect(one[0]).toEqual([T0, 3000]);
    expect(one[299]).toEqual([T0 + 299 * 15_000, 3299]);
    expect(Object.keys(await read(s, [{ type: '=', name: 'parity', value: 'odd' }])).length).toBe(3);
    expect(Object.keys(await read(s, [{ type: '=', name: '__name__', value: 'm' }, { type: '!=', name: 'parity', value: 'odd' }])).length).toBe(3);
    expect(Object.keys(await read(s, [{ type: '=~', name: 'i', value: '[12]|5' }]))).toEqual([
      '__name__=m,i=1,parity=odd',
      '__name__=m,i=2,parity=even',
      '__name__=m,i=5,parity=odd',
    ]);
    expect(Object.keys(await read(s, [{ type: '=', name: '__name__', value: 'm' }, { type: '!~', name: 'i', value: '[0-4]' }])).length).toBe(1);
    expect(Object.keys(await read(s, [{ type: '=', name: '__name__', value: 'nope' }]))).toEqual([]);
    const ranged = await read(s, [{ type: '=', name: 'i', value: '0' }], T0 + 15_000, T0 + 45_000);
    expect(Object.values(ranged)[0]!.map((x) => x[0])).toEqual([T0 + 15_000, T0 + 30_000, T0 + 45_000]);
    const q = await s.querier(0, Infinity);
    expect(await q.labelNames()).toEqual(['__name__', 'i', 'parity']);
    expect(await q.labelValues('parity')).toEqual(['even', 'odd']);
    expect(await q.labelValues('i', [{ type: '=', name: 'parity', value: 'even' }])).toEqual(['0', '2', '4']);
  });

  it('merges out-of-order and backfilled samples; the last write of a timestamp wins', async () => {
    const s = await openIn(tempDir(), { samplesPerChunk: 4 });
    const lab = L({ __name__: 'ooo' });
    let app = s.appender();
    for (const t of [10, 20, 30, 40, 50, 60]) app.append(0, lab, T0 + t, t);
    await app.commit();
    app = s.appender();
    app.append(0, lab, T0 + 25, 25);
    app.append(0, lab, T0 + 5, 5);
    app.append(0, lab, T0 + 30, 300); // rewrite
    app.append(0, lab, T0 + 60, 600); // rewrite of the newest
    app.append(0, lab, T0 + 70, 70);
    await app.commit();
    const want = [[5, 5], [10, 10], [20, 20], [25, 25], [30, 300], [40, 40], [50, 50], [60, 600], [70, 70]].map(([t, v]) => [T0 + t!, v]);
    expect(Object.values(await read(s, [{ type: '=', name: '__name__', value: 'ooo' }]))[0]).toEqual(want);
    await s.flushHead();
    expect(Object.values(await read(s, [{ type: '=', name: '__name__', value: 'ooo' }]))[0]).toEqual(want);
    app = s.appender();
    app.append(0, lab, T0 + 40, 400); // rewrite of a persisted sample
    await app.commit();
    want[5] = [T0 + 40, 400];
    expect(Object.values(await read(s, [{ type: '=', name: '__name__', value: 'ooo' }]))[0]).toEqual(want);
  });

  it('recovers everything from the WAL after reopening, stale markers bit for bit', async () => {
    const dir = tempDir();
    const s = await openIn(dir);
    await fill(s, 4, 200);
    const app = s.appender();
    app.append(0, L({ __name__: 'stale' }), T0, 1);
    app.append(0, L({ __name__: 'stale' }), T0 + 1, STALE_NAN);
    await app.commit();
    const before = await read(s, [{ type: '=~', name: '__name__', value: 'm' }]);
    // Simulate a crash: release LevelDB and the WAL without a checkpoint.
    await (s as unknown as { wal: { close(): Promise<void> } }).wal.close();
    await (s as unknown as { closeDb(): Promise<void> }).closeDb();
    open.splice(open.indexOf(s), 1);
    const r = await openIn(dir);
    expect(await read(r, [{ type: '=~', name: '__name__', value: 'm' }])).toEqual(before);
    const q = await r.querier(0, Infinity);
    const [stale] = await q.select({ start: 0, end: Infinity }, [{ type: '=', name: '__name__', value: 'stale' }]);
    const it = stale!.iterator();
    it.next();
    it.next();
    const dv = new DataView(new ArrayBuffer(8));
    dv.setFloat64(0, it.value());
    expect(dv.getBigUint64(0)).toBe(0x7ff0000000000002n);
  });

  it('checkpoints: persists chunks, prunes WAL segments, and reopens to the same data', async () => {
    const dir = tempDir();
    const s = await openIn(dir, { checkpointWalBytes: 20_000, walSegmentBytes: 8_000 });
    await fill(s, 10, 400, 60_000);
    await s.runExclusive(async () => {});
    const before = await read(s, [{ type: '=', name: '__name__', value: 'm' }]);
    expect(Object.values(before).every((x) => x.length === 400)).toBe(true);
    const walFiles = readdirSync(path.join(dir, 'wal'));
    expect(walFiles.some((f) => f.startsWith('checkpoint.'))).toBe(true);
    expect(walFiles.length).toBeLessThan(8);
    const stats = await s.stats();
    expect(stats.series).toBe(10);
    expect(stats.samples).toBe(4000);
    await s.close();
    open.splice(open.indexOf(s), 1);
    const r = await openIn(dir);
    expect(await read(r, [{ type: '=', name: '__name__', value: 'm' }])).toEqual(before);
    expect((await r.stats()).samples).toBe(4000);
  });

  it('keeps every sample when commits land while a checkpoint over many series yields between slices', async () => {
    const dir = tempDir();
    const s = await openIn(dir, { checkpointWalBytes: 2 ** 40 });
    // More series than one checkpoint slice (4096), so the checkpoint yields several times.
    const n = 10_000;
    const refs = new Array<number>(n).fill(0);
    const round = async (r: number): Promise<void> => {
      for (let from = 0; from < n; from += 2000) {
        const app = s.appender();
        for (let j = from; j < from + 2000; j++) refs[j] = app.append(refs[j]!, L({ __name__: 'many', i: String(j) }), T0 + r * 15_000, r * 10 + (j % 7));
        await app.commit();
      }
    };
    for (let r = 0; r < 3; r++) await round(r);
    // Start a checkpoint, then commit more rounds while it is in its slices.
    const ckpt = s.runExclusive(() => s.checkpoint());
    for (let r = 3; r < 6; r++) await round(r);
    await ckpt;
    await round(6);
    const before = await read(s, [{ type: '=', name: '__name__', value: 'many' }]);
    expect(Object.keys(before)).toHaveLength(n);
    expect(Object.values(before).every((x) => x.length === 7)).toBe(true);
    // Crash: no closing checkpoint; reopen from LevelDB, the checkpoint file and the WAL tail.
    await (s as unknown as { wal: { close(): Promise<void> } }).wal.close();
    await (s as unknown as { closeDb(): Promise<void> }).closeDb();
    open.splice(open.indexOf(s), 1);
    const r = await openIn(dir);
    expect(await read(r, [{ type: '=', name: '__name__', value: 'many' }])).toEqual(before);
  });

  it('deletes series ranges in the head and on disk', async () => {
    const dir = tempDir();
    const s = await openIn(dir);
    await fill(s, 2, 100);
    await s.flushHead();
    await fill(s, 2, 1); // a sample at T0 again: rewrite
    await s.deleteSeries([{ type: '=', name: 'i', value: '1' }], T0, T0 + 49 * 15_000);
    const got = await read(s, [{ type: '=', name: '__name__', value: 'm' }]);
    expect(got['__name__=m,i=1,parity=odd']!.length).toBe(50);
    expect(got['__name__=m,i=0,parity=even']!.length).toBe(100);
    await s.close();
    open.splice(open.indexOf(s), 1);
    const r = await openIn(dir);
    expect((await read(r, [{ type: '=', name: 'i', value: '1' }]))['__name__=m,i=1,parity=odd']!.length).toBe(50);
  });

  it('refuses a second open of the same directory and keeps keyspaces apart from the TSDB', async () => {
    const dir = tempDir();
    const s = await openIn(dir);
    await expect(openStorage({ dataDir: dir })).rejects.toMatchObject({ code: 'PNP_STORAGE_LOCKED' });
    const ks = s.keyspace('tsdb');
    await ks.put('c', new Uint8Array([1]));
    await fill(s, 1, 3);
    await s.flushHead();
    const keys: string[] = [];
    for await (const [k] of ks.entries()) keys.push(k);
    expect(keys).toEqual(['c']);
    expect(Object.keys(await read(s, [{ type: '=', name: '__name__', value: 'm' }])).length).toBe(1);
  });

  it('rejects bad input with typed errors', async () => {
    const s = await openIn(tempDir());
    const app = s.appender();
    expect(() => app.append(0, [{ name: 'b', value: '1' }, { name: 'a', value: '2' }], T0, 1)).toThrow(expect.objectContaining({ code: 'PNP_STORAGE_BAD_INPUT' }));
    expect(() => app.append(0, L({ a: '1' }), -5, 1)).toThrow(expect.objectContaining({ code: 'PNP_STORAGE_BAD_INPUT' }));
    expect(() => app.append(12345, undefined, T0, 1)).toThrow(/unknown series ref/);
    const q = await s.querier(0, 1);
    await expect(q.select({ start: 0, end: 1 }, [{ type: '=~', name: 'a', value: '(' }])).rejects.toMatchObject({ code: 'PNP_STORAGE_BAD_INPUT' });
  });
});

describe('head memory', () => {
  it('stays bounded over a long run: checkpoints persist sealed chunks and seal idle series', async () => {
    const s = await openIn(tempDir(), { checkpointWalBytes: 64 * 1024 });
    const refs = new Array<number>(20).fill(0);
    let maxSealed = 0;
    let maxHeadChunks = 0;
    for (let i = 0; i < 3000; i++) {
      const app = s.appender();
      // series 0..9 report all along; 10..19 stop after the first 100 scrapes
      for (let j = 0; j < (i < 100 ? 20 : 10); j++) refs[j] = app.append(refs[j]!, L({ __name__: 'm', j: String(j) }), T0 + i * 60_000, i);
      await app.commit();
      maxSealed = Math.max(maxSealed, s.head.sealedBytes);
      let chunks = 0;
      for (const series of s.head.allSeries()) chunks += series.sealed.length;
      maxHeadChunks = Math.max(maxHeadChunks, chunks);
    }
    await s.runExclusive(async () => {});
    // 3000 scrapes span 25 windows; without checkpoints the head would hold ~260 chunks.
    expect(maxHeadChunks).toBeLessThan(60);
    expect(maxSealed).toBeLessThan(64 * 1024);
    for (const series of s.head.allSeries()) {
      if (Number(series.labels[1]!.value) >= 10) expect(series.open).toBeNull();
    }
    expect((await s.stats()).samples).toBe(3000 * 10 + 100 * 10);
  });
});

describe('reads that skip LevelDB', () => {
  it('still find persisted samples right at the edge, before and after a restart', async () => {
    const dir = tempDir();
    const s = await openIn(dir);
    await fill(s, 2, 300);
    await s.flushHead(); // everything up to T0 + 299 steps is in LevelDB now
    await fill(s, 2, 1); // a rewrite at T0 lands in the head
    const last = T0 + 299 * 15_000;
    expect(s.head.persistedMaxT).toBe(last);
    const edge = await read(s, [{ type: '=', name: 'i', value: '1' }], last, last + 1);
    expect(Object.values(edge)[0]).toEqual([[last, 1299]]);
    expect(await read(s, [{ type: '=', name: 'i', value: '1' }], last + 1, last + 10)).toEqual({});
    await s.close();
    open.splice(open.indexOf(s), 1);
    const r = await openIn(dir);
    expect(r.head.persistedMaxT).toBe(last);
    expect(Object.values(await read(r, [{ type: '=', name: 'i', value: '1' }], last, last + 1))[0]).toEqual([[last, 1299]]);
    expect(Object.values(await read(r, [{ type: '=', name: 'i', value: '1' }], T0, T0))[0]).toEqual([[T0, 1000]]);
  });
});

describe('periodic checkpoints', () => {
  it('checkpoints on a timer when anything was written', async () => {
    const dir = tempDir();
    const s = await openIn(dir, { checkpointIntervalMs: 50 });
    await fill(s, 2, 10);
    for (let i = 0; i < 100 && !readdirSync(path.join(dir, 'wal')).some((f) => f.startsWith('checkpoint.')); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(readdirSync(path.join(dir, 'wal')).some((f) => f.startsWith('checkpoint.'))).toBe(true);
  });
});
