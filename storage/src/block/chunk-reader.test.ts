import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../open-storage.js';
import type { Tsdb } from '../tsdb.js';
import { readChunks } from './chunk-reader.js';

const HOUR = 3_600_000;
const T0 = 1_700_006_400_000; // window-aligned
const N = 600; // series, ids 1..N
let dir: string;
let s: Tsdb;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pnp-reader-'));
  s = (await openStorage({ dataDir: dir, compactionThreads: 0, autoCompact: false })) as Tsdb;
  const refs = new Array<number>(N).fill(0);
  for (let t = T0; t < T0 + 6 * HOUR; t += 5 * 60_000) {
    const app = s.appender();
    // series with an odd index only report in the first window
    for (let j = 0; j < N; j++) if (j % 2 === 0 || t < T0 + 2 * HOUR) refs[j] = app.append(refs[j]!, [{ name: '__name__', value: 'r' }, { name: 'j', value: String(j) }], t, j);
    await app.commit();
  }
  await s.flushHead();
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('readChunks', () => {
  const w0 = Math.floor(T0 / (2 * HOUR));
  const cases: [string, number[], number, number][] = [
    ['one series, all windows', [5], w0, w0 + 2],
    ['sparse ids', [1, 9, 23, 47, 59], w0, w0 + 2],
    ['dense ids, middle window', Array.from({ length: 60 }, (_, i) => i + 1), w0 + 1, w0 + 1],
    ['every other id, last window', Array.from({ length: 30 }, (_, i) => 2 * i + 1), w0 + 2, w0 + 2],
    ['ids past the end', [N, N + 1, N + 2], w0, w0 + 2],
    ['sparse ids read by several iterators', Array.from({ length: 67 }, (_, i) => 9 * i + 1), w0, w0 + 2],
  ];
  for (const [name, ids, from, to] of cases) {
    it(name, async () => {
      const got = await readChunks(s.db, Uint32Array.from(ids), from, to, -Infinity, Infinity, 2 * HOUR);
      // series id = j + 1; odd j (even id) only has window w0
      const want = new Map<number, number[]>();
      for (const id of ids) {
        if (id > N) continue;
        const j = id - 1;
        const windows = [w0, w0 + 1, w0 + 2].filter((w) => w >= from && w <= to && (j % 2 === 0 || w === w0));
        if (windows.length > 0) want.set(id, windows);
      }
      const summary = new Map([...got].map(([id, pieces]) => [id, [...new Set(pieces.map((p) => p.window))]]));
      expect(summary).toEqual(want);
    });
  }
});
