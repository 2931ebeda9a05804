import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScrapeConfig } from '../config/index.js';
import { ingestStoresFor } from '../ingest/shared-stores.js';
import { MemoryStorage } from '../ingest/testing/memory-storage.js';
import { compileRelabelConfigs } from './relabel/relabel.js';
import { ScrapeClient } from './scrape-client.js';
import { ScrapeLoop, scrapeDelay, type ScrapeJobSettings } from './scrape-loop.js';
import { resolveTargets } from './target.js';
import { startExpositionServer } from './testing.js';

const STALE = 0x7ff0000000000002n;

function job(overrides: Partial<ScrapeConfig> = {}): ScrapeConfig {
  return {
    job_name: 'node',
    scrape_interval: '15s',
    scrape_timeout: '10s',
    metrics_path: '/metrics',
    scheme: 'http',
    honor_labels: false,
    honor_timestamps: true,
    sample_limit: 0,
    label_limit: 0,
    label_name_length_limit: 0,
    label_value_length_limit: 0,
    target_limit: 0,
    body_size_limit: 0,
    ...overrides,
  };
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function setup(bodyRef: { body: string | Buffer; status?: number; headers?: Record<string, string> }, cfg: Partial<ScrapeConfig> = {}) {
  const server = await startExpositionServer(() => bodyRef);
  cleanup.push(server.close);
  const j = job({ static_configs: [{ targets: [server.address], labels: { env: 'test' } }], ...cfg });
  const { active } = resolveTargets(j, compileRelabelConfigs(j.relabel_configs, 'r'), [{ targets: [server.address], labels: { env: 'test' }, source: 's' }]);
  const storage = new MemoryStorage();
  const client = new ScrapeClient(j, 'Panoptes/test');
  cleanup.push(async () => client.close());
  const settings: ScrapeJobSettings = {
    client,
    metricRelabel: compileRelabelConfigs(j.metric_relabel_configs, 'm'),
    honorLabels: j.honor_labels,
    honorTimestamps: j.honor_timestamps,
    sampleLimit: j.sample_limit,
    labelLimit: j.label_limit,
    labelNameLengthLimit: j.label_name_length_limit,
    labelValueLengthLimit: j.label_value_length_limit,
    trackTimestampsStaleness: j.track_timestamps_staleness === true,
    extraScrapeMetrics: j.extra_scrape_metrics === true,
  };
  let now = 1_700_000_000_000;
  const stores = ingestStoresFor({});
  const loop = new ScrapeLoop(active[0]!, { storage: () => storage, stores, logger: pino({ level: 'silent' }), settings: () => settings, now: () => now });
  return { server, storage, loop, stores, instance: server.address, advance: (ms: number) => (now += ms), now: () => now };
}

describe('ScrapeLoop', () => {
  it('scrapes, merges target labels, writes synthetic series and sends Prometheus headers', async () => {
    const ref = { body: '# TYPE a counter\na{job="other"} 1\nb 2\n' };
    const { server, storage, loop, instance, stores } = await setup(ref, { basic_auth: { username: 'u', password: 'p' } });
    await loop.scrapeOnce();
    expect(loop.health).toBe('up');
    expect(storage.find({ __name__: 'a', job: 'node', exported_job: 'other', instance, env: 'test' })?.values).toEqual([1]);
    expect(storage.find({ __name__: 'b', job: 'node', instance, env: 'test' })?.values).toEqual([2]);
    expect(storage.find({ __name__: 'up', job: 'node', instance, env: 'test' })?.values).toEqual([1]);
    expect(storage.find({ __name__: 'scrape_samples_scraped', job: 'node', instance, env: 'test' })?.values).toEqual([2]);
    expect(storage.find({ __name__: 'scrape_samples_post_metric_relabeling', job: 'node', instance, env: 'test' })?.values).toEqual([2]);
    expect(storage.find({ __name__: 'scrape_series_added', job: 'node', instance, env: 'test' })?.values).toEqual([2]);
    expect(storage.find({ __name__: 'scrape_duration_seconds', job: 'node', instance, env: 'test' })).toBeDefined();
    const req = server.requests[0]!;
    expect(req.headers.accept).toMatch(/^application\/openmetrics-text;version=1.0.0/);
    expect(req.headers['accept-encoding']).toBe('gzip');
    expect(req.headers['x-prometheus-scrape-timeout-seconds']).toBe('10');
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(stores.metadata.query().a).toEqual([{ type: 'counter', help: '', unit: '' }]);
  });

  it('honor_labels keeps scraped values; honor_timestamps uses exposed ones', async () => {
    const ref = { body: 'a{job="other"} 1 1000\n' };
    const { storage, loop, instance } = await setup(ref, { honor_labels: true });
    await loop.scrapeOnce();
    expect(storage.find({ __name__: 'a', job: 'other', instance, env: 'test' })?.timestamps).toEqual([1000]);
  });

  it('writes stale markers for vanished series, on failure, and when stopped', async () => {
    const ref: { body: string; status?: number } = { body: 'a 1\nb 2\n' };
    const { storage, loop, instance, advance, now } = await setup(ref);
    await loop.scrapeOnce();
    ref.body = 'a 1\n';
    advance(15_000);
    await loop.scrapeOnce();
    const b = storage.find({ __name__: 'b', job: 'node', instance, env: 'test' })!;
    expect(b.valueBits[1]).toBe(STALE);
    expect(b.timestamps[1]).toBe(now());
    ref.status = 500;
    advance(15_000);
    await loop.scrapeOnce();
    expect(loop.health).toBe('down');
    expect(loop.lastError).toMatch(/HTTP status 500/);
    const a = storage.find({ __name__: 'a', job: 'node', instance, env: 'test' })!;
    expect(a.valueBits.at(-1)).toBe(STALE);
    expect(storage.find({ __name__: 'up', job: 'node', instance, env: 'test' })!.values.at(-1)).toBe(0);
    ref.status = 200;
    advance(15_000);
    await loop.scrapeOnce();
    advance(1000);
    await loop.stop(true);
    expect(a.valueBits.at(-1)).toBe(STALE);
    expect(storage.find({ __name__: 'up', job: 'node', instance, env: 'test' })!.valueBits.at(-1)).toBe(STALE);
  });

  it('fails the scrape when sample_limit, label_limit or body_size_limit is exceeded', async () => {
    const ref = { body: 'a 1\nb 2\nc 3\n' };
    let s = await setup(ref, { sample_limit: 2 });
    await s.loop.scrapeOnce();
    expect(s.loop.lastError).toBe('sample_limit exceeded: 3 samples, limit 2');
    expect(s.storage.find({ __name__: 'a', job: 'node', instance: s.instance, env: 'test' })).toBeUndefined();
    expect(s.storage.find({ __name__: 'up', job: 'node', instance: s.instance, env: 'test' })?.values).toEqual([0]);
    s = await setup(ref, { label_limit: 3 });
    await s.loop.scrapeOnce();
    expect(s.loop.lastError).toMatch(/label_limit exceeded: a has 4 labels, limit 3/);
    s = await setup(ref, { body_size_limit: 5 });
    await s.loop.scrapeOnce();
    expect(s.loop.lastError).toMatch(/body size limit exceeded/);
  });

  it('applies metric_relabel_configs, reads gzip and OpenMetrics', async () => {
    const om = '# TYPE x counter\nx_total 5 1520879607.789 # {trace_id="abc"} 1\ndrop_me 1\n# EOF\n';
    const ref = { body: gzipSync(om), headers: { 'content-type': 'application/openmetrics-text; version=1.0.0', 'content-encoding': 'gzip' } };
    const { storage, loop, instance, stores } = await setup(ref, { metric_relabel_configs: [{ source_labels: ['__name__'], regex: 'drop_.*', action: 'drop' }] });
    await loop.scrapeOnce();
    expect(loop.lastError).toBe('');
    expect(storage.find({ __name__: 'x_total', job: 'node', instance, env: 'test' })?.timestamps).toEqual([1520879607789]);
    expect(storage.find({ __name__: 'drop_me', job: 'node', instance, env: 'test' })).toBeUndefined();
    expect(storage.find({ __name__: 'scrape_samples_post_metric_relabeling', job: 'node', instance, env: 'test' })?.values).toEqual([1]);
    expect(stores.exemplars.query(0, Infinity, () => true)[0]?.labels).toEqual([{ name: 'trace_id', value: 'abc' }]);
  });

  it('asks for identity with enable_compression false; track_timestamps_staleness marks timestamped series', async () => {
    const ref = { body: 'a 1 1000\nb 2 1000\n' };
    const { server, storage, loop, instance, advance } = await setup(ref, { enable_compression: false, track_timestamps_staleness: true, scrape_protocols: ['PrometheusText0.0.4'] });
    await loop.scrapeOnce();
    expect(server.requests[0]!.headers['accept-encoding']).toBe('identity');
    expect(server.requests[0]!.headers.accept).toBe('text/plain;version=0.0.4;q=0.6,*/*;q=0.5');
    ref.body = 'a 1 2000\n';
    advance(15_000);
    await loop.scrapeOnce();
    expect(storage.find({ __name__: 'b', job: 'node', instance, env: 'test' })!.valueBits.at(-1)).toBe(STALE);
  });

  it('writes the extra scrape metrics when asked', async () => {
    const ref = { body: 'a 1\n' };
    const { storage, loop, instance } = await setup(ref, { extra_scrape_metrics: true, sample_limit: 10 });
    await loop.scrapeOnce();
    const v = (name: string) => storage.find({ __name__: name, job: 'node', instance, env: 'test' })?.values;
    expect(v('scrape_timeout_seconds')).toEqual([10]);
    expect(v('scrape_sample_limit')).toEqual([10]);
    expect(v('scrape_body_size_bytes')).toEqual([4]);
  });

  it('stop() aborts a scrape in flight and writes nothing for it', async () => {
    const { loop, storage } = await setup({ body: 'a 1\n' }, { scrape_timeout: '10m', scrape_interval: '10m' });
    // Point the loop at a server that accepts but never answers.
    const net = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = net.createServer((sock) => void sockets.push(sock));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    cleanup.push(
      () =>
        new Promise<void>((r) => {
          for (const sock of sockets) sock.destroy();
          silent.close(() => r());
        }),
    );
    loop.target = { ...loop.target, url: `http://127.0.0.1:${(silent.address() as { port: number }).port}/metrics` };
    const scraping = loop.scrapeOnce();
    await new Promise((r) => setTimeout(r, 50));
    await loop.stop(false);
    await scraping;
    expect(storage.series).toHaveLength(0);
  });

  it('spreads targets over the interval with a stable phase', () => {
    const interval = 15_000;
    // The first scrape lands on a time whose phase is hash mod interval, whatever "now" is.
    for (const now of [1_700_000_000_123, 1_700_000_007_000]) {
      const d = scrapeDelay(123_456_789, interval, now);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(interval);
      expect((now + d) % interval).toBe(123_456_789 % interval);
    }
  });
});

describe('resolveTargets', () => {
  it('adds defaults, relabels, builds the URL and drops __ labels', () => {
    const j = job({ params: { module: ['icmp'] }, relabel_configs: [
      { source_labels: ['__address__'], target_label: '__param_target' },
      { target_label: '__address__', replacement: 'blackbox:9115' },
      { source_labels: ['env'], regex: 'skip', action: 'drop' },
    ] });
    const steps = compileRelabelConfigs(j.relabel_configs, 'r');
    const { active, dropped } = resolveTargets(j, steps, [
      { targets: ['example.org'], labels: { env: 'prod' }, source: 's0' },
      { targets: ['skipped.org'], labels: { env: 'skip' }, source: 's1' },
    ]);
    expect(active).toHaveLength(1);
    expect(active[0]!.url).toBe('http://blackbox:9115/metrics?module=icmp&target=example.org');
    expect(Object.fromEntries(active[0]!.labels.map((l) => [l.name, l.value]))).toEqual({ env: 'prod', instance: 'blackbox:9115', job: 'node' });
    expect(active[0]!.discoveredLabels).toMatchObject({ __address__: 'example.org', __scheme__: 'http', __metrics_path__: '/metrics', __param_module: 'icmp', job: 'node' });
    expect(dropped).toHaveLength(1);
    expect(dropped[0]!.discoveredLabels.__address__).toBe('skipped.org');
  });
});
