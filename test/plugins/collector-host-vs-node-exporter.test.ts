import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness } from '@panoptes/sdk/testing';
import collectorHost from '@panoptes/plugin-collector-host';

/**
 * Compares collector-host with Debian's prometheus-node-exporter on the same
 * machine: the same metric names and label sets, equal constants, and
 * counters bracketed by two node_exporter scrapes taken before and after
 * ours. Needs `apt-get install prometheus-node-exporter`; skipped otherwise.
 */
const BINARY = ['prometheus-node-exporter', 'node_exporter'].find((b) => spawnSync(b, ['--version']).status === 0);
const COLLECTORS = ['cpu', 'stat', 'meminfo', 'loadavg', 'diskstats', 'netdev', 'filesystem', 'time', 'uname'];

type Series = Map<string, number>;
/** Prometheus text format → "name{sorted labels}" → value (job/instance left out). */
function parseText(text: string): Series {
  const out: Series = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: [string, string][] = [];
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)) labels.push([l[1]!, l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))]);
    out.set(key(m[1]!, Object.fromEntries(labels)), Number(m[3]));
  }
  return out;
}
function key(name: string, labels: Record<string, string>): string {
  const rest = Object.entries(labels).filter(([k]) => k !== 'job' && k !== 'instance' && k !== 'plugin').sort(([a], [b]) => (a < b ? -1 : 1));
  return `${name}{${rest.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}
const family = (k: string): string => k.slice(0, k.indexOf('{'));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe.skipIf(!BINARY)('collector-host against prometheus-node-exporter', () => {
  let child: ChildProcess;
  let url: string;
  let before: Series;
  let ours: Series;
  let after: Series;

  const scrape = async (): Promise<Series> => parseText(await (await fetch(url)).text());

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/metrics`;
    child = spawn(BINARY!, [`--web.listen-address=127.0.0.1:${port}`, '--collector.disable-defaults', ...COLLECTORS.map((c) => `--collector.${c}`)], { stdio: 'ignore' });
    for (let i = 0; ; i++) {
      try {
        await scrape();
        break;
      } catch (err) {
        if (i > 200) throw new Error(`node_exporter did not answer at ${url}: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    before = await scrape();
    const h = createTestHarness(collectorHost);
    await h.start();
    await h.advance(0);
    ours = new Map(h.samples.map((s) => [key(s.name, { ...s.labels }), s.value]));
    after = await scrape();
    await h.stop();
  });

  afterAll(() => {
    child?.kill();
  });

  it('produces only metric families node_exporter has, with the same label sets', () => {
    const ourFamilies = new Set([...ours.keys()].map(family));
    const theirFamilies = new Set([...after.keys()].map(family));
    expect([...ourFamilies].filter((f) => !theirFamilies.has(f))).toEqual([]);
    for (const f of ourFamilies) {
      if (f === 'node_scrape_collector_duration_seconds') continue;
      const mine = [...ours.keys()].filter((k) => family(k) === f).sort();
      const theirs = [...after.keys()].filter((k) => family(k) === f).sort();
      expect(mine, f).toEqual(theirs);
    }
    const notYet = [...theirFamilies].filter((f) => !ourFamilies.has(f) && !f.startsWith('node_scrape_') && f.startsWith('node_'));
    console.info(`node_exporter families collector-host does not produce: ${notYet.join(', ') || 'none'}`);
  });

  it('agrees on constants', () => {
    for (const [k, v] of ours) {
      const f = family(k);
      if (f === 'node_boot_time_seconds' || f === 'node_memory_MemTotal_bytes' || f === 'node_memory_SwapTotal_bytes' || f === 'node_filesystem_size_bytes' || f === 'node_filesystem_files' || f === 'node_filesystem_readonly' || f === 'node_uname_info') {
        expect(v, k).toBe(after.get(k));
      }
    }
  });

  it('reads counters between two node_exporter scrapes taken around it', () => {
    let checked = 0;
    for (const [k, v] of ours) {
      if (!family(k).endsWith('_total') && family(k) !== 'node_time_seconds') continue;
      const lo = before.get(k)!;
      const hi = after.get(k)!;
      // One jiffy (10 ms) of slack for CPU counters, which the kernel updates between our reads.
      expect(v, k).toBeGreaterThanOrEqual(lo - 0.011);
      expect(v, k).toBeLessThanOrEqual(hi + 0.011);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('agrees on gauges within what changes between scrapes', () => {
    const near = (k: string, rel: number): void => {
      const v = ours.get(k)!;
      const ref = after.get(k)!;
      expect(Math.abs(v - ref), `${k}: ${v} vs ${ref}`).toBeLessThanOrEqual(Math.max(Math.abs(ref) * rel, 1));
    };
    near(key('node_memory_MemAvailable_bytes', {}), 0.1);
    for (const k of ours.keys()) if (family(k) === 'node_filesystem_avail_bytes' || family(k) === 'node_filesystem_free_bytes') near(k, 0.02);
    for (const l of ['node_load1', 'node_load5', 'node_load15']) near(key(l, {}), 0.5);
  });
});

describe.runIf(!BINARY)('collector-host against prometheus-node-exporter', () => {
  it('is skipped: prometheus-node-exporter is not installed (apt-get install prometheus-node-exporter)', () => {
    console.warn('collector-host comparison skipped: install prometheus-node-exporter to run it');
  });
});
