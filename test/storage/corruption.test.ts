import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import { openStorage, type Storage } from '@panoptes/storage';
import { afterEach, describe, expect, it } from 'vitest';

const T0 = 1_700_006_400_000;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'pnp-corrupt-'));
  dirs.push(d);
  return d;
}

async function write(s: Storage, series: number, samples: number, from = 0): Promise<void> {
  const refs = new Array<number>(series).fill(0);
  for (let i = from; i < from + samples; i++) {
    const app = s.appender();
    for (let j = 0; j < series; j++) refs[j] = app.append(refs[j]!, [{ name: '__name__', value: 'm' }, { name: 's', value: String(j) }], T0 + i * 1000, i);
    await app.commit();
  }
}

async function counts(s: Storage): Promise<Record<string, number | string>> {
  const q = await s.querier(0, Number.MAX_SAFE_INTEGER);
  const out: Record<string, number | string> = {};
  for (const one of await q.select({ start: 0, end: Number.MAX_SAFE_INTEGER }, [{ type: '=', name: '__name__', value: 'm' }])) {
    const key = one.labels[1]!.value;
    try {
      const it = one.iterator();
      let n = 0;
      while (it.next()) n++;
      out[key] = n;
    } catch (err) {
      out[key] = `${(err as { code?: string }).code}: ${(err as Error).message}`;
    }
  }
  return out;
}

describe('corruption', () => {
  it('a truncated WAL segment loses only its torn tail, with a warning', async () => {
    const dir = tempDir();
    const s = await openStorage({ dataDir: dir });
    await write(s, 3, 50);
    // Crash without a checkpoint: release the files as a killed process would.
    const internals = s as unknown as { wal: { close(): Promise<void> }; closeDb(): Promise<void> };
    await internals.wal.close();
    await internals.closeDb();
    const wal = path.join(dir, 'wal');
    const seg = readdirSync(wal).filter((f) => /^\d{8}$/.test(f)).sort().pop()!;
    const file = path.join(wal, seg);
    writeFileSync(file, readFileSync(file).subarray(0, statSync(file).size - 30));
    const warnings: string[] = [];
    const logger = { info() {}, debug() {}, error() {}, warn: (_o: unknown, m?: string) => warnings.push(m ?? '') };
    const r = await openStorage({ dataDir: dir, logger });
    try {
      expect(warnings.join('\n')).toMatch(new RegExp(`WAL ${seg} is corrupt at offset \\d+ \\(torn record`));
      // The last batch (3 samples) is gone; the 49 before it are intact.
      expect(await counts(r)).toEqual({ '0': 49, '1': 49, '2': 49 });
    } finally {
      await r.close();
    }
  });

  it('a corrupted chunk record names its series and range; other series stay readable', async () => {
    const dir = tempDir();
    const s = await openStorage({ dataDir: dir });
    await write(s, 3, 300);
    await s.close();
    // Damage the first chunk of one series directly in LevelDB.
    const db = new ClassicLevel<Uint8Array, Uint8Array>(path.join(dir, 'db'), { keyEncoding: 'view', valueEncoding: 'view' });
    const tsdb = db.sublevel<Uint8Array, Uint8Array>('tsdb', { keyEncoding: 'view', valueEncoding: 'view' });
    let damaged = false;
    for await (const [k, v] of tsdb.iterator({ gte: new Uint8Array([0x63]), lt: new Uint8Array([0x64]) })) {
      const id = new DataView(k.buffer, k.byteOffset).getUint32(1);
      if (id !== 2 || damaged) continue;
      const bad = v.slice(0, Math.floor(v.length / 2));
      await tsdb.put(k, bad);
      damaged = true;
    }
    await db.close();
    expect(damaged).toBe(true);
    const r = await openStorage({ dataDir: dir });
    try {
      const got = await counts(r);
      expect(got['0']).toBe(300);
      expect(got['2']).toBe(300);
      expect(got["1"]).toMatch(/^PNP_CHUNK_CORRUPT: series \{__name__="m", s="1"\}: chunk 2023-11-15T00:00:00.000Z\.\.2023-11-15T00:0\d:\d\d.\d+Z: /);
    } finally {
      await r.close();
    }
  });
});
