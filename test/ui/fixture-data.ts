// Deterministic data for the UI's browser tests: a small catalogue of series whose
// values are smooth waves, plus alerts, rules, targets, status and plugins in the
// API's documented shapes. It stands in for a real server until one serves the UI.

export type Labels = Record<string, string>;

interface SeriesDef { labels: Labels; base: number; amp: number; period: number; counter?: boolean }

function defs(name: string, combos: Labels[], base: number, amp: number, opts: { counter?: boolean } = {}): SeriesDef[] {
  return combos.map((l, i) => ({ labels: { __name__: name, ...l }, base: base * (1 + i * 0.15), amp: amp * (1 + (i % 3) * 0.2), period: 600 + i * 97, counter: opts.counter }));
}

const hosts = ['host-a:9100', 'host-b:9100'];
const perHost = (extra: Labels[] = [{}]): Labels[] => hosts.flatMap((instance) => extra.map((e) => ({ instance, job: 'node', ...e })));

export const CATALOGUE: SeriesDef[] = [
  ...defs('up', [{ job: 'node', instance: 'host-a:9100' }, { job: 'node', instance: 'host-b:9100' }, { job: 'panoptes', instance: 'localhost:9090' }], 1, 0),
  ...defs('node_load1', perHost(), 1.2, 0.8),
  ...defs('node_load5', perHost(), 1.0, 0.5),
  ...defs('node_load15', perHost(), 0.9, 0.3),
  ...defs('node_cpu_seconds_total', perHost(['user', 'system', 'iowait', 'idle'].map((mode) => ({ mode, cpu: '0' }))), 0.2, 0.1),
  ...defs('node_memory_MemTotal_bytes', perHost(), 16e9, 0),
  ...defs('node_memory_MemAvailable_bytes', perHost(), 7e9, 2e9),
  ...defs('node_memory_Cached_bytes', perHost(), 3e9, 5e8),
  ...defs('node_memory_Buffers_bytes', perHost(), 4e8, 5e7),
  ...defs('node_boot_time_seconds', perHost(), 1.7e9, 0),
  ...defs('node_disk_read_bytes_total', perHost([{ device: 'sda' }]), 2e6, 1.5e6),
  ...defs('node_disk_written_bytes_total', perHost([{ device: 'sda' }]), 4e6, 3e6),
  ...defs('node_network_receive_bytes_total', perHost([{ device: 'eth0' }]), 1.2e6, 8e5),
  ...defs('node_network_transmit_bytes_total', perHost([{ device: 'eth0' }]), 6e5, 4e5),
  ...defs('node_filesystem_avail_bytes', perHost([{ mountpoint: '/', fstype: 'ext4' }, { mountpoint: '/data', fstype: 'xfs' }]), 60e9, 1e9),
  ...defs('node_filesystem_size_bytes', perHost([{ mountpoint: '/', fstype: 'ext4' }, { mountpoint: '/data', fstype: 'xfs' }]), 100e9, 0),
  ...defs('http_requests_total', ['GET', 'POST'].flatMap((method) => ['200', '500'].map((code) => ({ job: 'api', instance: 'api-1:8080', method, code }))), 40, 25, { counter: true }),
  ...defs('http_request_duration_seconds_bucket', ['0.05', '0.1', '0.25', '0.5', '1', '+Inf'].map((le) => ({ job: 'api', le })), 10, 4),
];

export const METADATA: Record<string, { type: string; help: string; unit: string }[]> = {
  up: [{ type: 'gauge', help: '1 if the target is reachable', unit: '' }],
  node_load1: [{ type: 'gauge', help: '1m load average', unit: '' }],
  node_cpu_seconds_total: [{ type: 'counter', help: 'Seconds the CPUs spent in each mode', unit: 'seconds' }],
  http_requests_total: [{ type: 'counter', help: 'HTTP requests served', unit: '' }],
};

/** The metric names an expression mentions, in order. */
export function metricsIn(expr: string): string[] {
  const names = new Set(CATALOGUE.map((d) => d.labels['__name__']!));
  return (expr.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? []).filter((w) => names.has(w));
}

