import { mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { ServerProcess } from '../helpers/server-process.js';
import { freePort, readDataDir } from './helpers.js';

/**
 * The real binary with real storage: OpenTSDB points arrive over the line
 * protocol, over HTTP on the same TCP port and over /api/put on the main
 * port; an OpenTelemetry SDK pushes OTLP metrics. After a graceful stop,
 * every point is in the data directory under its mapped name.
 */
describe('OpenTSDB and OTLP into a running Panoptes', () => {
  it('stores what tcollector-style and OpenTelemetry senders push', async () => {
    // Recent timestamps: retention counts back from the newest sample, which the OTLP push makes "now".
    const T = Math.floor(Date.now() / 1000) - 60;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-push-'));
    const dataDir = path.join(dir, 'data');
    const tsdbPort = await freePort();
    await writeFile(path.join(dir, 'panoptes.yml'), `server:\n  self_monitoring: false\ningest:\n  opentsdb:\n    listen: 127.0.0.1:${tsdbPort}\n`);
    const server = await ServerProcess.start(['--config', path.join(dir, 'panoptes.yml'), '--data-dir', dataDir]);
    try {
      await server.waitReady();
      // Line protocol: a put, a health check, and a bad line on one connection.
      const replies = await new Promise<string>((resolve, reject) => {
        const sock = net.connect(tsdbPort, '127.0.0.1', () => sock.write(`put sys.cpu.user ${T} 42 host=web01 cpu=0\nversion\nput broken\n`));
        let got = '';
        sock.on('data', (d) => {
          got += d.toString();
          if (got.split('\n').filter(Boolean).length >= 2) {
            sock.end();
            resolve(got);
          }
        });
        sock.on('error', reject);
      });
      expect(replies).toMatch(/BuildData/);
      expect(replies).toMatch(/^put: illegal argument/m);
      // HTTP on the OpenTSDB port, and /api/put on the main port.
      const put = (base: string, body: unknown) => fetch(`${base}/api/put?details`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const viaTsdbPort = await put(`http://127.0.0.1:${tsdbPort}`, { metric: 'sys.mem.free', timestamp: T * 1000 + 123, value: 1024, tags: { host: 'web01' } });
      expect(viaTsdbPort.status).toBe(200);
      expect(await viaTsdbPort.json()).toEqual({ errors: [], failed: 0, success: 1 });
      const viaMain = await put(server.url, [{ metric: 'disk-io/read', timestamp: String(T + 1), value: '7', tags: { dev: 'sda' } }]);
      expect(viaMain.status).toBe(200);

      const exporter = new OTLPMetricExporter({ url: `${server.url}/v1/metrics` });
      const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'checkout', 'service.instance.id': 'pod-1' }), readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 })] });
      provider.getMeter('shop').createCounter('orders.placed', { unit: '{order}' }).add(5, { method: 'card' });
      await provider.shutdown();
    } finally {
      await server.stop();
    }
    const stored = await readDataDir(dataDir, 0, Date.now() + 60_000);
    const find = (labels: Record<string, string>) => stored.find((s) => JSON.stringify(Object.entries(s.labels).sort()) === JSON.stringify(Object.entries(labels).sort()));
    expect(find({ __name__: 'sys_cpu_user', host: 'web01', cpu: '0' })?.samples).toEqual([[T * 1000, 42]]);
    expect(find({ __name__: 'sys_mem_free', host: 'web01' })?.samples).toEqual([[T * 1000 + 123, 1024]]);
    expect(find({ __name__: 'disk_io_read', dev: 'sda' })?.samples).toEqual([[(T + 1) * 1000, 7]]);
    expect(find({ __name__: 'orders_placed_total', job: 'checkout', instance: 'pod-1', method: 'card', otel_scope_name: 'shop' })?.samples.map(([, v]) => v)).toEqual([5]);
  });
});
