import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess } from '../helpers/server-process.js';
import { findBinary, freePort, readDataDir, seriesKey, sleep, startProcess, stopProcess, waitHttpOk } from './helpers.js';

/**
 * A real Prometheus (Debian's `prometheus`) scrapes itself and a
 * node exporter every second and remote-writes to Panoptes. Afterwards
 * every sample Prometheus holds up to a cut-off time must be in Panoptes'
 * data directory: same series, same timestamps, same values.
 * Needs `apt-get install prometheus prometheus-node-exporter`; skipped otherwise.
 */
const PROMETHEUS = findBinary(['prometheus']);
const NODE_EXPORTER = findBinary(['prometheus-node-exporter', 'node_exporter']);
if (!PROMETHEUS || !NODE_EXPORTER) console.warn('skipping remote write integration test: install Debian packages prometheus and prometheus-node-exporter');

interface MatrixEntry {
  metric: Record<string, string>;
  values: [number, string][];
}

describe.skipIf(!PROMETHEUS || !NODE_EXPORTER)('Prometheus remote write into Panoptes', () => {
  const stops: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  });

  it('stores every sample Prometheus scraped', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-rw-'));
    const dataDir = path.join(dir, 'data');
    const panoptesConfig = path.join(dir, 'panoptes.yml');
    await writeFile(panoptesConfig, 'server:\n  self_monitoring: false\n');
    const panoptes = await ServerProcess.start(['--config', panoptesConfig, '--data-dir', dataDir]);
    stops.push(() => panoptes.stop());
    await panoptes.waitReady();

    const nodePort = await freePort();
    const node = startProcess(NODE_EXPORTER!, [`--web.listen-address=127.0.0.1:${nodePort}`, '--collector.disable-defaults', '--collector.cpu', '--collector.meminfo', '--collector.loadavg', '--collector.netdev']);
    stops.push(() => stopProcess(node));
    await waitHttpOk(`http://127.0.0.1:${nodePort}/metrics`, 'node exporter');

    const promPort = await freePort();
    const promUrl = `http://127.0.0.1:${promPort}`;
    await writeFile(
      path.join(dir, 'prometheus.yml'),
      `global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: prometheus
    static_configs: [{ targets: ['127.0.0.1:${promPort}'] }]
  - job_name: node
    static_configs: [{ targets: ['127.0.0.1:${nodePort}'] }]
remote_write:
  - url: ${panoptes.url}/api/v1/write
    queue_config: { batch_send_deadline: 1s, min_backoff: 30ms, max_backoff: 200ms }
    metadata_config: { send_interval: 1s }
`,
    );
    const prom = startProcess(PROMETHEUS!, [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'prom-data')}`, `--web.listen-address=127.0.0.1:${promPort}`]);
    stops.push(() => stopProcess(prom));
    await waitHttpOk(`${promUrl}/-/ready`, 'prometheus');
    // Prometheus applies discovered targets after about 5 s, then scrapes every second.
    await sleep(14000);

    // Everything up to the cut-off had seconds to be sent (batch_send_deadline 1s).
    const cutoff = Math.floor(Date.now() / 1000) - 3;
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent('{__name__=~".+"}[10m]')}&time=${cutoff}`);
    const body = (await res.json()) as { status: string; data: { result: MatrixEntry[] } };
    expect(body.status).toBe('success');
    const expected = body.data.result;
    await sleep(4000);
    await stopProcess(prom);
    await panoptes.stop();

    const stored = await readDataDir(dataDir, (cutoff - 600) * 1000 + 1, cutoff * 1000);
    const byKey = new Map(stored.map((s) => [seriesKey(s.labels), s]));
    let expectedSamples = 0;
    let storedSamples = 0;
    const missing: string[] = [];
    const different: string[] = [];
    for (const e of expected) {
      expectedSamples += e.values.length;
      const s = byKey.get(seriesKey(e.metric));
      if (!s) {
        missing.push(seriesKey(e.metric));
        continue;
      }
      storedSamples += s.samples.length;
      const want = e.values.map(([t, v]) => `${Math.round(t * 1000)}:${Number(v)}`).join(' ');
      const got = s.samples.map(([t, v]) => `${t}:${v}`).join(' ');
      if (want !== got) different.push(`${seriesKey(e.metric)}\n  prometheus: ${want.slice(0, 200)}\n  panoptes:   ${got.slice(0, 200)}`);
    }
    expect(expected.length).toBeGreaterThan(100);
    expect(missing.slice(0, 5)).toEqual([]);
    expect(different.slice(0, 3)).toEqual([]);
    expect(storedSamples).toBe(expectedSamples);
    console.log(`remote write: ${expected.length} series, ${expectedSamples} samples compared, all present in Panoptes`);
  });
});
