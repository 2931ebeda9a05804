/**
 * Remote write decode benchmark: how fast the receiver turns snappy-compressed
 * WriteRequests into appends, without storage cost (a null appender) and
 * without HTTP. Bodies look like Prometheus' own: 2,000 samples per request,
 * one sample per TimeSeries, 20,000 distinct series cycling.
 *
 * Run: npx tsc -b && node core/dist/ingest/bench/remote-write-bench.js
 */
import type { Appender, Storage } from '@panoptes/storage';
import SnappyJS from 'snappyjs';
import { DEFAULT_INGEST_LIMITS } from '../limits.js';
import { RemoteWriteIngester } from '../remote-write/remote-write-ingester.js';
import { snappyDecode } from '../remote-write/snappy.js';
import { ingestStoresFor } from '../shared-stores.js';
import { encodeWriteRequest, snappyCompress, type TestSeries } from '../testing/remote-write-encoder.js';

const SERIES = 20_000;
const PER_REQUEST = 2_000;
const REQUESTS = 200;

function seriesLabels(i: number): Record<string, string> {
  const host = i % 200;
  const metric = Math.floor(i / 200);
  return { __name__: `node_metric_${metric}_total`, cpu: String(i % 8), instance: `host-${host}.example.org:9100`, job: 'node', mode: ['user', 'system', 'idle'][i % 3]! };
}

const bodies: Buffer[] = [];
let n = 0;
for (let r = 0; r < REQUESTS; r++) {
  const series: TestSeries[] = [];
  for (let k = 0; k < PER_REQUEST; k++, n++) series.push({ labels: seriesLabels(n % SERIES), samples: [[1_700_000_000_000 + Math.floor(n / SERIES) * 15_000, n * 0.5]] });
  bodies.push(snappyCompress(encodeWriteRequest(series)));
}
const bytes = bodies.reduce((a, b) => a + b.length, 0);

let appended = 0;
const nullAppender: Appender = {
  append: (ref) => {
    appended++;
    return ref === 0 ? appended : ref;
  },
  commit: async () => {},
  rollback: () => {},
};
const storage = { appender: () => nullAppender } as unknown as Storage;
const ingester = new RemoteWriteIngester(() => storage, ingestStoresFor({}), DEFAULT_INGEST_LIMITS);

async function run(label: string, rounds: number): Promise<void> {
  appended = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) for (const b of bodies) await ingester.write(b, 1);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${label}: ${((appended / s) / 1e6).toFixed(2)} M samples/s, ${(s * 1e9 / appended).toFixed(0)} ns/sample, ${(bytes * rounds / s / 1e6).toFixed(0)} MB/s compressed`);
}

function snappyOnly(): void {
  let t0 = process.hrtime.bigint();
  let out = 0;
  for (let i = 0; i < 5; i++) for (const b of bodies) out += snappyDecode(b, 0).length;
  let s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`snappy (hand-written): ${(out / s / 1e6).toFixed(0)} MB/s decompressed`);
  t0 = process.hrtime.bigint();
  out = 0;
  for (let i = 0; i < 5; i++) for (const b of bodies) out += SnappyJS.uncompress(b).length;
  s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`snappy (snappyjs):     ${(out / s / 1e6).toFixed(0)} MB/s decompressed`);
}

console.log(`${REQUESTS} requests x ${PER_REQUEST} samples, ${SERIES} series, ${(bytes / REQUESTS / 1024).toFixed(1)} KiB per body`);
await run('warm-up (first sight of every series)', 1);
await run('steady state', 5);
snappyOnly();
