import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApi } from './test-server.js';
import type { MemoryQueryable } from '../promql/index.js';

let app: FastifyInstance;
let store: MemoryQueryable;

const l = (rec: Record<string, string>) => Object.entries(rec).map(([name, value]) => ({ name, value }));

beforeEach(async () => {
  ({ app, store } = await createTestApi({ now: 1_000_000 }));
  for (let t = 0; t <= 600_000; t += 15_000) {
    store.add(l({ __name__: 'up', job: 'api', instance: 'a' }), t, 1);
    store.add(l({ __name__: 'up', job: 'db', instance: 'b' }), t, 0);
    store.add(l({ __name__: 'http_requests_total', job: 'api' }), t, t / 1000);
  }
});

afterEach(async () => {
  await app.close();
});

async function get(url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.body, json: JSON.parse(res.body) as Record<string, unknown> };
}

async function post(url: string, form: Record<string, string>) {
  const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
  return { status: res.statusCode, body: res.body };
}

describe('/api/v1/query', () => {
  it('answers an instant vector with exact value formatting', async () => {
    const r = await get('/api/v1/query?query=up&time=600');
    expect(r.status).toBe(200);
    expect(r.body).toBe(
      '{"status":"success","data":{"resultType":"vector","result":[' +
        '{"metric":{"__name__":"up","instance":"a","job":"api"},"value":[600,"1"]},' +
        '{"metric":{"__name__":"up","instance":"b","job":"db"},"value":[600,"0"]}]}}',
    );
  });

  it('accepts form-encoded POST and formats scalars like Go', async () => {
    const r = await post('/api/v1/query', { query: '1e-7', time: '4.5' });
    expect(r.body).toBe('{"status":"success","data":{"resultType":"scalar","result":[4.500,"1e-07"]}}');
    expect((await post('/api/v1/query', { query: '1/0', time: '1' })).body).toContain('"+Inf"');
    expect((await post('/api/v1/query', { query: '1+1', time: '4' })).body).toBe('{"status":"success","data":{"resultType":"scalar","result":[4,"2"]}}');
  });

  it('reports parse errors as bad_data with positions', async () => {
    const r = await get('/api/v1/query?query=sum(up');
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:7: parse error: unclosed left parenthesis' });
  });

  it('reports evaluation errors as execution (422)', async () => {
    store.add(l({ __name__: 'a', x: '1' }), 600_000, 1);
    store.add(l({ __name__: 'b', x: '1' }), 600_000, 1);
    const r = await get(`/api/v1/query?query=${encodeURIComponent('abs({x="1"})')}&time=600`);
    expect(r.status).toBe(422);
    expect(r.json.errorType).toBe('execution');
    expect(r.json.error).toBe('vector cannot contain metrics with the same labelset');
  });

  it('reads form bodies with a charset parameter', async () => {
    const res = await app.inject({
      method: 'POST', url: '/api/v1/query',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      payload: 'query=1%2B1&time=4',
    });
    expect(res.body).toBe('{"status":"success","data":{"resultType":"scalar","result":[4,"2"]}}');
  });

  it('adds info annotations', async () => {
    const r = await get(`/api/v1/query?query=${encodeURIComponent('rate(up[5m])')}&time=600`);
    expect(r.json.infos).toEqual(['PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "up" (1:6)']);
  });
});

describe('/api/v1/query_range', () => {
  it('returns a matrix', async () => {
    const r = await get('/api/v1/query_range?query=http_requests_total&start=0&end=60&step=30');
    expect(r.body).toBe('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"http_requests_total","job":"api"},"values":[[0,"0"],[30,"30"],[60,"60"]]}]}}');
  });

  it('turns a scalar into a series without labels', async () => {
    const r = await get('/api/v1/query_range?query=time()&start=0&end=10&step=10');
    expect(r.body).toBe('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[0,"0"],[10,"10"]]}]}}');
  });

  it.each([
    ['query=up&start=10&end=0&step=1', 'end timestamp must not be before start time'],
    ['query=up&start=0&end=10&step=0', 'zero or negative query resolution step widths are not accepted. Try a positive integer'],
    ['query=up&start=0&end=11001&step=1', 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)'],
    ['query=up&start=x&end=10&step=1', 'invalid parameter "start": cannot parse "x" to a valid timestamp'],
    ['query=up&start=0&end=10&step=zz', 'invalid parameter "step": cannot parse "zz" to a valid duration'],
    ['query=up[5m]&start=0&end=10&step=1', 'invalid expression type "range vector" for range query, must be Scalar or instant Vector'],
  ])('rejects %s', async (qs, msg) => {
    const r = await get(`/api/v1/query_range?${qs}`);
    expect(r.json.error).toBe(msg);
    expect(r.status).toBe(msg.startsWith('invalid expression') ? 422 : 400);
  });

  it('accepts 11,000 points and RFC 3339 times', async () => {
    expect((await get('/api/v1/query_range?query=up&start=0&end=11000&step=1')).status).toBe(200);
    const r = await get('/api/v1/query_range?query=up&start=1970-01-01T00:00:00Z&end=1970-01-01T00:01:00.000Z&step=1m');
    expect(r.status).toBe(200);
  });
});

