import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createIngestArea } from '../area.js';
import { parseConfig } from '../../config/index.js';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from '../limits.js';
import { ingestStoresFor } from '../shared-stores.js';
import { createTestAreaContext, type TestAreaContext } from '../testing/area-context.js';
import { MemoryStorage } from '../testing/memory-storage.js';
import { encodeWriteRequest, encodeWriteRequestV2, snappyCompress, type TestSeries } from '../testing/remote-write-encoder.js';

const V1 = { 'content-type': 'application/x-protobuf', 'content-encoding': 'snappy', 'x-prometheus-remote-write-version': '0.1.0' };
const V2 = { 'content-type': 'application/x-protobuf;proto=io.prometheus.write.v2.Request', 'content-encoding': 'snappy', 'x-prometheus-remote-write-version': '2.0.0' };

let app: FastifyInstance;
let storage: MemoryStorage;
let ctx: TestAreaContext;

async function start(limits: Partial<IngestLimits> = {}): Promise<void> {
  storage = new MemoryStorage();
  ctx = createTestAreaContext(storage);
  app = Fastify();
  await app.register(async (scope) => createIngestArea({ limits: { ...DEFAULT_INGEST_LIMITS, ...limits } })(scope, ctx));
  await app.ready();
}

afterEach(async () => app?.close());

function post(series: TestSeries[], headers = V1, path = '/api/v1/write') {
  const body = headers === V2 ? encodeWriteRequestV2(series) : encodeWriteRequest(series);
  return app.inject({ method: 'POST', url: path, headers, payload: snappyCompress(body) });
}

