/**
 * The scraper's own cost per sample, without HTTP or storage: a ScrapeLoop
 * with a canned 500-series exposition and a null appender, in steady state
 * (every series known), and the text parser alone.
 *
 * Run: npx tsc -b && node core/dist/scrape/bench/scrape-loop-bench.js
 */
import type { Appender, Storage } from '@panoptes/storage';
import { pino } from 'pino';
import { ingestStoresFor } from '../../ingest/shared-stores.js';
import { parseText } from '../parse/text-parser.js';
import type { ScrapeClient } from '../scrape-client.js';
import { ScrapeLoop, type ScrapeJobSettings } from '../scrape-loop.js';
import type { ResolvedTarget } from '../target.js';

const MODES = ['user', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'nice'];
let body = '# HELP bench_cpu_seconds_total Seconds.\n# TYPE bench_cpu_seconds_total counter\n';
for (let i = 0; i < 500; i++) body += `bench_cpu_seconds_total{cpu="${i % 16}",mode="${MODES[Math.floor(i / 16) % 8]}",shard="${Math.floor(i / 128)}"} ${(i * 1.37).toFixed(2)}\n`;

let appended = 0;
const app: Appender = { append: (ref) => (appended++, ref || appended), commit: async () => {}, rollback: () => {} };
const storage = { appender: () => app } as unknown as Storage;
const client = { fetch: async () => ({ body, contentType: 'text/plain; version=0.0.4', bytes: body.length }) } as unknown as ScrapeClient;
const settings: ScrapeJobSettings = { client, metricRelabel: [], honorLabels: false, honorTimestamps: true, sampleLimit: 0, labelLimit: 0, labelNameLengthLimit: 0, labelValueLengthLimit: 0 };
const target: ResolvedTarget = {
  labels: [
    { name: 'instance', value: '127.0.0.1:9100' },
    { name: 'job', value: 'bench' },
    { name: 'target', value: 't1' },
  ],
  url: 'http://127.0.0.1:9100/metrics',
  intervalMs: 15_000,
  timeoutMs: 10_000,
  key: 'k',
  discoveredLabels: {},
};
const loop = new ScrapeLoop(target, { storage: () => storage, stores: ingestStoresFor({}), logger: pino({ level: 'silent' }), settings: () => settings });

for (let i = 0; i < 200; i++) await loop.scrapeOnce();
appended = 0;
let t0 = process.hrtime.bigint();
for (let i = 0; i < 2000; i++) await loop.scrapeOnce();
let s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`scrape loop, steady state (null storage): ${((s * 1e9) / appended).toFixed(0)} ns/sample, ${(appended / s / 1e6).toFixed(2)} M samples/s`);
t0 = process.hrtime.bigint();
for (let i = 0; i < 2000; i++) parseText(body, { lazyLabels: true });
s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`text parser alone (labels left lazy, as the scraper uses it): ${((s * 1e9) / (2000 * 500)).toFixed(0)} ns/sample`);
