import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Storage } from '../api.js';
import type { Compactor } from '../compact/compactor.js';
import { compactDataDir } from '../offline.js';
import { openStorage } from '../open-storage.js';
import type { Tsdb } from '../tsdb.js';
import { encodeSamples, encodeSeries, frameRecord, RecordType, WalWriter } from '../wal/index.js';
import { loadWorkload, toLabels, WORKLOAD_START, type Workload } from './workload.js';

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
  (globalThis as { gc?: () => void }).gc?.();
}

/** Appends the workload scrape by scrape (one commit per scrape of all series), refs cached. */
async function ingest(s: Storage, w: Workload, seriesCount: number, fromSample: number, toSample: number, refs: number[]): Promise<number> {
  const n = w.samplesPerSeries;
  let count = 0;
  for (let i = fromSample; i < toSample; i++) {
    const app = s.appender();
    const t = w.timestamps[i]!;
    for (let j = 0; j < seriesCount; j++) {
      refs[j] = app.append(refs[j]!, refs[j] ? undefined : toLabels(w.series[j]!.labels), t, w.values[j * n + i]!);
    }
    await app.commit();
    count += seriesCount;
  }
  return count;
}

export async function benchStorage(print: Print): Promise<void> {
  const w = await loadWorkload(100);
  const seriesCount = w.series.length;
  const n = w.samplesPerSeries;
  const dir = mkdtempSync(path.join(tmpdir(), 'pnp-bench-'));
  try {
    // 1. appends/s, WAL fsync per commit (the default policy)
    let s = await openStorage({ dataDir: dir, autoCompact: false });
    const refs = new Array<number>(seriesCount).fill(0);
    await ingest(s, w, seriesCount, 0, 1, refs); // create series first
    let t0 = performance.now();
    const appended = await ingest(s, w, seriesCount, 1, n, refs);
    let ms = performance.now() - t0;
    print(`append: ${appended} samples in ${ms.toFixed(0)} ms = ${((appended / ms) * 1000 / 1e6).toFixed(2)}M samples/s (${seriesCount} series, one commit per scrape of ${seriesCount}, walSync=batch)`);
    await s.close();

    // 2. bytes per sample after offline compaction
    t0 = performance.now();
    const res = await compactDataDir(dir);
    ms = performance.now() - t0;
    const bytes = await dirBytes(dir);
    const total = seriesCount * n;
    print(`compact: ${res.windows} windows, ${res.chunksIn} chunks -> ${res.chunksOut} in ${ms.toFixed(0)} ms`);
    print(`disk: ${bytes} bytes for ${total} samples = ${(bytes / total).toFixed(3)} bytes/sample (whole data dir after tsdb compact; Prometheus 2.42 block 3.17, VictoriaMetrics 1.79.5 1.47, workload entropy estimate 0.797)`);
    const ts = (await (await openStorage({ dataDir: dir, autoCompact: false, compactionThreads: 0 })).stats());
    print(`  components (logical bytes): chunks ${ts.bytesOnDisk.chunksLogical}, index ${ts.bytesOnDisk.indexLogical}, rollups ${ts.bytesOnDisk.rollupsLogical}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
