/**
 * Grafana's Prometheus data source calls (COMPATIBILITY.md §3.6) replayed
 * against a real Panoptes server: real storage on disk, samples arriving by
 * remote write, HTTP on loopback.
 */
import { Writable } from 'node:stream';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiArea } from '../../core/src/api/area.js';
import { ingestArea } from '../../core/src/ingest/area.js';
import { encodeWriteRequest, snappyCompress, type TestSeries } from '../../core/src/ingest/testing/remote-write-encoder.js';
import { startServer, type RunningServer } from '../../core/src/server/run-server.js';
import { tempDir } from '../helpers/server-process.js';

const quiet = new Writable({ write: (_c, _e, cb) => cb() });
let server: RunningServer;
let base: string;
// Whole minutes, recent enough for any retention.
const NOW = Math.floor(Date.now() / 60_000) * 60_000;
const START = NOW - 3_600_000;

beforeAll(async () => {
  const dataDir = path.join(await tempDir('panoptes-grafana-'), 'data');
  server = await startServer({
    listen: '127.0.0.1:0', dataDir, logDestination: quiet,
    areas: [{ name: 'ingest', area: ingestArea }, { name: 'api', area: apiArea }],
  });
  await server.ready;
  base = `http://${server.address}`;
  const series: TestSeries[] = [];
  for (const instance of ['a:9100', 'b:9100']) {
    const cpu: [number, number][] = [];
    const up: [number, number][] = [];
    for (let t = START; t <= NOW; t += 15_000) {
      cpu.push([t, (t - START) / 1000]);
      up.push([t, 1]);
    }
    series.push({ labels: { __name__: 'node_cpu_seconds_total', instance, mode: 'idle', job: 'node' }, samples: cpu });
    series.push({ labels: { __name__: 'up', instance, job: 'node' }, samples: up });
  }
  const res = await fetch(`${base}/api/v1/write`, {
    method: 'POST',
    headers: { 'content-encoding': 'snappy', 'content-type': 'application/x-protobuf', 'x-prometheus-remote-write-version': '0.1.0' },
    body: snappyCompress(encodeWriteRequest(series)),
  });
  expect(res.status).toBeLessThan(300);
});

afterAll(async () => {
  await server?.close();
});

async function call(method: 'GET' | 'POST', p: string, params: Record<string, string>) {
  const sp = new URLSearchParams(params);
  const res =
    method === 'GET'
      ? await fetch(`${base}${p}?${sp}`)
      : await fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: sp.toString() });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, json: (type.startsWith('application/json') ? await res.json() : {}) as { status: string; data: any; errorType?: string } };
}

const start = String(START / 1000);
const end = String(NOW / 1000);

describe('Grafana against a running server', () => {
  it('save & test, buildinfo', async () => {
    expect((await call('POST', '/api/v1/query', { query: '1+1', time: '4' })).json).toEqual({ status: 'success', data: { resultType: 'scalar', result: [4, '2'] } });
    const b = await call('GET', '/api/v1/status/buildinfo', {});
    expect(typeof b.json.data.version).toBe('string');
    expect(b.json.data.features).toBeUndefined();
  });

  it('panel range and instant queries over stored samples', async () => {
    const r = await call('POST', '/api/v1/query_range', { query: 'sum by (instance) (rate(node_cpu_seconds_total[5m]))', start, end, step: '60' });
    expect(r.status).toBe(200);
    expect(r.json.data.result.map((s: { metric: unknown }) => s.metric)).toEqual([{ instance: 'a:9100' }, { instance: 'b:9100' }]);
    const last = r.json.data.result[0].values.at(-1);
    expect(last[0]).toBe(NOW / 1000);
    expect(Number(last[1])).toBeCloseTo(1, 9);
    const i = await call('POST', '/api/v1/query', { query: 'count by (job) (up)', time: end });
    expect(i.json.data.result).toEqual([{ metric: { job: 'node' }, value: [NOW / 1000, '2'] }]);
  });

  it('metric names, labels, values and series', async () => {
    expect((await call('GET', '/api/v1/label/__name__/values', { start, end, limit: '40000' })).json.data).toEqual(['node_cpu_seconds_total', 'up']);
    expect((await call('POST', '/api/v1/labels', { start, end, limit: '40000' })).json.data).toEqual(['__name__', 'instance', 'job', 'mode']);
    expect((await call('GET', '/api/v1/label/instance/values', { start, end, 'match[]': 'up' })).json.data).toEqual(['a:9100', 'b:9100']);
    expect((await call('POST', '/api/v1/series', { 'match[]': '{__name__!=""}', start, end })).json.data).toHaveLength(4);
  });

  it('status endpoints, tsdb cardinality from storage', async () => {
    const t = await call('GET', '/api/v1/status/tsdb', {});
    expect(t.status).toBe(200);
    expect(t.json.data.headStats.numSeries).toBe(4);
    expect(t.json.data.seriesCountByMetricName).toEqual(expect.arrayContaining([{ name: 'up', value: 2 }]));
    expect((await call('GET', '/api/v1/status/runtimeinfo', {})).json.data.storageRetention).toBeTypeOf('string');
    expect((await call('GET', '/api/v1/status/config', {})).json.data.yaml).toBeTypeOf('string');
    expect((await call('GET', '/api/v1/status/flags', {})).json.status).toBe('success');
  });

  it('metadata, exemplars and the 405 fallback', async () => {
    expect((await call('GET', '/api/v1/metadata', {})).json.status).toBe('success');
    expect((await call('POST', '/api/v1/query_exemplars', { query: 'up', start, end })).json).toEqual({ status: 'success', data: [] });
    expect((await call('POST', '/api/v1/label/job/values', {})).status).toBe(405);
  });
});