describe('metadata endpoints', () => {
  it('lists series, labels and values', async () => {
    const s = await get('/api/v1/series?match[]=up&start=0&end=1000');
    expect(s.body).toBe('{"status":"success","data":[{"__name__":"up","instance":"a","job":"api"},{"__name__":"up","instance":"b","job":"db"}]}');
    expect((await get('/api/v1/labels')).json.data).toEqual(['__name__', 'instance', 'job']);
    expect((await post('/api/v1/labels', { 'match[]': 'http_requests_total' })).body).toBe('{"status":"success","data":["__name__","job"]}');
    expect((await get('/api/v1/label/job/values')).json.data).toEqual(['api', 'db']);
    expect((await get('/api/v1/label/__name__/values?limit=1')).json).toEqual({ status: 'success', data: ['http_requests_total'], warnings: ['results truncated due to limit'] });
  });

  it('requires match[] on /series and a non-empty matcher', async () => {
    expect((await get('/api/v1/series')).json).toEqual({ status: 'error', errorType: 'bad_data', error: 'no match[] parameter provided' });
    const r = await get(`/api/v1/series?match[]=${encodeURIComponent('{a=~".*"}')}`);
    expect(r.status).toBe(400);
  });

  it('decodes U__-escaped label names', async () => {
    store.add(l({ __name__: 'x', 'http.status': '200' }), 0, 1);
    expect((await get('/api/v1/label/U__http_2e_status/values')).json.data).toEqual(['200']);
  });

  it('answers 405 to POST on GET-only paths', async () => {
    expect((await post('/api/v1/label/job/values', {})).status).toBe(405);
    expect((await post('/api/v1/metadata', {})).status).toBe(405);
  });
});

describe('status endpoints', () => {
  it('serves buildinfo without features, flags and config', async () => {
    const b = await get('/api/v1/status/buildinfo');
    expect(b.json.data).toMatchObject({ version: '0.1.0' });
    expect((b.json.data as Record<string, unknown>).features).toBeUndefined();
    expect((await get('/api/v1/status/config')).json.data).toEqual({ yaml: 'global: {}\n' });
    expect((await get('/api/v1/status/tsdb')).json.data).toMatchObject({ headStats: { numSeries: 0 } });
  });

  it('formats queries', async () => {
    expect((await get(`/api/v1/format_query?query=${encodeURIComponent('sum(rate(x[5m]))by(job)')}`)).json.data).toBe('sum by (job) (rate(x[5m]))');
  });
});

describe('limits and bad input', () => {
  it('maps the max-samples limit to execution (422)', async () => {
    const small = await createTestApi({ now: 1_000_000, limits: { maxSamples: 2 } });
    for (let t = 0; t <= 60_000; t += 15_000) small.store.add(l({ __name__: 'x', a: '1' }), t, 1);
    const res = await small.app.inject({ method: 'GET', url: '/api/v1/query?query=x%5B1m%5D&time=60' });
    expect(res.statusCode).toBe(422);
    expect(JSON.parse(res.body)).toEqual({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory in query execution' });
    await small.app.close();
  });

  it('answers absurdly nested queries with bad_data instead of crashing', async () => {
    const q = `${'('.repeat(50_000)}1${')'.repeat(50_000)}`;
    const r = await post('/api/v1/query', { query: q, time: '1' });
    expect(r.status).toBe(400);
  });

  it('rejects a bad time and a bad timeout', async () => {
    expect((await get('/api/v1/query?query=1&time=yesterday')).json.error).toBe('invalid parameter "time": cannot parse "yesterday" to a valid timestamp');
    expect((await get('/api/v1/query?query=1&timeout=soon')).json.error).toBe('invalid parameter "timeout": cannot parse "soon" to a valid duration');
  });
});

describe('queries over one keep-alive connection', () => {
  it('leave no listeners behind on the socket', async () => {
    const sockets: import('node:net').Socket[] = [];
    app.server.on('connection', (s) => sockets.push(s));
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const { Agent, request } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const query = (path: string) =>
      new Promise<number>((resolve, reject) => {
        request(`${address}${path}`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        }).on('error', reject).end();
      });
    for (let i = 0; i < 30; i++) {
      expect(await query('/api/v1/query?query=up&time=600')).toBe(200);
      expect(await query('/api/v1/query_range?query=up&start=0&end=600&step=60')).toBe(200);
    }
    agent.destroy();
    expect(sockets).toHaveLength(1);
    // Node and Fastify keep a few of their own; one per query would be 60.
    expect(sockets[0]!.listenerCount('close')).toBeLessThan(5);
  });
});
