/**
 * Scrape benchmark: Panoptes (the real binary, real storage) scrapes N
 * targets x S series at an interval, served by target-server.js in its own
 * process. After a warm-up it measures, over a window: the server's CPU
 * seconds, peak RSS, how many scrapes were due versus done (from `up`), the
 * scrape lag (time between a target's due slot and its lastScrape, from
 * /api/v1/targets), and scrape durations.
 *
 * Run: npx tsc -b && node core/dist/scrape/bench/scrape-bench.js [--targets 1000] [--series 500] [--interval 15] [--seconds 60] [--warmup 35]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const TARGETS = Number(args.get('targets') ?? 1000);
const SERIES = Number(args.get('series') ?? 500);
const INTERVAL = Number(args.get('interval') ?? 15);
const WINDOW = Number(args.get('seconds') ?? 60);
/** Seconds before measuring: the first round creates every series, which costs storage far more than later rounds. */
const WARMUP = Number(args.get('warmup') ?? INTERVAL * 2 + 5);

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '../../../bin/panoptes.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function procStat(pid: number): Promise<{ cpu: number; rss: number; hwm: number }> {
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { cpu: ticks / 100, rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

function startChild(cmd: string, argv: string[], ready: RegExp): Promise<{ pid: number; match: RegExpExecArray; kill: () => void }> {
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve({ pid: child.pid!, match: m, kill: () => child.kill('SIGTERM') });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${cmd} exited with ${code}: ${out.slice(-2000)}`)));
  });
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-scrape-bench-'));
const targets = await startChild(process.execPath, [path.join(here, 'target-server.js'), String(SERIES)], /listening (\d+)/);
const port = targets.match[1]!;
const groups = Array.from({ length: TARGETS }, (_, i) => `      - targets: ['127.0.0.1:${port}']\n        labels: { target: t${i} }`).join('\n');
await writeFile(
  path.join(dir, 'panoptes.yml'),
  `server:\n  self_monitoring: false\n  log_level: warn\nscrape_configs:\n  - job_name: bench\n    scrape_interval: ${INTERVAL}s\n    scrape_timeout: ${Math.min(10, INTERVAL)}s\n    static_configs:\n${groups}\n    relabel_configs:\n      - source_labels: [target]\n        target_label: __param_target\n`,
);
const server = await startChild(process.execPath, [bin, 'serve', '--config', path.join(dir, 'panoptes.yml'), '--listen', '127.0.0.1:0', '--data-dir', path.join(dir, 'data')], /running at (http:\/\/[^/\s]+)/);
const url = server.match[1]!;
try {
  // Warm-up: every target gets its phase and first scrapes (series creation) before the window.
  await sleep(WARMUP * 1000);
  const t0 = Date.now();
  const s0 = await procStat(server.pid);
  const lags: number[] = [];
  const durations: number[] = [];
  while (Date.now() - t0 < WINDOW * 1000) {
    await sleep(5000);
    const res = (await (await fetch(`${url}/api/v1/targets?state=active`, { signal: AbortSignal.timeout(60_000) })).json()) as { data: { activeTargets: { lastScrape: string; lastScrapeDuration: number; health: string }[] } };
    const now = Date.now();
    for (const t of res.data.activeTargets) {
      if (t.lastScrape.startsWith('0001')) {
        lags.push(Infinity);
        continue;
      }
      // A target on time was scraped less than one interval ago.
      lags.push(Math.max(0, now - Date.parse(t.lastScrape) - INTERVAL * 1000));
      durations.push(t.lastScrapeDuration);
    }
  }
  const t1 = Date.now();
  const s1 = await procStat(server.pid);
  const q = await (await fetch(`${url}/api/v1/query?query=${encodeURIComponent(`sum(count_over_time(up[${Math.floor((t1 - t0) / 1000)}s]))`)}&time=${t1 / 1000}`)).json() as { data: { result: { value: [number, string] }[] } };
  const done = Number(q.data.result[0]?.value[1] ?? 0);
  const due = (TARGETS * (t1 - t0)) / (INTERVAL * 1000);
  lags.sort((a, b) => a - b);
  durations.sort((a, b) => a - b);
  const pct = (a: number[], p: number) => a[Math.min(a.length - 1, Math.floor(a.length * p))] ?? 0;
  console.log(
    JSON.stringify({
      targets: TARGETS,
      series_per_target: SERIES,
      interval_s: INTERVAL,
      window_s: (t1 - t0) / 1000,
      samples_per_s: Math.round((TARGETS * (SERIES + 5)) / INTERVAL),
      scrapes_due: Math.round(due),
      scrapes_done: done,
      server_cpu_s: +(s1.cpu - s0.cpu).toFixed(2),
      server_cpu_share: +((s1.cpu - s0.cpu) / ((t1 - t0) / 1000)).toFixed(3),
      server_rss_mb: Math.round(s1.rss / 2 ** 20),
      server_peak_rss_mb: Math.round(s1.hwm / 2 ** 20),
      lag_p50_ms: pct(lags, 0.5),
      lag_p99_ms: pct(lags, 0.99),
      lag_max_ms: lags.at(-1),
      scrape_duration_p50_ms: +(pct(durations, 0.5) * 1000).toFixed(1),
      scrape_duration_p99_ms: +(pct(durations, 0.99) * 1000).toFixed(1),
    }),
  );
} finally {
  server.kill();
  targets.kill();
  await sleep(1000);
  await rm(dir, { recursive: true, force: true });
}