describe('remote write 1.0', () => {
  it('stores samples, answers 204 with the written counts, and reuses series', async () => {
    await start();
    const s = (i: number): TestSeries => ({ labels: { __name__: 'up', job: 'node', instance: `h${i}` }, samples: [[1000, i], [2000, i + 0.5]] });
    const res = await post([s(1), s(2)]);
    expect(res.statusCode).toBe(204);
    expect(res.headers['x-prometheus-remote-write-samples-written']).toBe('4');
    const again = await post([s(1)], V1, '/api/v1/push');
    expect(again.statusCode).toBe(204);
    expect(storage.series).toHaveLength(2);
    expect(storage.find({ __name__: 'up', job: 'node', instance: 'h1' })?.values).toEqual([1, 1.5, 1, 1.5]);
    expect(storage.find({ __name__: 'up', job: 'node', instance: 'h1' })?.timestamps).toEqual([1000, 2000, 1000, 2000]);
  });

  it('re-creates a series storage dropped after retention, though its reference is cached', async () => {
    await start();
    const s: TestSeries = { labels: { __name__: 'up', job: 'node' }, samples: [[1000, 1]] };
    expect((await post([s])).statusCode).toBe(204);
    storage.dropAllSeries();
    const again = await post([{ ...s, samples: [[2000, 2]] }]);
    expect(again.statusCode).toBe(204);
    expect(storage.series).toHaveLength(2);
    expect(storage.series[1]).toMatchObject({ timestamps: [2000], values: [2] });
  });

  it('keeps stale markers and negative timestamps bit for bit', async () => {
    await start();
    // protobufjs quiets signalling NaNs while encoding, so write a placeholder and patch its 8 bytes.
    const placeholder = 12345.678;
    const raw = Buffer.from(encodeWriteRequest([{ labels: { __name__: 'x' }, samples: [[-5000, placeholder]] }]));
    const at = raw.indexOf(Buffer.from(new Float64Array([placeholder]).buffer));
    raw.writeBigUInt64LE(0x7ff0000000000002n, at);
    const res = await app.inject({ method: 'POST', url: '/api/v1/write', headers: V1, payload: snappyCompress(raw) });
    expect(res.statusCode).toBe(204);
    const stored = storage.find({ __name__: 'x' })!;
    expect(stored.timestamps).toEqual([-5000]);
    expect(stored.valueBits[0]).toBe(0x7ff0000000000002n);
  });

  it('sorts unsorted labels and drops empty values', async () => {
    await start();
    const res = await post([{ labels: { zeta: 'z', __name__: 'm', alpha: 'a', empty: '' }, samples: [[1, 1]] }]);
    expect(res.statusCode).toBe(204);
    expect(storage.series[0]!.labels.map((l) => l.name)).toEqual(['__name__', 'alpha', 'zeta']);
  });

  it.each([
    [{ labels: { job: 'x' } }, /missing metric name/],
    [{ labels: { __name__: '1bad' } }, /metric name "1bad" is not valid/],
    [{ labels: { __name__: 'm', 'bad-name': 'x' } }, /label name "bad-name" is not valid/],
    [{ labels: { __name__: 'm', a: 'x'.repeat(5000) } }, /value of label "a" is 5000 bytes, over the limit of 4096/],
  ])('rejects an invalid series with 400 and keeps the valid ones (%#)', async (bad, message) => {
    await start();
    const res = await post([{ labels: { __name__: 'ok' }, samples: [[1, 1]] }, { ...bad, samples: [[1, 1]] }]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(message);
    expect(res.body).toMatch(/rejected 1 series \(1 samples\), accepted 1 samples/);
    expect(storage.find({ __name__: 'ok' })?.values).toEqual([1]);
  });

  it('rejects duplicate label names', async () => {
    await start();
    // Duplicates cannot be written through an object; build two identical label entries by hand.
    const body = encodeWriteRequest([{ labels: { __name__: 'm', a: '1' }, samples: [[1, 1]] }]);
    const dup = Buffer.from(body);
    // Label a="1" is the last label; append it once more inside the TimeSeries by re-encoding.
    const labelBytes = Buffer.from([0x0a, 0x06, 0x0a, 0x01, 0x61, 0x12, 0x01, 0x31]);
    const ts = Buffer.concat([dup.subarray(2), labelBytes]);
    const req = Buffer.concat([Buffer.from([0x0a, ts.length]), ts]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/write', headers: V1, payload: snappyCompress(req) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/duplicate label name "a"/);
  });

  it('enforces labels per series and series per request', async () => {
    await start({ maxLabelsPerSeries: 2, maxSeriesPerRequest: 2 });
    let res = await post([{ labels: { __name__: 'm', a: '1', b: '2' }, samples: [[1, 1]] }]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/3 labels, over the limit of 2 \(max_labels_per_series\)/);
    res = await post([1, 2, 3].map((i) => ({ labels: { __name__: 'm', i: String(i) }, samples: [[1, 1]] })));
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/3 series, over the limit of 2 \(max_series_per_request\)/);
    expect(storage.series).toHaveLength(0);
  });

  it('enforces body and decompressed sizes', async () => {
    await start({ maxBodyBytes: 100, maxDecompressedBytes: 1000 });
    const big = Array.from({ length: 50 }, (_, i) => ({ labels: { __name__: 'm', i: `value-${i}` }, samples: [[1, 1]] as [number, number][] }));
    const res = await post(big);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/over the limit of 100 bytes \(max_body_bytes\)/);
    const bomb = Buffer.from([0xff, 0xff, 0xff, 0x7f, 0x00, 0x41]);
    const res2 = await app.inject({ method: 'POST', url: '/api/v1/write', headers: V1, payload: bomb });
    expect(res2.statusCode).toBe(400);
    expect(res2.body).toMatch(/decompressed body would be 268435455 bytes, over the limit of 1000 bytes/);
  });

  it('answers 400 to garbage and 415 to wrong encodings', async () => {
    await start();
    let res = await app.inject({ method: 'POST', url: '/api/v1/write', headers: V1, payload: snappyCompress(Buffer.from([0x0a, 0x50, 0x01])) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/protobuf/);
    res = await app.inject({ method: 'POST', url: '/api/v1/write', headers: { ...V1, 'content-encoding': 'gzip' }, payload: Buffer.from('x') });
    expect(res.statusCode).toBe(415);
    res = await app.inject({ method: 'POST', url: '/api/v1/write', headers: { ...V1, 'content-type': 'application/x-protobuf;proto=foo.Bar' }, payload: Buffer.from('x') });
    expect(res.statusCode).toBe(415);
    expect(res.body).toMatch(/unsupported remote write message "foo.Bar"/);
  });

  it('rejects native histograms with 400 and answers 503 when the WAL fails', async () => {
    await start();
    let res = await post([{ labels: { __name__: 'h' }, histograms: 1 }]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/native histograms are not supported/);
    storage.failCommits = true;
    res = await post([{ labels: { __name__: 'm' }, samples: [[1, 1]] }]);
    expect(res.statusCode).toBe(503);
    storage.failCommits = false;
    res = await post([{ labels: { __name__: 'm' }, samples: [[1, 1]] }]);
    expect(res.statusCode).toBe(204);
    expect(storage.find({ __name__: 'm' })?.values).toEqual([1]);
  });

  it('stores metadata and exemplars for the API', async () => {
    await start();
    const body = encodeWriteRequest(
      [{ labels: { __name__: 'req_total' }, samples: [[5, 1]], exemplars: [{ labels: { trace_id: 'abc' }, value: 0.5, timestamp: 5 }] }],
      [{ type: 1, name: 'req_total', help: 'Requests.', unit: '' }],
    );
    const res = await app.inject({ method: 'POST', url: '/api/v1/write', headers: V1, payload: snappyCompress(body) });
    expect(res.statusCode).toBe(204);
    expect(res.headers['x-prometheus-remote-write-exemplars-written']).toBe('1');
    const stores = ingestStoresFor(ctx);
    expect(stores.metadata.query()).toEqual({ req_total: [{ type: 'counter', help: 'Requests.', unit: '' }] });
    const ex = stores.exemplars.query(0, 10, () => true);
    expect(ex).toHaveLength(1);
    expect(ex[0]!.labels).toEqual([{ name: 'trace_id', value: 'abc' }]);
    // A metadata-only request (what Prometheus sends every minute) is fine.
    const metaOnly = encodeWriteRequest([], [{ type: 2, name: 'temp', help: 'Temperature.', unit: 'celsius' }]);
    expect((await app.inject({ method: 'POST', url: '/api/v1/write', headers: V1, payload: snappyCompress(metaOnly) })).statusCode).toBe(204);
    expect(stores.metadata.query({ metric: 'temp' }).temp).toEqual([{ type: 'gauge', help: 'Temperature.', unit: 'celsius' }]);
  });
});

describe('limits from the config', () => {
  it('reads ingest.limits and follows reloads', async () => {
    storage = new MemoryStorage();
    const cfg = (n: number) => parseConfig(`ingest:\n  limits:\n    max_series_per_request: ${n}\n`, { file: 'p.yml', baseDir: '/', env: {} });
    ctx = createTestAreaContext(storage, cfg(1));
    app = Fastify();
    await app.register(async (scope) => createIngestArea()(scope, ctx));
    await app.ready();
    const two = [1, 2].map((i) => ({ labels: { __name__: 'm', i: String(i) }, samples: [[1, 1]] as [number, number][] }));
    let res = await post(two);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/over the limit of 1 \(max_series_per_request\)/);
    ctx.setConfig(cfg(10));
    for (const apply of ctx.hooks.apply) await apply(ctx.config());
    res = await post(two);
    expect(res.statusCode).toBe(204);
  });
});