/** Equality matchers of the first selector ({a="b"}); enough for the fixture's needs. */
function equalityMatchers(expr: string): Labels {
  const out: Labels = {};
  const braces = /\{([^}]*)\}/.exec(expr)?.[1] ?? '';
  for (const m of braces.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

export function seriesFor(expr: string): SeriesDef[] {
  const [metric] = metricsIn(expr);
  if (!metric) return [];
  const eq = equalityMatchers(expr);
  return CATALOGUE.filter((d) => d.labels['__name__'] === metric && Object.entries(eq).every(([k, v]) => k === '__name__' || d.labels[k] === undefined || d.labels[k] === v));
}

export function valueAt(d: SeriesDef, tSec: number, i = 0): number {
  const wave = d.base + d.amp * Math.sin((tSec / d.period) * 2 * Math.PI + i);
  return d.counter ? Math.max(0, wave) : wave;
}

/** Go-style value strings, as the API writes them. */
export function formatSample(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return String(Number(v.toPrecision(12)));
}

export const nowIso = (offsetSec = 0): string => new Date(Date.now() + offsetSec * 1000).toISOString();

export function alertsFixture(): { labels: Labels; annotations: Labels; startsAt: string; fingerprint: string }[] {
  return [
    { labels: { alertname: 'HighErrorRate', severity: 'critical', job: 'api', instance: 'api-1:8080' }, annotations: { summary: 'API 5xx ratio above 5%', description: 'The API answered 7.3% of requests with 5xx over 10 minutes.' }, startsAt: nowIso(-1800), fingerprint: 'a1b2c3d4e5f60001' },
    { labels: { alertname: 'DiskFilling', severity: 'warning', job: 'node', instance: 'host-b:9100', mountpoint: '/data' }, annotations: { summary: '/data on host-b will be full within 24h' }, startsAt: nowIso(-7200), fingerprint: 'a1b2c3d4e5f60002' },
    { labels: { alertname: 'DiskFilling', severity: 'warning', job: 'node', instance: 'host-a:9100', mountpoint: '/data' }, annotations: { summary: '/data on host-a will be full within 24h' }, startsAt: nowIso(-3600), fingerprint: 'a1b2c3d4e5f60003' },
  ];
}

export function rulesFixture(): unknown {
  return {
    groups: [
      {
        name: 'api', file: 'rules/api.yml', interval: 30, limit: 0, evaluationTime: 0.0021, lastEvaluation: nowIso(-12),
        rules: [
          { type: 'alerting', name: 'HighErrorRate', query: 'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05', duration: 600, keepFiringFor: 0, labels: { severity: 'critical' }, annotations: { summary: 'API 5xx ratio above 5%' }, state: 'firing', health: 'ok', evaluationTime: 0.0012, lastEvaluation: nowIso(-12),
            alerts: [{ labels: { alertname: 'HighErrorRate', severity: 'critical' }, annotations: {}, state: 'firing', activeAt: nowIso(-1800), value: '7.3e-02' }] },
          { type: 'recording', name: 'job:http_requests:rate5m', query: 'sum by (job) (rate(http_requests_total[5m]))', labels: {}, health: 'ok', evaluationTime: 0.0004, lastEvaluation: nowIso(-12) },
        ],
      },
      {
        name: 'node', file: 'rules/node.yml', interval: 60, limit: 0, evaluationTime: 0.003, lastEvaluation: nowIso(-40),
        rules: [
          { type: 'alerting', name: 'DiskFilling', query: 'predict_linear(node_filesystem_avail_bytes[6h], 86400) < 0', duration: 300, labels: { severity: 'warning' }, annotations: {}, state: 'firing', health: 'ok', evaluationTime: 0.002, lastEvaluation: nowIso(-40), alerts: [] },
          { type: 'alerting', name: 'HostHighLoad', query: 'node_load5 > 4', duration: 900, labels: { severity: 'warning' }, annotations: {}, state: 'pending', health: 'ok', evaluationTime: 0.0005, lastEvaluation: nowIso(-40),
            alerts: [{ labels: { alertname: 'HostHighLoad', instance: 'host-a:9100', severity: 'warning' }, annotations: {}, state: 'pending', activeAt: nowIso(-120), value: '4.2e+00' }] },
          { type: 'recording', name: 'instance:node_cpu:ratio', query: 'sum by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m]))', health: 'err', lastError: 'query timed out in expression evaluation', evaluationTime: 2, lastEvaluation: nowIso(-40) },
        ],
      },
    ],
  };
}

export function targetsFixture(): unknown {
  const t = (pool: string, url: string, labels: Labels, health: string, lastError = '') => ({
    discoveredLabels: { __address__: new URL(url).host, job: pool }, labels: { job: pool, ...labels }, scrapePool: pool, scrapeUrl: url, globalUrl: url,
    lastError, lastScrape: nowIso(-5), lastScrapeDuration: 0.0123, health, scrapeInterval: '15s', scrapeTimeout: '10s',
  });
  return {
    activeTargets: [
      t('node', 'http://host-a:9100/metrics', { instance: 'host-a:9100' }, 'up'),
      t('node', 'http://host-b:9100/metrics', { instance: 'host-b:9100' }, 'down', 'Get "http://host-b:9100/metrics": dial tcp 10.0.0.12:9100: connect: connection refused'),
      t('panoptes', 'http://localhost:9090/metrics', { instance: 'localhost:9090' }, 'up'),
    ],
    droppedTargets: [{ discoveredLabels: { __address__: 'host-c:9100', job: 'node' }, scrapePool: 'node' }],
  };
}

export const BUILD_INFO = { version: '0.1.0', revision: 'fixture', branch: 'main', buildUser: 'ci', buildDate: '20260101-00:00:00', goVersion: 'node20' };
export const RUNTIME_INFO = { startTime: nowIso(-86400), CWD: '/srv/panoptes', hostname: 'panoptes-1', serverTime: nowIso(), reloadConfigSuccess: true, lastConfigTime: nowIso(-3600), corruptionCount: 0, storageRetention: '15d' };
export const FLAGS = { 'config.file': 'panoptes.yml', 'storage.tsdb.path': 'data/', 'storage.tsdb.retention.time': '15d', 'web.listen-address': ':9090' };
export const CONFIG_YAML = 'global:\n  scrape_interval: 15s\n  evaluation_interval: 30s\nscrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: [host-a:9100, host-b:9100]\n';
export const PLUGINS = [
  { id: 'collector-host', use: 'collector-host', origin: 'workspace', version: '0.1.0', kinds: ['collector'], state: 'running', description: 'CPU, memory, disk and network of this host', sdk: '^0.1.0', lastError: null, restarts: 0, config: {}, publicPaths: [], ui: null },
  { id: 'notifier-webhook', use: 'notifier-webhook', origin: 'workspace', version: '0.1.0', kinds: ['notifier'], state: 'running', description: 'Alertmanager-compatible webhook', sdk: '^0.1.0', lastError: null, restarts: 0, config: {}, publicPaths: [], ui: null },
  { id: 'collector-mysql', use: 'collector-mysql', origin: 'workspace', version: '0.2.1', kinds: ['collector'], state: 'restarting', description: 'MySQL and MariaDB status', sdk: '^0.1.0',
    lastError: { code: 'PNP_PLUGIN_START', message: 'connect ECONNREFUSED 127.0.0.1:3306', hook: 'start', at: nowIso(-20) }, restarts: 3, config: { dsn: '<secret>' }, publicPaths: [], ui: null },
];
export const TSDB_STATUS = {
  headStats: { numSeries: 1532, chunkCount: 4410, minTime: Date.now() - 7_200_000, maxTime: Date.now() },
  seriesCountByMetricName: [{ name: 'node_cpu_seconds_total', value: 64 }, { name: 'http_request_duration_seconds_bucket', value: 48 }, { name: 'up', value: 3 }],
  labelValueCountByLabelName: [{ name: '__name__', value: 412 }, { name: 'instance', value: 12 }, { name: 'mode', value: 8 }],
  memoryInBytesByLabelName: [{ name: '__name__', value: 18220 }, { name: 'instance', value: 3100 }],
  seriesCountByLabelValuePair: [{ name: 'job=node', value: 900 }, { name: 'job=api', value: 420 }],
};
