import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess } from '../helpers/server-process.js';
import { findBinary, freePort, sleep, startProcess, stopProcess, waitHttpOk } from '../ingest/helpers.js';

/**
 * A real Prometheus federates from Panoptes: Panoptes scrapes itself every
 * second, Prometheus scrapes Panoptes' /federate with match[] and
 * honor_labels, and ends up with the same series, external label included.
 * Needs `apt-get install prometheus`; skipped otherwise.
 */
const PROMETHEUS = findBinary(['prometheus']);
if (!PROMETHEUS) console.warn('skipping federation test: install the Debian package prometheus');

describe.skipIf(!PROMETHEUS)('Prometheus federating from Panoptes', () => {
  const stops: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  });

  it('pulls matching series through /federate', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-fed-'));
    await writeFile(path.join(dir, 'panoptes.yml'), 'global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  external_labels: { replica: p1 }\n');
    const panoptes = await ServerProcess.start(['--config', path.join(dir, 'panoptes.yml'), '--data-dir', path.join(dir, 'data')]);
    stops.push(() => panoptes.stop());
    await panoptes.waitReady();
    await sleep(2500);

    const direct = await (await fetch(`${panoptes.url}/federate?match[]=${encodeURIComponent('{job="panoptes",__name__=~"up|scrape_.*"}')}`)).text();
    expect(direct).toMatch(/^# TYPE up untyped$/m);
    expect(direct).toMatch(new RegExp(`^up\\{instance="${panoptes.url.slice(7).replace(/\./g, '\\.')}",job="panoptes",replica="p1"\\} 1 \\d+$`, 'm'));

    const promPort = await freePort();
    const target = panoptes.url.replace('http://', '');
    await writeFile(
      path.join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: federate\n    honor_labels: true\n    metrics_path: /federate\n    params:\n      'match[]': ['{job="panoptes"}']\n    static_configs: [{ targets: ['${target}'] }]\n`,
    );
    const prom = startProcess(PROMETHEUS!, [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'prom-data')}`, `--web.listen-address=127.0.0.1:${promPort}`]);
    stops.push(() => stopProcess(prom));
    await waitHttpOk(`http://127.0.0.1:${promPort}/-/ready`, 'prometheus');
    let result: { metric: Record<string, string> }[] = [];
    for (let i = 0; i < 60 && result.length === 0; i++) {
      await sleep(500);
      const r = (await (await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent('up{job="panoptes"}')}`)).json()) as { data: { result: { metric: Record<string, string> }[] } };
      result = r.data.result;
    }
    expect(result.map((r) => r.metric)).toEqual([{ __name__: 'up', instance: target, job: 'panoptes', replica: 'p1' }]);
    const fedUp = (await (await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent('up{job="federate"}')}`)).json()) as { data: { result: { value: [number, string] }[] } };
    expect(fedUp.data.result[0]?.value[1]).toBe('1');
  });
});
