/**
 * Cost of the plugin host: what dispatching a request through a plugin
 * route adds over a core route, and how closely jobs keep their schedule.
 *
 *   npx tsc -b && node core/dist/plugins/bench/host-bench.js [requests=3000]
 *
 * Loopback only, sequential requests, about 10 s in all.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../server/run-server.js';
import { createPluginsArea } from '../area.js';

const REQUESTS = Number(process.argv[2] ?? 3000);
const sdkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../sdk');

const PLUGIN = `import { definePlugin } from '@panoptes/sdk';
export const lateness = [];
export default definePlugin({ id: 'collector-bench', version: '1.0.0', sdk: '^1.0.0', kinds: ['collector'], description: 'bench',
  start(ctx) {
    ctx.http.route({ method: 'GET', path: '/ping', handler: () => ({ body: 'pong' }) });
    let next = 0;
    ctx.jobs.every({ name: 'tick', interval: 20, jitter: 0 }, () => { const now = performance.now(); if (next) lateness.push(now - next); next = now + 20; });
  } });
`;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

async function timeRequests(url: string): Promise<number[]> {
  for (let i = 0; i < 200; i++) await (await fetch(url)).text();
  const out: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    await (await fetch(url)).text();
    out.push((performance.now() - t0) * 1000);
  }
  return out.sort((a, b) => a - b);
}

const root = await mkdtemp(path.join(tmpdir(), 'panoptes-host-bench-'));
const ws = path.join(root, 'ws');
await mkdir(path.join(ws, 'collector-bench'), { recursive: true });
await mkdir(path.join(root, 'node_modules', '@panoptes'), { recursive: true });
await symlink(sdkDir, path.join(root, 'node_modules', '@panoptes', 'sdk'), 'dir');
await writeFile(path.join(ws, 'collector-bench', 'package.json'), JSON.stringify({ name: 'collector-bench', type: 'module', main: 'index.js', panoptes: { plugin: true } }));
await writeFile(path.join(ws, 'collector-bench', 'index.js'), PLUGIN);
const server = await startServer({
  listen: '127.0.0.1:0',
  dataDir: path.join(root, 'data'),
  logDestination: new Writable({ write: (_c, _e, cb) => cb() }),
  areas: [{ name: 'plugins', area: createPluginsArea({ workspaceDir: ws }) }],
});
try {
  await server.ready;
  const base = `http://${server.address}`;
  for (let i = 0; i < 200 && (await fetch(`${base}/api/plugins/collector-bench/ping`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 25));
  const core = await timeRequests(`${base}/-/healthy`);
  const plugin = await timeRequests(`${base}/api/plugins/collector-bench/ping`);
  const mod = (await import(path.join(ws, 'collector-bench', 'index.js'))) as { lateness: number[] };
  const late = [...mod.lateness].sort((a, b) => a - b);
  console.log(`plugin host, ${REQUESTS} sequential requests each over loopback HTTP`);
  console.log(`  core route   /-/healthy                    p50 ${quantile(core, 0.5).toFixed(0)} µs  p99 ${quantile(core, 0.99).toFixed(0)} µs`);
  console.log(`  plugin route /api/plugins/<id>/ping         p50 ${quantile(plugin, 0.5).toFixed(0)} µs  p99 ${quantile(plugin, 0.99).toFixed(0)} µs`);
  console.log(`  added by plugin dispatch (p50)              ${(quantile(plugin, 0.5) - quantile(core, 0.5)).toFixed(0)} µs`);
  console.log(`job every 20 ms: ${late.length} runs, lateness p50 ${quantile(late, 0.5).toFixed(2)} ms  p99 ${quantile(late, 0.99).toFixed(2)} ms`);
} finally {
  await server.close();
  await rm(root, { recursive: true, force: true });
}