describe('remote write 2.0', () => {
  it('decodes symbols, samples, metadata and exemplars', async () => {
    await start();
    const series: TestSeries[] = [
      { labels: { __name__: 'http_requests_total', job: 'api' }, samples: [[10, 1], [20, 2]], exemplars: [{ labels: { trace_id: 't1' }, value: 1, timestamp: 20 }] },
      { labels: { __name__: 'http_requests_total', job: 'web' }, samples: [[10, 3]] },
    ];
    const body = encodeWriteRequestV2(series, { type: 1, help: 'Requests.', unit: '' });
    const res = await app.inject({ method: 'POST', url: '/api/v1/write', headers: V2, payload: snappyCompress(body) });
    expect(res.statusCode).toBe(204);
    expect(res.headers['x-prometheus-remote-write-samples-written']).toBe('3');
    expect(res.headers['x-prometheus-remote-write-exemplars-written']).toBe('1');
    expect(storage.find({ __name__: 'http_requests_total', job: 'api' })?.values).toEqual([1, 2]);
    expect(ingestStoresFor(ctx).metadata.query().http_requests_total).toEqual([{ type: 'counter', help: 'Requests.', unit: '' }]);
  });

  it('rejects out-of-range symbol references', async () => {
    await start();
    // Request{symbols:[""], timeseries:[{labels_refs:[1,2]}]}
    const req = Buffer.from([0x22, 0x00, 0x2a, 0x04, 0x0a, 0x02, 0x01, 0x02]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/write', headers: V2, payload: snappyCompress(req) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/symbol reference 1 out of range/);
  });
});
