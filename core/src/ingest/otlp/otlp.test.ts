import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { createIngestArea } from '../area.js';
import { DEFAULT_INGEST_LIMITS } from '../limits.js';
import { ingestStoresFor } from '../shared-stores.js';
import { createTestAreaContext, type TestAreaContext } from '../testing/area-context.js';
import { MemoryStorage } from '../testing/memory-storage.js';
import { prometheusMetricName, unitSuffix } from './otlp-names.js';
import { ExportMetricsServiceRequest } from './otlp-proto.js';

let app: FastifyInstance | undefined;
let ctx: TestAreaContext;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(storage: MemoryStorage, listen = false): Promise<string> {
  ctx = createTestAreaContext(storage);
  app = Fastify();
  await app.register(async (scope) => createIngestArea({ limits: { ...DEFAULT_INGEST_LIMITS, nameValidation: 'utf8' } })(scope, ctx));
  if (!listen) {
    await app.ready();
    return '';
  }
  return app.listen({ host: '127.0.0.1', port: 0 });
}

describe('OTLP names', () => {
  it.each([
    ['http.server.request.duration', 's', 'histogram', 'http_server_request_duration_seconds'],
    ['http.server.requests', '{request}', 'counter', 'http_server_requests_total'],
    ['system.memory.usage', 'By', 'gauge', 'system_memory_usage_bytes'],
    ['cpu.utilization', '1', 'gauge', 'cpu_utilization_ratio'],
    ['net.io', 'By/s', 'gauge', 'net_io_bytes_per_second'],
    ['jobs_total', '', 'counter', 'jobs_total'],
    ['queue.length', '{item}', 'updown', 'queue_length'],
  ] as const)('%s [%s] as %s → %s', (name, unit, kind, want) => {
    expect(prometheusMetricName(name, unit, kind)).toBe(want);
  });
  it('drops annotations from units', () => expect(unitSuffix('{packets}/s')).toBe('per_second'));
});

