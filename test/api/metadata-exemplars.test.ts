import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWriteRequest, snappyCompress } from '../../core/src/ingest/testing/remote-write-encoder.js';
import { ServerProcess, tempDir } from '../helpers/server-process.js';

/** Metadata and exemplars sent by remote write come back through the query API. */
describe('/api/v1/metadata and /api/v1/query_exemplars on a real server', () => {
  let server: ServerProcess;
  const t = Date.now() - 60_000;

  beforeAll(async () => {
    server = await ServerProcess.start(['--data-dir', path.join(await tempDir(), 'data')]);
    await server.waitReady();
    const body = encodeWriteRequest(
      [
        {
          labels: { __name__: 'http_request_duration_seconds_bucket', job: 'api', le: '0.5' },
          samples: [[12, t]],
          exemplars: [{ labels: { trace_id: 'abc123' }, value: 0.42, timestamp: t }],
        },
        { labels: { __name__: 'other_metric', job: 'api' }, samples: [[1, t]], exemplars: [{ labels: { trace_id: 'zzz' }, value: 1, timestamp: t }] },
      ],
      [{ type: 3, name: 'http_request_duration_seconds', help: 'Request latency.', unit: 'seconds' }],
    );
    const res = await fetch(`${server.url}/api/v1/write`, {
      method: 'POST',
      headers: { 'content-encoding': 'snappy', 'content-type': 'application/x-protobuf', 'x-prometheus-remote-write-version': '0.1.0' },
      body: snappyCompress(body),
    });
    expect(res.status).toBe(204);
  });
  afterAll(async () => {
    await server.stop('SIGKILL');
  });

  it('answers the metadata remote write delivered', async () => {
    const res = await (await fetch(`${server.url}/api/v1/metadata?metric=http_request_duration_seconds`)).json();
    expect(res).toEqual({
      status: 'success',
      data: { http_request_duration_seconds: [{ type: 'histogram', help: 'Request latency.', unit: 'seconds' }] },
    });
  });

  it('answers exemplars of the series the query selects', async () => {
    const q = encodeURIComponent('histogram_quantile(0.9, rate(http_request_duration_seconds_bucket{job="api"}[5m]))');
    const res = await (await fetch(`${server.url}/api/v1/query_exemplars?query=${q}&start=${(t - 1000) / 1000}&end=${(t + 1000) / 1000}`)).json();
    expect(res).toEqual({
      status: 'success',
      data: [
        {
          seriesLabels: { __name__: 'http_request_duration_seconds_bucket', job: 'api', le: '0.5' },
          exemplars: [{ labels: { trace_id: 'abc123' }, value: '0.42', timestamp: t / 1000 }],
        },
      ],
    });
  });

  it('refuses a bad limit_per_metric', async () => {
    const res = await fetch(`${server.url}/api/v1/metadata?limit_per_metric=x`);
    expect(res.status).toBe(400);
  });
});
