import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Compactor } from '../compact/compactor.js';
import { openStorage, type StorageOptions } from '../open-storage.js';
import type { Tsdb } from '../tsdb.js';

const H = 3_600_000;
const T0 = 1_700_006_400_000 - (1_700_006_400_000 % H);
const dirs: string[] = [];
const open: Tsdb[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function openIn(dir: string, extra: Partial<StorageOptions> = {}): Promise<Tsdb> {
  const s = (await openStorage({ dataDir: dir, compactionThreads: 0, autoCompact: false, chunkRange: H, ...extra })) as Tsdb;
  open.push(s);
  return s;
}

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'pnp-resident-'));
  dirs.push(d);
  return d;
}

/** Three one-hour windows of one sample a minute for series j=0..3. */
async function writeWindows(s: Tsdb): Promise<void> {
  const app = s.appender();
  const refs = [0, 0, 0, 0];
  for (let t = T0; t < T0 + 3 * H; t += 60_000) {
    for (let j = 0; j < refs.length; j++) refs[j] = app.append(refs[j]!, [{ name: '__name__', value: 'm' }, { name: 'j', value: String(j) }], t, t / 60_000 + j);
  }
  await app.commit();
}

/** Samples of series j in [start, end] and how many LevelDB iterators the select opened. */
async function read(s: Tsdb, j: number | string, start: number, end: number): Promise<{ ts: number[]; vs: number[]; iterators: number }> {
  const db = s.db as { iterator: (...a: unknown[]) => unknown };
  const real = db.iterator;
  let iterators = 0;
  db.iterator = (...a: unknown[]) => {
    iterators++;
    return real.apply(s.db, a);
  };
  try {
    const q = await s.querier(start, end);
    const [one] = await q.select({ start, end }, [{ type: '=', name: 'j', value: String(j) }]);
    const ts: number[] = [];
    const vs: number[] = [];
    const it = one?.iterator();
    while (it?.next()) {
      ts.push(it.at());
      vs.push(it.value());
    }
    return { ts, vs, iterators };
  } finally {
    db.iterator = real;
  }
}

const minutes = (from: number, to: number): number[] => {
  const out: number[] = [];
  for (let t = from; t <= to; t += 60_000) out.push(t);
  return out;
};