describe('POST /v1/metrics', () => {
  const request = {
    resourceMetrics: [
      {
        resource: { attributes: [
          { key: 'service.name', value: { stringValue: 'checkout' } },
          { key: 'service.namespace', value: { stringValue: 'shop' } },
          { key: 'service.instance.id', value: { stringValue: 'pod-1' } },
          { key: 'host.name', value: { stringValue: 'node-7' } },
        ] },
        scopeMetrics: [
          {
            scope: { name: 'my-lib', version: '1.2.0' },
            metrics: [
              { name: 'orders.placed', unit: '{order}', description: 'Orders.', sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [
                { attributes: [{ key: 'payment.method', value: { stringValue: 'card' } }], timeUnixNano: '1700000000000000000', asInt: '42',
                  exemplars: [{ timeUnixNano: '1700000000000000000', asDouble: 1, traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174' }] },
              ] } },
              { name: 'latency', unit: 'ms', histogram: { aggregationTemporality: 2, dataPoints: [
                { timeUnixNano: '1700000000000000000', count: '6', sum: 30.5, bucketCounts: ['1', '2', '3'], explicitBounds: [5, 10] },
              ] } },
              { name: 'temp', unit: 'Cel', gauge: { dataPoints: [{ timeUnixNano: '1700000000000000000', asDouble: 21.5 }] } },
              { name: 'deltas', sum: { aggregationTemporality: 1, isMonotonic: true, dataPoints: [{ timeUnixNano: '1700000000000000000', asInt: '1' }] } },
            ],
          },
        ],
      },
    ],
  };
  const base = { job: 'shop/checkout', instance: 'pod-1', otel_scope_name: 'my-lib', otel_scope_version: '1.2.0' };

  it('maps JSON to Prometheus series, with target_info, metadata, exemplars and partial success', async () => {
    const storage = new MemoryStorage();
    await start(storage);
    const res = await app!.inject({ method: 'POST', url: '/v1/metrics', payload: request });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ partialSuccess: { rejectedDataPoints: '1', errorMessage: expect.stringMatching(/metric deltas: delta temporality is not supported/) } });
    const t = 1700000000000;
    expect(storage.find({ __name__: 'orders_placed_total', ...base, payment_method: 'card' })).toMatchObject({ timestamps: [t], values: [42] });
    expect(storage.find({ __name__: 'latency_milliseconds_bucket', ...base, le: '5' })?.values).toEqual([1]);
    expect(storage.find({ __name__: 'latency_milliseconds_bucket', ...base, le: '10' })?.values).toEqual([3]);
    expect(storage.find({ __name__: 'latency_milliseconds_bucket', ...base, le: '+Inf' })?.values).toEqual([6]);
    expect(storage.find({ __name__: 'latency_milliseconds_sum', ...base })?.values).toEqual([30.5]);
    expect(storage.find({ __name__: 'latency_milliseconds_count', ...base })?.values).toEqual([6]);
    expect(storage.find({ __name__: 'temp_celsius', ...base })?.values).toEqual([21.5]);
    expect(storage.find({ __name__: 'target_info', job: 'shop/checkout', instance: 'pod-1', host_name: 'node-7' })).toMatchObject({ timestamps: [t], values: [1] });
    const stores = ingestStoresFor(ctx);
    expect(stores.metadata.query().orders_placed).toEqual([{ type: 'counter', help: 'Orders.', unit: '{order}' }]);
    expect(stores.exemplars.query(0, Infinity, () => true)[0]?.labels).toEqual([
      { name: 'trace_id', value: '5b8efff798038103d269b633813fc60c' },
      { name: 'span_id', value: 'eee19b7ec3c1b174' },
    ]);
  });

  it('maps summaries, writes a stale marker for NO_RECORDED_VALUE, and reports exponential histograms', async () => {
    const storage = new MemoryStorage();
    await start(storage);
    const body = {
      resourceMetrics: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeMetrics: [{ metrics: [
        { name: 'rpc.latency', unit: 's', summary: { dataPoints: [{ timeUnixNano: '1700000000000000000', count: '4', sum: 2, quantileValues: [{ quantile: 0.5, value: 0.4 }, { quantile: 0.99, value: 1.1 }] }] } },
        { name: 'gone', gauge: { dataPoints: [{ timeUnixNano: '1700000000000000000', flags: 1 }] } },
        { name: 'exp', exponentialHistogram: { aggregationTemporality: 2, dataPoints: [{ timeUnixNano: '1' }, { timeUnixNano: '2' }] } },
      ] }] }],
    };
    const res = await app!.inject({ method: 'POST', url: '/v1/metrics', payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.json().partialSuccess).toEqual({ rejectedDataPoints: '2', errorMessage: 'metric exp: exponential histograms are not supported' });
    expect(storage.find({ __name__: 'rpc_latency_seconds', job: 'svc', quantile: '0.99' })?.values).toEqual([1.1]);
    expect(storage.find({ __name__: 'rpc_latency_seconds_count', job: 'svc' })?.values).toEqual([4]);
    expect(storage.find({ __name__: 'gone', job: 'svc' })?.valueBits).toEqual([0x7ff0000000000002n]);
  });

  it('reads protobuf, gzip, and answers in the request encoding', async () => {
    const storage = new MemoryStorage();
    await start(storage);
    const msg = ExportMetricsServiceRequest.fromObject({
      resourceMetrics: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeMetrics: [{ metrics: [{ name: 'g', gauge: { dataPoints: [{ timeUnixNano: 1700000000000000000, asDouble: 2 }] } }] }] }],
    });
    const bytes = ExportMetricsServiceRequest.encode(msg).finish();
    const res = await app!.inject({ method: 'POST', url: '/api/v1/otlp/v1/metrics', headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' }, payload: gzipSync(bytes) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    expect(res.rawPayload.length).toBe(0);
    expect(storage.find({ __name__: 'g', job: 'svc' })?.values).toEqual([2]);
    const bad = await app!.inject({ method: 'POST', url: '/v1/metrics', headers: { 'content-type': 'application/x-protobuf' }, payload: Buffer.from([0x0a, 0xff, 0x01]) });
    expect(bad.statusCode).toBe(400);
    const badJson = await app!.inject({ method: 'POST', url: '/v1/metrics', headers: { 'content-type': 'application/json' }, payload: '{"resourceMetrics":' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ code: 3 });
  });

  it.each([
    ['JSON', (url: string) => new JsonExporter({ url })],
    ['protobuf', (url: string) => new ProtoExporter({ url })],
  ] as const)('takes what the OpenTelemetry SDK exporter sends (%s)', async (_kind, makeExporter) => {
    const storage = new MemoryStorage();
    const address = await start(storage, true);
    const exporter: PushMetricExporter = makeExporter(`${address}/v1/metrics`);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
    const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'sdk-test', 'service.instance.id': 'i-1', 'host.name': 'h1' }), readers: [reader] });
    const meter = provider.getMeter('test-meter', '0.1.0');
    meter.createCounter('jobs.done', { unit: '{job}', description: 'Jobs done.' }).add(3, { queue: 'a' });
    meter.createHistogram('work.duration', { unit: 's' }).record(0.3);
    meter.createUpDownCounter('queue.depth').add(-2);
    // Shutdown flushes: one export.
    await provider.shutdown();
    const scope = { job: 'sdk-test', instance: 'i-1', otel_scope_name: 'test-meter', otel_scope_version: '0.1.0' };
    expect(storage.find({ __name__: 'jobs_done_total', queue: 'a', ...scope })?.values).toEqual([3]);
    expect(storage.find({ __name__: 'work_duration_seconds_count', ...scope })?.values).toEqual([1]);
    expect(storage.find({ __name__: 'work_duration_seconds_sum', ...scope })?.values).toEqual([0.3]);
    expect(storage.find({ __name__: 'queue_depth', ...scope })?.values).toEqual([-2]);
    expect(storage.find({ __name__: 'target_info', job: 'sdk-test', instance: 'i-1', host_name: 'h1' })?.values).toEqual([1]);
  });
});
