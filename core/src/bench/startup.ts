/**
 * Start-up benchmark: time from spawning `panoptes serve` on an empty data
 * directory to the first 200 from /-/ready, over several runs. Prints one
 * JSON line. Run with `npm run bench -w core` (after `npm run build`).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/panoptes.js', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 10);

async function once(): Promise<{ listenMs: number; readyMs: number }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-startup-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir, '--log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /running at (http:\/\/\S+?)\//.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const listenMs = performance.now() - t0;
    for (;;) {
      const res = await fetch(`${url}/-/ready`).catch(() => undefined);
      if (res?.status === 200) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    return { listenMs, readyMs: performance.now() - t0 };
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await rm(dataDir, { recursive: true, force: true });
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const results: { listenMs: number; readyMs: number }[] = [];
await once(); // warm the file system cache
for (let i = 0; i < RUNS; i++) results.push(await once());
const ready = results.map((r) => r.readyMs).sort((a, b) => a - b);
const listen = results.map((r) => r.listenMs).sort((a, b) => a - b);
const round = (n: number): number => Math.round(n * 10) / 10;
console.log(
  JSON.stringify({
    bench: 'startup_empty_data_dir',
    runs: RUNS,
    ready_ms_median: round(quantile(ready, 0.5)),
    ready_ms_p90: round(quantile(ready, 0.9)),
    ready_ms_min: round(ready[0]!),
    ready_ms_max: round(ready[ready.length - 1]!),
    listen_ms_median: round(quantile(listen, 0.5)),
    node: process.version,
  }),
);
