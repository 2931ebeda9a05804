import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LabelMatcher, Storage } from '../api.js';
import type { Compactor } from '../compact/compactor.js';
import { compactDataDir } from '../offline.js';
import { openStorage } from '../open-storage.js';
import type { Tsdb } from '../tsdb.js';
import { encodeSeries, frameRecord, frameSamples, RecordType, WalWriter } from '../wal/index.js';
import { loadWorkload, toLabels, type Workload } from './workload.js';

type Print = (line: string) => void;

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? await dirBytes(p) : (await stat(p)).size;
  }
  return total;
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) for (let i = 0; i < 3; i++) g();
}

const rate = (n: number, ms: number): string => `${((n / ms) * 1000 / 1e6).toFixed(2)}M/s`;

/** Appends workload samples [from, to) scrape by scrape (one commit per scrape), refs cached. */
async function ingest(s: Storage, w: Workload, seriesCount: number, from: number, to: number, refs: number[], yieldEvery = 0): Promise<number> {
  const n = w.samplesPerSeries;
  let count = 0;
  for (let i = from; i < to; i++) {
    const app = s.appender();
    const t = w.timestamps[i]!;
    for (let j = 0; j < seriesCount; j++) {
      refs[j] = app.append(refs[j]!, refs[j] ? undefined : toLabels(w.series[j]!.labels), t, w.values[j * n + i]!);
    }
    await app.commit();
    count += seriesCount;
    if (yieldEvery > 0 && i % yieldEvery === 0) await new Promise((r) => setImmediate(r));
  }
  return count;
}

async function selectAll(s: Storage, matchers: LabelMatcher[]): Promise<{ series: number; samples: number }> {
  const q = await s.querier(0, Number.MAX_SAFE_INTEGER);
  let samples = 0;
  const set = await q.select({ start: 0, end: Number.MAX_SAFE_INTEGER }, matchers);
  for (const one of set) {
    const it = one.iterator();
    while (it.next()) samples++;
  }
  await q.close();
  return { series: set.length, samples };
}

function tmp(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `pnp-bench-${name}-`));
}