describe('resident windows', () => {
  it('serve the current and previous window from memory once persisted, older windows from LevelDB', async () => {
    const s = await openIn(tempDir(), { residentBytes: 0 });
    await writeWindows(s);
    await s.flushHead();
    expect(s.head.residentFrom).toBe(T0 / H + 1);
    expect(s.head.residentBytes).toBeGreaterThan(0);
    const recent = await read(s, 2, T0 + H, T0 + 3 * H);
    expect(recent.ts).toEqual(minutes(T0 + H, T0 + 3 * H - 60_000));
    expect(recent.iterators).toBe(0);
    const all = await read(s, 2, T0, T0 + 3 * H);
    expect(all.ts).toEqual(minutes(T0, T0 + 3 * H - 60_000));
    expect(all.vs).toEqual(all.ts.map((t) => t / 60_000 + 2));
    expect(all.iterators).toBeGreaterThan(0);
  });

  it('leave LevelDB alone for series with no chunks in the older windows a select reaches into', async () => {
    const s = await openIn(tempDir(), { residentBytes: 0 });
    await writeWindows(s);
    const app = s.appender();
    for (let t = T0 + 2 * H; t < T0 + 3 * H; t += 60_000) app.append(0, [{ name: '__name__', value: 'm' }, { name: 'j', value: 'new' }], t, 1);
    await app.commit();
    await s.flushHead();
    await s.storedBoundsReady;
    const got = await read(s, 'new', T0, T0 + 3 * H);
    expect(got.ts).toHaveLength(60);
    expect(got.iterators).toBe(0);
  });

  it('are read back into memory after a restart, with the same answers before and after', async () => {
    const dir = tempDir();
    let s = await openIn(dir, { residentBytes: 0 });
    await writeWindows(s);
    await s.flushHead();
    const before = await read(s, 1, T0, T0 + 3 * H);
    await s.close();
    s = await openIn(dir, { residentBytes: 0 });
    expect(await read(s, 1, T0, T0 + 3 * H)).toMatchObject({ ts: before.ts, vs: before.vs });
    await s.residentReady;
    expect(s.head.residentFrom).toBe(T0 / H + 1);
    const recent = await read(s, 1, T0 + H, T0 + 3 * H);
    expect(recent.iterators).toBe(0);
    expect(recent.ts).toEqual(before.ts.filter((t) => t >= T0 + H));
    expect(await read(s, 1, T0, T0 + 3 * H)).toMatchObject({ ts: before.ts, vs: before.vs });
  });

  it('are cut by a delete exactly as their LevelDB copies, also after a restart', async () => {
    const dir = tempDir();
    let s = await openIn(dir);
    await writeWindows(s);
    await s.flushHead();
    await s.deleteSeries([{ type: '=', name: 'j', value: '3' }], T0 + H + 10 * 60_000, T0 + 2 * H + 5 * 60_000);
    const expected = minutes(T0, T0 + 3 * H - 60_000).filter((t) => t < T0 + H + 10 * 60_000 || t > T0 + 2 * H + 5 * 60_000);
    const check = async (): Promise<void> => {
      const got = await read(s, 3, T0, T0 + 3 * H);
      expect(got.ts).toEqual(expected);
      expect(got.vs).toEqual(expected.map((t) => t / 60_000 + 3));
      expect((await read(s, 0, T0, T0 + 3 * H)).ts).toHaveLength(180);
    };
    await check();
    await s.close();
    s = await openIn(dir);
    await s.residentReady;
    await check();
  });

  it('move on with the data and release older windows, which LevelDB still answers', async () => {
    const s = await openIn(tempDir(), { residentBytes: 0 });
    await writeWindows(s);
    await s.flushHead();
    const held = s.head.residentBytes;
    const app = s.appender();
    app.append(0, [{ name: '__name__', value: 'm' }, { name: 'j', value: '0' }], T0 + 5 * H, 1);
    await app.commit();
    await s.flushHead();
    expect(s.head.residentFrom).toBe(T0 / H + 4);
    expect(s.head.residentBytes).toBeLessThan(held);
    const old = await read(s, 2, T0, T0 + 3 * H);
    expect(old.ts).toEqual(minutes(T0, T0 + 3 * H - 60_000));
    expect(old.iterators).toBeGreaterThan(0);
  });

  it('are dropped with the windows retention drops', async () => {
    const s = await openIn(tempDir(), { retentionBytes: 1 });
    await writeWindows(s);
    await s.flushHead();
    // Size retention drops every window but the newest, resident ones included.
    await (s.compaction as Compactor).applyRetention();
    expect((await read(s, 0, T0, T0 + 3 * H)).ts).toEqual(minutes(T0 + 2 * H, T0 + 3 * H - 60_000));
  });

  it('keep older windows, newest first, while they fit in the resident budget', async () => {
    const s = await openIn(tempDir());
    await writeWindows(s);
    await s.flushHead();
    // Everything fits in the default budget: even the oldest window is served from memory.
    expect(s.head.residentFrom).toBeLessThanOrEqual(T0 / H);
    const all = await read(s, 2, T0, T0 + 3 * H);
    expect(all.ts).toEqual(minutes(T0, T0 + 3 * H - 60_000));
    expect(all.iterators).toBe(0);
    // A budget that holds the three newest windows releases the oldest one.
    const fourWindows = async (x: Tsdb): Promise<void> => {
      await writeWindows(x);
      const app = x.appender();
      for (let m = T0 + 3 * H; m < T0 + 4 * H; m += 60_000) {
        for (let j = 0; j < 4; j++) app.append(0, [{ name: '__name__', value: 'm' }, { name: 'j', value: String(j) }], m, m / 60_000 + j);
      }
      await app.commit();
      await x.flushHead();
    };
    const twin = await openIn(tempDir());
    await fourWindows(twin);
    const budget = [1, 2, 3].reduce((sum, k) => sum + twin.head.residentBytesOf(T0 / H + k), 0);
    const t = await openIn(tempDir(), { residentBytes: budget });
    await fourWindows(t);
    expect(t.head.residentFrom).toBe(T0 / H + 1);
    expect(t.head.residentBytes).toBe(budget);
    const recent = await read(t, 2, T0 + H, T0 + 4 * H);
    expect(recent.ts).toEqual(minutes(T0 + H, T0 + 4 * H - 60_000));
    expect(recent.iterators).toBe(0);
    const old = await read(t, 2, T0, T0 + 4 * H);
    expect(old.ts).toEqual(minutes(T0, T0 + 4 * H - 60_000));
    expect(old.iterators).toBeGreaterThan(0);
  });

  it('are read back after a restart as far back as the budget reaches', async () => {
    const dir = tempDir();
    let s = await openIn(dir);
    await writeWindows(s);
    const app = s.appender();
    // A later window after a gap of one empty window.
    for (let m = T0 + 4 * H; m < T0 + 5 * H; m += 60_000) app.append(0, [{ name: '__name__', value: 'm' }, { name: 'j', value: '0' }], m, 7);
    await app.commit();
    await s.flushHead();
    const before = await read(s, 1, T0, T0 + 5 * H);
    const newest = [1, 2, 4].reduce((sum, k) => sum + s.head.residentBytesOf(T0 / H + k), 0);
    await s.close();
    s = await openIn(dir);
    await s.residentReady;
    expect(s.head.residentFrom).toBe(T0 / H);
    const again = await read(s, 1, T0, T0 + 5 * H);
    expect(again).toMatchObject({ ts: before.ts, vs: before.vs, iterators: 0 });
    await s.close();
    // Room for the newest windows and one more: the oldest stays in LevelDB.
    s = await openIn(dir, { residentBytes: newest });
    await s.residentReady;
    expect(s.head.residentFrom).toBe(T0 / H + 1);
    expect(await read(s, 1, T0, T0 + 5 * H)).toMatchObject({ ts: before.ts, vs: before.vs });
  });

  it('need the chunk range a data directory was written with', async () => {
    const dir = tempDir();
    const s = await openIn(dir);
    await writeWindows(s);
    await s.close();
    await expect(openIn(dir, { chunkRange: 2 * H })).rejects.toThrow(/written with a chunk range of 3600000 ms, not 7200000 ms/);
  });
});
