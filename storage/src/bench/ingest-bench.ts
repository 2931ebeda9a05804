import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Labels, Storage } from '../api.js';
import { openStorage } from '../open-storage.js';
import type { Tsdb } from '../tsdb.js';

type Print = (line: string) => void;

/** Collects garbage twice with a turn of the event loop between, so freed ArrayBuffers are off the books too. */
async function settle(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Labels shaped like the remote-write workload: a name, job, instance and a few dimensions. */
function seriesLabels(i: number): Labels {
  return [
    { name: '__name__', value: `node_metric_${i % 200}_total` },
    { name: 'cpu', value: String(i % 16) },
    { name: 'datacenter', value: `dc-${i % 4}` },
    { name: 'instance', value: `host-${Math.floor(i / 100)}:9100` },
    { name: 'job', value: 'node' },
    { name: 'mode', value: ['user', 'system', 'idle', 'iowait'][i % 4]! },
    { name: 'series', value: String(i) },
  ];
}

/**
 * What remote write does: every commit carries one sample for each of
 * `batch` series (refs cached after the first round), rounds of 15 s.
 */
async function ingestRounds(s: Storage, labels: Labels[], refs: number[], rounds: number, firstRound: number, batch: number): Promise<void> {
  for (let r = firstRound; r < firstRound + rounds; r++) {
    const t = 1_700_000_000_000 + r * 15_000;
    for (let from = 0; from < labels.length; from += batch) {
      const a = s.appender();
      const to = Math.min(labels.length, from + batch);
      for (let i = from; i < to; i++) refs[i] = a.append(refs[i]!, refs[i] === 0 ? labels[i] : undefined, t, (r * 7 + i) % 1000);
      await a.commit();
    }
  }
}

/** CPU per sample and memory per series on the append + commit path, 20k series, 2,000-sample commits. */
async function appendPath(print: Print): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pnp-ingest-bench-'));
  const seriesCount = 20_000;
  const batch = 2000;
  try {
    const labels = Array.from({ length: seriesCount }, (_, i) => seriesLabels(i));
    const refs = new Array<number>(seriesCount).fill(0);
    // PNP_BENCH_WAL_SYNC=batch: an fsync per commit, the server's default.
    const walSync = process.env.PNP_BENCH_WAL_SYNC === 'batch' ? 'batch' : 1000;
    // Interval sync like a server under load; checkpoints only where the bench asks, outside the timed part.
    const s = (await openStorage({ dataDir: dir, autoCompact: false, walSync, checkpointWalBytes: 2 ** 40 })) as Tsdb;
    try {
      await settle();
      const m0 = process.memoryUsage();
      await ingestRounds(s, labels, refs, 2, 0, batch);
      // Past the first 120-sample chunk, so the timed part sees chunk cuts as a long-running server does.
      const warm = 150;
      await ingestRounds(s, labels, refs, warm, 2, batch);
      const rounds = 120;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await ingestRounds(s, labels, refs, rounds, 2 + warm, batch);
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      const samples = rounds * seriesCount;
      // Steady state: a checkpoint has persisted the sealed chunks; the head holds open chunks and the index.
      await s.runExclusive(() => s.checkpoint());
      await settle();
      const m1 = process.memoryUsage();
      const cpuUs = (cpu.user + cpu.system) / samples;
      print(
        `append+commit: ${seriesCount} series, ${batch}-sample commits, walSync ${walSync}, ${samples} samples: ` +
          `${(cpuUs * 1000).toFixed(0)} ns CPU/sample (user ${((cpu.user / samples) * 1000).toFixed(0)}, sys ${((cpu.system / samples) * 1000).toFixed(0)}), ` +
          `${((samples / ms) * 1000 / 1e6).toFixed(2)} M samples/s wall`,
      );
      print(
        `head after ${2 + warm + rounds} samples/series and a checkpoint: heap ${((m1.heapUsed - m0.heapUsed) / seriesCount).toFixed(0)} B/series, ` +
          `array buffers ${((m1.arrayBuffers - m0.arrayBuffers) / seriesCount).toFixed(0)} B/series` +
          ((globalThis as { gc?: unknown }).gc ? '' : ' (run node with --expose-gc for exact figures)'),
      );
    } finally {
      await s.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Longest event-loop stall and duration of a checkpoint with many series (first one, and one after a round). */
async function checkpointStall(print: Print): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pnp-ckpt-bench-'));
  const seriesCount = Number(process.env.PNP_BENCH_CKPT_SERIES ?? 200_000);
  try {
    const labels = Array.from({ length: seriesCount }, (_, i) => seriesLabels(i));
    const refs = new Array<number>(seriesCount).fill(0);
    const s = (await openStorage({ dataDir: dir, autoCompact: false, walSync: 1000, checkpointWalBytes: 2 ** 40 })) as Tsdb;
    try {
      for (let round = 0; round < 3; round++) {
        await ingestRounds(s, labels, refs, 1, round, 5000);
        const h = monitorEventLoopDelay({ resolution: 1 });
        // A timer that measures the longest gap between its runs: the stall a scrape loop would see.
        let last = performance.now();
        let worst = 0;
        const timer = setInterval(() => {
          const now = performance.now();
          worst = Math.max(worst, now - last);
          last = now;
        }, 1);
        h.enable();
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await s.runExclusive(() => s.checkpoint());
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(c0);
        clearInterval(timer);
        h.disable();
        print(
          `checkpoint ${round === 0 ? '(all series new)' : '(series known)  '} ${seriesCount} series: ${ms.toFixed(0)} ms wall, ` +
            `${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, longest event-loop stall ${worst.toFixed(0)} ms, p99 delay ${(h.percentile(99) / 1e6).toFixed(1)} ms`,
        );
      }
    } finally {
      await s.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchIngest(print: Print): Promise<void> {
  await appendPath(print);
  await checkpointStall(print);
}
