import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STALE_NAN } from '../chunkenc/index.js';
import { writeCheckpoint } from './checkpoint.js';
import { decodeSamples, decodeSeries, encodeSamples, encodeSeries, frameRecord, RecordType } from './records.js';
import { replayWal } from './replay.js';
import type { WalRecord } from './wal-reader.js';
import { WalWriter } from './wal-writer.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'pnp-wal-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function warnings(): { logger: { info(): void; debug(): void; error(): void; warn(o: object | string, m?: string): void }; lines: string[] } {
  const lines: string[] = [];
  return { lines, logger: { info() {}, debug() {}, error() {}, warn: (_o, m) => lines.push(m ?? '') } };
}

function samplesRecord(base: number, n: number): Uint8Array {
  const refs = Uint32Array.from({ length: n }, (_, i) => i + 1);
  const ts = Float64Array.from({ length: n }, (_, i) => base + i);
  const vs = Float64Array.from({ length: n }, (_, i) => (i === 0 ? STALE_NAN : base + i / 4));
  return frameRecord(RecordType.Samples, encodeSamples(refs, ts, vs, n));
}

function collect(dir: string, logger = warnings().logger): WalRecord[] {
  const out: WalRecord[] = [];
  replayWal(dir, (r) => out.push({ type: r.type, payload: r.payload.slice() }), logger);
  return out;
}

describe('WAL', () => {
  it('round-trips series and sample records, stale markers bit for bit', async () => {
    const dir = tempDir();
    const w = WalWriter.open(dir, 1, { sync: 'batch' });
    const series = frameRecord(RecordType.Series, encodeSeries([{ id: 7, labels: [{ name: '__name__', value: 'up' }, { name: 'job', value: 'ü' }] }]));
    await w.append([series, samplesRecord(1000, 10)]);
    await w.close();
    const recs = collect(dir);
    expect(recs.map((r) => r.type)).toEqual([RecordType.Series, RecordType.Samples]);
    expect(decodeSeries(recs[0]!.payload)).toEqual([{ id: 7, labels: [{ name: '__name__', value: 'up' }, { name: 'job', value: 'ü' }] }]);
    const s = decodeSamples(recs[1]!.payload);
    expect(s.count).toBe(10);
    expect(Array.from(s.ts.slice(0, 3))).toEqual([1000, 1001, 1002]);
    // Read the bits straight from the typed array: a JS Array would quiet the NaN.
    const dv = new DataView(s.vs.buffer, s.vs.byteOffset, 8);
    expect(dv.getBigUint64(0, true)).toBe(0x7ff0000000000002n);
  });

  it('acknowledges under an interval sync policy and cuts segments past the size limit', async () => {
    const dir = tempDir();
    const w = WalWriter.open(dir, 1, { sync: 50, segmentBytes: 1024 });
    for (let i = 0; i < 20; i++) await w.append([samplesRecord(i * 100, 20)]);
    await w.close();
    expect(readdirSync(dir).length).toBeGreaterThan(1);
    expect(collect(dir).length).toBe(20);
  });

  it('truncates a torn tail with a warning and keeps everything before it', async () => {
    const dir = tempDir();
    const w = WalWriter.open(dir, 1, { sync: 'batch' });
    for (let i = 0; i < 5; i++) await w.append([samplesRecord(i * 100, 8)]);
    await w.close();
    const file = path.join(dir, '00000001');
    const full = readFileSync(file);
    writeFileSync(file, full.subarray(0, full.length - 11));
    const { logger, lines } = warnings();
    const recs = collect(dir, logger);
    expect(recs.length).toBe(4);
    expect(lines.join('\n')).toMatch(/00000001 is corrupt at offset \d+ \(torn record/);
    expect(statSync(file).size).toBeLessThan(full.length - 11);
    // The repaired WAL reads cleanly now.
    const again = warnings();
    expect(collect(dir, again.logger).length).toBe(4);
    expect(again.lines).toEqual([]);
  });

  it('drops a record with a bad checksum and every later segment', async () => {
    const dir = tempDir();
    const w = WalWriter.open(dir, 1, { sync: 'batch', segmentBytes: 300 });
    for (let i = 0; i < 6; i++) await w.append([samplesRecord(i * 100, 8)]);
    await w.close();
    const segs = readdirSync(dir).sort();
    expect(segs.length).toBeGreaterThan(2);
    const second = path.join(dir, segs[1]!);
    const buf = readFileSync(second);
    buf[buf.length - 3]! ^= 0xff;
    writeFileSync(second, buf);
    const { logger, lines } = warnings();
    const recs = collect(dir, logger);
    expect(lines[0]).toMatch(/checksum mismatch/);
    expect(lines[0]).toMatch(/later segments/);
    expect(readdirSync(dir).length).toBe(2);
    expect(recs.length).toBeGreaterThan(0);
  });

  it('replays a checkpoint plus the segments after it, and deletes older ones', async () => {
    const dir = tempDir();
    const w = WalWriter.open(dir, 1, { sync: 'batch' });
    await w.append([samplesRecord(0, 4)]);
    const n = w.rotate();
    await w.append([samplesRecord(500, 4)]);
    await writeCheckpoint(dir, n, [samplesRecord(100, 2)]);
    await w.close();
    expect(readdirSync(dir).sort()).toEqual(['00000002', 'checkpoint.00000002']);
    const ts = collect(dir).map((r) => decodeSamples(r.payload).ts[0]);
    expect(ts).toEqual([100, 500]);
    appendFileSync(path.join(dir, 'checkpoint.00000001.tmp'), 'junk');
    expect(collect(dir).length).toBe(2);
  });
});
