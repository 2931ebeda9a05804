import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess } from '../helpers/server-process.js';
import { findBinary, freePort, readDataDir, sleep, startProcess, stopProcess, waitHttpOk, type StoredSeries } from '../ingest/helpers.js';

/**
 * Panoptes scrapes a real node exporter (Debian's
 * `prometheus-node-exporter`) and its own /metrics (the self-monitoring job)
 * every second. Checks /api/v1/targets while it runs, then reads the data
 * directory: the synthetic series, and for each scrape exactly as many
 * stored samples as scrape_samples_scraped says.
 * Needs `apt-get install prometheus-node-exporter`; skipped otherwise.
 */
const NODE_EXPORTER = findBinary(['prometheus-node-exporter', 'node_exporter']);
if (!NODE_EXPORTER) console.warn('skipping scrape integration test: install the Debian package prometheus-node-exporter');

const SYNTHETIC = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added']);

describe.skipIf(!NODE_EXPORTER)('scraping node exporter and Panoptes itself', () => {
  const stops: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  });

  it('stores what the targets expose, with up and scrape_* series', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-scrape-'));
    const dataDir = path.join(dir, 'data');
    const nodePort = await freePort();
    const node = startProcess(NODE_EXPORTER!, [`--web.listen-address=127.0.0.1:${nodePort}`, '--collector.disable-defaults', '--collector.meminfo', '--collector.loadavg', '--collector.uname', '--collector.time']);
    stops.push(() => stopProcess(node));
    await waitHttpOk(`http://127.0.0.1:${nodePort}/metrics`, 'node exporter');

    const config = path.join(dir, 'panoptes.yml');
    await writeFile(
      config,
      `global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['127.0.0.1:${nodePort}']
        labels: { rack: r1 }
`,
    );
    const panoptes = await ServerProcess.start(['--config', config, '--data-dir', dataDir]);
    stops.push(() => panoptes.stop());
    await panoptes.waitReady();
    await sleep(4500);

    const targets = (await (await fetch(`${panoptes.url}/api/v1/targets`)).json()) as {
      status: string;
      data: { activeTargets: { scrapePool: string; health: string; labels: Record<string, string>; scrapeUrl: string; lastError: string }[]; droppedTargets: unknown[] };
    };
    expect(targets.status).toBe('success');
    const pools = Object.fromEntries(targets.data.activeTargets.map((t) => [t.scrapePool, t]));
    expect(pools.node).toMatchObject({ health: 'up', lastError: '', labels: { job: 'node', instance: `127.0.0.1:${nodePort}`, rack: 'r1' }, scrapeUrl: `http://127.0.0.1:${nodePort}/metrics` });
    expect(pools.panoptes).toMatchObject({ health: 'up', labels: { job: 'panoptes' } });
    await panoptes.stop();

    const stored = await readDataDir(dataDir, 0, Date.now() + 60_000);
    const byJob = (job: string): StoredSeries[] => stored.filter((s) => s.labels.job === job);
    for (const job of ['node', 'panoptes']) {
      const series = byJob(job);
      const up = series.find((s) => s.labels.__name__ === 'up')!;
      expect(up.samples.length).toBeGreaterThanOrEqual(2);
      expect(up.samples.every(([, v]) => v === 1)).toBe(true);
      for (const name of SYNTHETIC) expect(series.some((s) => s.labels.__name__ === name), `${job} ${name}`).toBe(true);
      // For each scrape, the stored samples at its timestamp number exactly scrape_samples_scraped.
      const scraped = series.find((s) => s.labels.__name__ === 'scrape_samples_scraped')!;
      for (const [t, n] of scraped.samples) {
        const atT = series.filter((s) => !SYNTHETIC.has(s.labels.__name__!) && s.samples.some(([ts]) => ts === t)).length;
        expect(atT, `${job} scrape at ${t}`).toBe(n);
      }
    }
    const load = byJob('node').find((s) => s.labels.__name__ === 'node_load1')!;
    expect(load.labels).toEqual({ __name__: 'node_load1', instance: `127.0.0.1:${nodePort}`, job: 'node', rack: 'r1' });
    expect(byJob('panoptes').some((s) => s.labels.__name__!.startsWith('panoptes_'))).toBe(true);
  });
});
