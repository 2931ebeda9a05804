/**
 * Replays the calls Grafana's Prometheus data source makes (COMPATIBILITY.md
 * §3.6) against the API on a real socket and checks what Grafana reads from
 * each answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApi } from './test-server.js';

let app: FastifyInstance;
let base: string;
const NOW = 1_700_000_000_000;

beforeAll(async () => {
  const t = await createTestApi({ now: NOW });
  app = t.app;
  for (let ts = NOW - 3_600_000; ts <= NOW; ts += 15_000) {
    for (const instance of ['a:9100', 'b:9100']) {
      t.store.add([{ name: '__name__', value: 'node_cpu_seconds_total' }, { name: 'instance', value: instance }, { name: 'mode', value: 'idle' }], ts, (ts - NOW + 3_600_000) / 1000);
      t.store.add([{ name: '__name__', value: 'up' }, { name: 'instance', value: instance }, { name: 'job', value: 'node' }], ts, 1);
    }
  }
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app.close();
});

async function call(method: 'GET' | 'POST', path: string, params: Record<string, string | string[]>) {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) sp.append(k, x);
  const res =
    method === 'GET'
      ? await fetch(`${base}${path}?${sp}`)
      : await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: sp.toString() });
  const type = res.headers.get('content-type');
  const text = await res.text();
  const json = (type?.startsWith('application/json') ? JSON.parse(text) : {}) as { status: string; data: unknown; errorType?: string };
  return { status: res.status, type, json };
}

const start = String((NOW - 3_600_000) / 1000);
const end = String(NOW / 1000);

describe('Grafana Prometheus data source calls', () => {
  it('save & test: POST query 1+1 at time=4', async () => {
    const r = await call('POST', '/api/v1/query', { query: '1+1', time: '4' });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/json/);
    expect(r.json).toEqual({ status: 'success', data: { resultType: 'scalar', result: [4, '2'] } });
  });

  it('flavor detection: buildinfo has a version and no features', async () => {
    const r = await call('GET', '/api/v1/status/buildinfo', {});
    const data = r.json.data as Record<string, unknown>;
    expect(typeof data.version).toBe('string');
    expect(data.features).toBeUndefined();
  });

  it('panel range query (POST, float seconds, aligned step)', async () => {
    const r = await call('POST', '/api/v1/query_range', { query: 'sum by (instance) (rate(node_cpu_seconds_total[5m]))', start, end, step: '60' });
    expect(r.status).toBe(200);
    const data = r.json.data as { resultType: string; result: { metric: Record<string, string>; values: [number, string][] }[] };
    expect(data.resultType).toBe('matrix');
    expect(data.result.map((s) => s.metric)).toEqual([{ instance: 'a:9100' }, { instance: 'b:9100' }]);
    // The first step's window holds a single sample: no rate there.
    expect(data.result[0]!.values).toHaveLength(60);
    const last = data.result[0]!.values[59]!;
    expect(last[0]).toBe(NOW / 1000);
    expect(Number(last[1])).toBeCloseTo(1, 12);
  });

  it('panel instant query with a timeout parameter', async () => {
    const r = await call('POST', '/api/v1/query', { query: 'up', time: end, timeout: '30s' });
    expect((r.json.data as { result: unknown[] }).result).toHaveLength(2);
  });

  it('exemplars, including the millisecond probe', async () => {
    expect((await call('POST', '/api/v1/query_exemplars', { query: 'up', start, end })).json).toEqual({ status: 'success', data: [] });
    expect((await call('GET', '/api/v1/query_exemplars', { query: 'test', start: String(NOW - 3_600_000), end: String(NOW) })).json.status).toBe('success');
  });

  it('metric list, label names and values with limit=40000', async () => {
    expect((await call('GET', '/api/v1/label/__name__/values', { start, end, limit: '40000' })).json.data).toEqual(['node_cpu_seconds_total', 'up']);
    expect((await call('POST', '/api/v1/labels', { start, end, limit: '40000' })).json.data).toEqual(['__name__', 'instance', 'job', 'mode']);
    expect((await call('GET', '/api/v1/label/instance/values', { start, end, 'match[]': 'up', limit: '40000' })).json.data).toEqual(['a:9100', 'b:9100']);
  });

  it('series with the match-all selector', async () => {
    const r = await call('POST', '/api/v1/series', { 'match[]': '{__name__!=""}', start, end, limit: '40000' });
    expect((r.json.data as unknown[]).length).toBe(4);
  });

  it('metadata: a map', async () => {
    expect((await call('GET', '/api/v1/metadata', {})).json).toEqual({ status: 'success', data: {} });
  });

  it('template variable query_result(q)', async () => {
    const r = await call('POST', '/api/v1/query', { query: 'count by (job) (up)', time: end });
    expect((r.json.data as { result: unknown[] }).result).toEqual([{ metric: { job: 'node' }, value: [NOW / 1000, '2'] }]);
  });

  it('falls back from POST to GET on 405 for GET-only paths', async () => {
    expect((await call('POST', '/api/v1/label/job/values', {})).status).toBe(405);
    expect((await call('GET', '/api/v1/label/job/values', {})).status).toBe(200);
  });

  it('bad query answers the error envelope', async () => {
    const r = await call('POST', '/api/v1/query_range', { query: 'rate(up)', start, end, step: '60' });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ status: 'error', errorType: 'bad_data' });
  });
});