/** Appends/s, bytes/sample after compaction, select+decode. */
async function ingestCompactSelect(w: Workload, print: Print): Promise<void> {
  const seriesCount = w.series.length;
  const n = w.samplesPerSeries;
  const dir = tmp('ingest');
  const plain = tmp('norollup');
  try {
    for (const walSync of ['batch', 1000] as const) {
      rmSync(dir, { recursive: true, force: true });
      const s = await openStorage({ dataDir: dir, autoCompact: false, walSync });
      const refs = new Array<number>(seriesCount).fill(0);
      await ingest(s, w, seriesCount, 0, 1, refs); // series creation apart
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const appended = await ingest(s, w, seriesCount, 1, n, refs);
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      print(
        `append (walSync=${walSync}): ${appended} samples, ${seriesCount} series, one commit per scrape: ` +
          `${rate(appended, ms)} wall, ${rate(appended, cpuMs)} per CPU-second`,
      );
      await s.close();
    }
    cpSync(dir, plain, { recursive: true });
    const total = seriesCount * n;
    for (const [label, d, rollups] of [['with 5m+1h rollups', dir, true], ['raw only (rollups off)', plain, false]] as const) {
      const t0 = performance.now();
      const res = await compactDataDir(d, { rollups });
      const bytes = await dirBytes(d);
      print(
        `tsdb compact, ${label}: ${res.chunksIn} chunks -> ${res.chunksOut} in ${(performance.now() - t0).toFixed(0)} ms; ` +
          `data dir ${bytes} bytes = ${(bytes / total).toFixed(3)} bytes/sample`,
      );
    }
    print('  peers on the same workload: Prometheus 2.42 block 3.17, VictoriaMetrics 1.79.5 1.47; entropy estimate 0.797, Prometheus-style XOR estimate 2.964 (node workload.mjs --stats)');

    const s = await openStorage({ dataDir: dir, autoCompact: false, compactionThreads: 0 });
    try {
      const st = await s.stats();
      print(`  logical bytes: chunks ${st.bytesOnDisk.chunksLogical}, index ${st.bytesOnDisk.indexLogical}, rollups ${st.bytesOnDisk.rollupsLogical}`);
      const one: LabelMatcher[] = [
        { type: '=', name: '__name__', value: 'node_load1' },
        { type: '=', name: 'instance', value: 'host-0000:9100' },
      ];
      await selectAll(s, one);
      let t0 = performance.now();
      let samples = 0;
      const reps = 500;
      for (let i = 0; i < reps; i++) samples += (await selectAll(s, one)).samples;
      let ms = performance.now() - t0;
      print(`select+decode 1 series (${samples / reps} samples): ${rate(samples, ms)} samples/s, ${((ms / reps) * 1000).toFixed(0)} µs per select`);
      const all: LabelMatcher[] = [{ type: '=~', name: 'job', value: 'node|api' }];
      t0 = performance.now();
      const r = await selectAll(s, all);
      ms = performance.now() - t0;
      print(`select+decode ${r.series} series (${r.samples} samples): ${rate(r.samples, ms)} samples/s, ${ms.toFixed(0)} ms`);
    } finally {
      await s.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(plain, { recursive: true, force: true });
  }
}

/** Heap (and typed-array memory) per active head series after an hour of scrapes. */
async function headMemory(w: Workload, print: Print): Promise<void> {
  const dir = tmp('heap');
  try {
    const seriesCount = w.series.length;
    const s = await openStorage({ dataDir: dir, autoCompact: false });
    gc();
    const m0 = process.memoryUsage();
    const refs = new Array<number>(seriesCount).fill(0);
    await ingest(s, w, seriesCount, 0, 240, refs);
    gc();
    const m1 = process.memoryUsage();
    const heap = m1.heapUsed - m0.heapUsed;
    const buffers = m1.arrayBuffers - m0.arrayBuffers;
    print(
      `head memory: ${seriesCount} series with 240 samples each (1 h at 15 s): heap ${(heap / seriesCount).toFixed(0)} bytes/series, ` +
        `array buffers ${(buffers / seriesCount).toFixed(0)} bytes/series, total ${((heap + buffers) / seriesCount).toFixed(0)} bytes/series` +
        ((globalThis as { gc?: unknown }).gc ? '' : ' (run node with --expose-gc for exact figures)'),
    );
    await s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Event-loop delay while windows compact and ingest goes on, with the pool and inline. */
async function compactionLatency(w: Workload, print: Print): Promise<void> {
  const seriesCount = w.series.length;
  const n = w.samplesPerSeries;
  for (const threads of [1, 0]) {
    const dir = tmp('eld');
    try {
      const s = (await openStorage({ dataDir: dir, autoCompact: false, compactionThreads: threads })) as Tsdb;
      const refs = new Array<number>(seriesCount).fill(0);
      // The first 3/4 of the workload lands in windows that are then compacted while the rest streams in.
      const split = Math.floor((n * 3) / 4);
      await ingest(s, w, seriesCount, 0, split, refs);
      await s.flushHead();
      const h = monitorEventLoopDelay({ resolution: 1 });
      h.enable();
      const t0 = performance.now();
      const compaction = (s.compaction as Compactor).compactAll();
      const ingested = ingest(s, w, seriesCount, split, n, refs, 1);
      const [sum, count] = await Promise.all([compaction, ingested]);
      h.disable();
      print(
        `event loop during compaction under ingest (${threads > 0 ? `piscina, ${threads} worker` : 'inline on the main thread'}): ` +
          `p50 ${(h.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms, max ${(h.max / 1e6).toFixed(1)} ms ` +
          `(${sum.chunksIn} chunks compacted, ${count} samples ingested, ${(performance.now() - t0).toFixed(0)} ms)`,
      );
      await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Start-up replay of a WAL holding one million samples. */
async function walReplay(w: Workload, print: Print): Promise<void> {
  const dir = tmp('replay');
  try {
    const seriesCount = w.series.length;
    const n = w.samplesPerSeries;
    const wal = WalWriter.open(path.join(dir, 'wal'), 1, { sync: 'batch' });
    await wal.append([frameRecord(RecordType.Series, encodeSeries(w.series.map((x, i) => ({ id: i + 1, labels: toLabels(x.labels) }))))]);
    const refs = Uint32Array.from({ length: seriesCount }, (_, i) => i + 1);
    const ts = new Float64Array(seriesCount);
    const vs = new Float64Array(seriesCount);
    const scrapes = Math.ceil(1_000_000 / seriesCount);
    for (let i = 0; i < scrapes; i++) {
      ts.fill(w.timestamps[i % n]!);
      for (let j = 0; j < seriesCount; j++) vs[j] = w.values[j * n + (i % n)]!;
      await wal.append(frameSamples(refs, ts, vs, seriesCount));
    }
    await wal.close();
    const t0 = performance.now();
    const s = await openStorage({ dataDir: dir, autoCompact: false });
    const ms = performance.now() - t0;
    const st = await s.stats();
    print(`WAL replay: ${st.samples} samples of ${st.series} series replayed at open in ${ms.toFixed(0)} ms`);
    await s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStorage(print: Print): Promise<void> {
  const w = await loadWorkload(100);
  await ingestCompactSelect(w, print);
  await headMemory(w, print);
  await walReplay(w, print);
  await compactionLatency(await loadWorkload(20, '8h'), print);
}
