import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LabelMatcher, Storage } from '../api.js';
import type { Compactor } from '../compact/compactor.js';
import { openStorage } from '../open-storage.js';
import type { Tsdb } from '../tsdb.js';
import { loadWorkload, toLabels } from './workload.js';

type Print = (line: string) => void;

const M = (name: string, value: string, type: LabelMatcher['type'] = '='): LabelMatcher => ({ type, name, value });
const metric = (name: string, ...more: LabelMatcher[]): LabelMatcher[] => [M('__name__', name), ...more];

/**
 * The selections the query kit's queries (../shared/bench/queries.txt) make,
 * each with how far back from the workload's end it reads: instant queries
 * their range (or the 5 m lookback), range queries the kit's 2 h plus theirs.
 */
const SELECTS: { name: string; matchers: LabelMatcher[]; back: number }[] = [
  { name: 'cpu_by_mode', matchers: metric('node_cpu_seconds_total'), back: 5 * 60e3 },
  { name: 'cpu_busy_by_host', matchers: metric('node_cpu_seconds_total', M('mode', 'idle')), back: 125 * 60e3 },
  { name: 'cpu_total_15s', matchers: metric('node_cpu_seconds_total'), back: 121 * 60e3 },
  { name: 'net_rx_by_region', matchers: metric('node_network_receive_bytes_total', M('device', 'eth0')), back: 125 * 60e3 },
  { name: 'top10_disk_write', matchers: metric('node_disk_written_bytes_total'), back: 5 * 60e3 },
  { name: 'latency_p99', matchers: metric('http_request_duration_seconds_bucket'), back: 125 * 60e3 },
  { name: 'load1_avg_1h', matchers: metric('node_load1'), back: 60 * 60e3 },
  {
    name: 'fs_avail_regex',
    matchers: metric('node_filesystem_avail_bytes', M('mountpoint', '/|/var/.*', '=~'), M('instance', 'host-00[0-4].*', '=~')),
    back: 5 * 60e3,
  },
  { name: 'fs_avail_ratio(avail)', matchers: metric('node_filesystem_avail_bytes'), back: 125 * 60e3 },
  { name: 'fs_avail_ratio(size)', matchers: metric('node_filesystem_size_bytes'), back: 125 * 60e3 },
  { name: 'mem_used_ratio(avail)', matchers: metric('node_memory_MemAvailable_bytes'), back: 125 * 60e3 },
  { name: 'mem_used_ratio(total)', matchers: metric('node_memory_MemTotal_bytes'), back: 125 * 60e3 },
  { name: 'up_count_by', matchers: metric('up'), back: 5 * 60e3 },
  { name: 'http_5xx_1h', matchers: metric('http_requests_total', M('code', '5..', '=~')), back: 60 * 60e3 },
  { name: 'net_tx_join_info(tx)', matchers: metric('node_network_transmit_bytes_total', M('device', 'eth0')), back: 5 * 60e3 },
  { name: 'net_tx_join_info(info)', matchers: metric('node_uname_info'), back: 5 * 60e3 },
  { name: 'mem_max_10m', matchers: metric('node_memory_MemAvailable_bytes'), back: 130 * 60e3 },
];

async function selectOnce(s: Storage, matchers: LabelMatcher[], start: number, end: number): Promise<{ series: number; samples: number }> {
  const q = await s.querier(start, end);
  const set = await q.select({ start, end }, matchers);
  let samples = 0;
  for (const one of set) {
    const it = one.iterator();
    while (it.next()) samples++;
  }
  await q.close();
  return { series: set.length, samples };
}

/**
 * Select + full iteration for the kit's selections on a real data directory
 * holding the 200-host workload, persisted as a server does after ingest
 * (a checkpoint writes sealed chunks to LevelDB, compaction merges windows).
 * Usage: node dist/bench/select-bench.js [hosts] [reps]
 */
export async function benchSelect(print: Print, hosts = 200, reps = 5): Promise<void> {
  const w = await loadWorkload(hosts);
  const dir = mkdtempSync(path.join(tmpdir(), 'pnp-select-bench-'));
  try {
    const s = (await openStorage({ dataDir: dir, autoCompact: false })) as Tsdb;
    const n = w.samplesPerSeries;
    const refs = new Array<number>(w.series.length).fill(0);
    for (let i = 0; i < n; i++) {
      const app = s.appender();
      for (let j = 0; j < w.series.length; j++) {
        refs[j] = app.append(refs[j]!, refs[j] ? undefined : toLabels(w.series[j]!.labels), w.timestamps[i]!, w.values[j * n + i]!);
      }
      await app.commit();
    }
    await s.checkpoint();
    await (s.compaction as Compactor).compactAll();
    const end = w.timestamps[n - 1]!;
    print(`select bench: ${hosts} hosts, ${w.series.length} series, ${w.series.length * n} samples, median of ${reps} runs`);
    let totalMs = 0;
    let totalSamples = 0;
    for (const sel of SELECTS) {
      await selectOnce(s, sel.matchers, end - sel.back, end); // warm-up
      const times: number[] = [];
      let last = { series: 0, samples: 0 };
      for (let r = 0; r < reps; r++) {
        const t0 = performance.now();
        last = await selectOnce(s, sel.matchers, end - sel.back, end);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const med = times[Math.floor(times.length / 2)]!;
      totalMs += med;
      totalSamples += last.samples;
      print(
        `  ${sel.name.padEnd(24)} ${String(last.series).padStart(6)} series ${String(last.samples).padStart(9)} samples ` +
          `${med.toFixed(1).padStart(8)} ms ${((last.samples / med) * 1000 / 1e6).toFixed(1).padStart(6)} M samples/s`,
      );
    }
    print(`  ${'total'.padEnd(24)} ${' '.repeat(13)} ${String(totalSamples).padStart(9)} samples ${totalMs.toFixed(1).padStart(8)} ms ${((totalSamples / totalMs) * 1000 / 1e6).toFixed(1).padStart(6)} M samples/s`);
    await s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [hosts, reps] = process.argv.slice(2).map(Number);
  await benchSelect((line) => console.log(line), hosts || 200, reps || 5);
}
