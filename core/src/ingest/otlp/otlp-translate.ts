import type { Label } from '@panoptes/storage';
import type { StoredExemplar } from '../exemplar-store.js';
import type { MetricMetadataEntry } from '../metadata-store.js';
import type { PushPoint } from '../push-writer.js';
import { prometheusLabelName, prometheusMetricName, type OtlpKind } from './otlp-names.js';

/** Values as they appear in OTLP/JSON (and in the decoded protobuf, see otlp-proto.ts). */
type Json = Record<string, unknown>;
const STALE = new Float64Array(new BigUint64Array([0x7ff0000000000002n]).buffer)[0]!;
/** DataPointFlags.NO_RECORDED_VALUE: the series ended; written as a stale marker. */
const FLAG_NO_RECORDED_VALUE = 1;
const AGGREGATION_DELTA = 1;

export interface OtlpTranslation {
  readonly points: PushPoint[];
  readonly metadata: { name: string; entry: MetricMetadataEntry }[];
  readonly exemplars: StoredExemplar[];
  rejected: number;
  readonly errors: string[];
}

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** Any 64-bit field (string or number) as a Number. */
function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    return Number(v);
  }
  return 0;
}

/** Nanoseconds (string or number) to ms since the epoch; 0 when unset. */
function nanosToMs(v: unknown): number {
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(BigInt(v) / 1_000_000n);
  if (typeof v === 'number') return Math.floor(v / 1e6);
  return 0;
}

export function anyValueString(v: unknown): string {
  const a = obj(v);
  if ('stringValue' in a) return String(a.stringValue);
  if ('boolValue' in a) return a.boolValue ? 'true' : 'false';
  if ('intValue' in a) return String(a.intValue);
  if ('doubleValue' in a) return String(num(a.doubleValue));
  if ('bytesValue' in a) return String(a.bytesValue);
  if ('arrayValue' in a) return JSON.stringify(arr(obj(a.arrayValue).values).map(anyValueString));
  if ('kvlistValue' in a) return JSON.stringify(Object.fromEntries(arr(obj(a.kvlistValue).values).map((kv) => [String(kv.key), anyValueString(kv.value)])));
  return '';
}

function attributes(list: unknown): Map<string, string> {
  const m = new Map<string, string>();
  for (const kv of arr(list)) m.set(String(kv.key ?? ''), anyValueString(kv.value));
  return m;
}

/** Attribute map → labels; keys that collide after sanitising have their values joined with `;` (spec). */
function attributeLabels(attrs: Map<string, string>, into: Map<string, string>): void {
  const sorted = [...attrs].sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [k, v] of sorted) {
    if (v === '') continue;
    const name = prometheusLabelName(k);
    const prev = into.get(name);
    into.set(name, prev !== undefined && prev !== '' ? `${prev};${v}` : v);
  }
}

function toLabels(name: string, base: Map<string, string>, extra?: [string, string]): Label[] {
  const m = new Map(base);
  if (extra) m.set(extra[0], extra[1]);
  m.set('__name__', name);
  return [...m].map(([n, value]) => ({ name: n, value }));
}

const IDENTITY_ATTRS = new Set(['service.name', 'service.namespace', 'service.instance.id']);

/**
 * Maps an OTLP metrics request (JSON shape) to Prometheus samples:
 * job/instance from service.namespace/service.name and service.instance.id,
 * other resource attributes into `target_info`, scope name and version as
 * `otel_scope_name`/`otel_scope_version`; gauges as gauges, monotonic
 * cumulative sums as `_total` counters, other sums as gauges, histograms as
 * `_bucket{le}`/`_sum`/`_count`, summaries as `{quantile}`/`_sum`/`_count`.
 * Delta temporality and exponential histograms are rejected point by point.
 */
export function translateOtlpMetrics(request: unknown, now: number): OtlpTranslation {
  const out: OtlpTranslation = { points: [], metadata: [], exemplars: [], rejected: 0, errors: [] };
  const reject = (n: number, why: string): void => {
    out.rejected += n;
    if (out.errors.length < 3 && !out.errors.includes(why)) out.errors.push(why);
  };
  for (const rm of arr(obj(request).resourceMetrics)) {
    const res = attributes(obj(rm.resource).attributes);
    const target = new Map<string, string>();
    const service = res.get('service.name');
    const namespace = res.get('service.namespace');
    if (service) target.set('job', namespace ? `${namespace}/${service}` : service);
    const instanceId = res.get('service.instance.id');
    if (instanceId) target.set('instance', instanceId);
    let latest = 0;
    for (const sm of arr(rm.scopeMetrics)) {
      const scope = obj(sm.scope);
      const base = new Map(target);
      if (scope.name) base.set('otel_scope_name', String(scope.name));
      if (scope.version) base.set('otel_scope_version', String(scope.version));
      for (const metric of arr(sm.metrics)) {
        const t = translateMetric(metric, base, now, out, reject);
        if (t > latest) latest = t;
      }
    }
    const info = new Map<string, string>();
    attributeLabels(new Map([...res].filter(([k]) => !IDENTITY_ATTRS.has(k))), info);
    if (info.size > 0 && latest > 0) {
      for (const [k, v] of target) info.set(k, v);
      out.points.push({ labels: toLabels('target_info', info), t: latest, v: 1 });
    }
  }
  return out;
}

function translateMetric(metric: Json, base: Map<string, string>, now: number, out: OtlpTranslation, reject: (n: number, why: string) => void): number {
  const rawName = String(metric.name ?? '');
  const unit = String(metric.unit ?? '');
  const help = String(metric.description ?? '');
  let latest = 0;
  const time = (dp: Json): number => {
    const t = nanosToMs(dp.timeUnixNano) || now;
    if (t > latest) latest = t;
    return t;
  };
  const labelsOf = (dp: Json): Map<string, string> => {
    const m = new Map<string, string>();
    attributeLabels(attributes(dp.attributes), m);
    // Target labels win over data point attributes of the same name.
    for (const [k, v] of base) m.set(k, v);
    return m;
  };
  const staleOr = (dp: Json, v: number): number => ((num(dp.flags) & FLAG_NO_RECORDED_VALUE) !== 0 ? STALE : v);
  const meta = (name: string, type: MetricMetadataEntry['type']): void => void out.metadata.push({ name, entry: { type, help, unit } });
  const exemplarsOf = (dp: Json, series: Label[]): void => {
    for (const ex of arr(dp.exemplars)) {
      const labels: Label[] = [];
      if (ex.traceId) labels.push({ name: 'trace_id', value: String(ex.traceId) });
      if (ex.spanId) labels.push({ name: 'span_id', value: String(ex.spanId) });
      for (const [k, v] of attributes(ex.filteredAttributes)) labels.push({ name: prometheusLabelName(k), value: v });
      const value = 'asInt' in ex ? num(ex.asInt) : num(ex.asDouble);
      out.exemplars.push({ seriesLabels: series, labels, value, timestamp: nanosToMs(ex.timeUnixNano) || now });
    }
  };

  if (metric.gauge || metric.sum) {
    const data = obj(metric.gauge ?? metric.sum);
    const points = arr(data.dataPoints);
    let kind: OtlpKind = 'gauge';
    if (metric.sum) {
      if (num(data.aggregationTemporality) === AGGREGATION_DELTA) {
        reject(points.length, `metric ${rawName}: delta temporality is not supported; configure the exporter for cumulative temporality`);
        return 0;
      }
      kind = data.isMonotonic ? 'counter' : 'updown';
    }
    const name = prometheusMetricName(rawName, unit, kind);
    meta(kind === 'counter' ? name.replace(/_total$/, '') : name, kind === 'counter' ? 'counter' : 'gauge');
    for (const dp of points) {
      const v = 'asInt' in dp ? num(dp.asInt) : num(dp.asDouble);
      const labels = toLabels(name, labelsOf(dp));
      out.points.push({ labels, t: time(dp), v: staleOr(dp, v) });
      exemplarsOf(dp, labels);
    }
  } else if (metric.histogram) {
    const data = obj(metric.histogram);
    const points = arr(data.dataPoints);
    if (num(data.aggregationTemporality) === AGGREGATION_DELTA) {
      reject(points.length, `metric ${rawName}: delta temporality is not supported; configure the exporter for cumulative temporality`);
      return 0;
    }
    const name = prometheusMetricName(rawName, unit, 'histogram');
    meta(name, 'histogram');
    for (const dp of points) {
      const t = time(dp);
      const labels = labelsOf(dp);
      const bounds = arr(dp.explicitBounds).map(num);
      const counts = arr(dp.bucketCounts).map(num);
      let cumulative = 0;
      bounds.forEach((b, i) => {
        cumulative += counts[i] ?? 0;
        out.points.push({ labels: toLabels(`${name}_bucket`, labels, ['le', formatLe(b)]), t, v: staleOr(dp, cumulative) });
      });
      const count = num(dp.count);
      const inf = toLabels(`${name}_bucket`, labels, ['le', '+Inf']);
      out.points.push({ labels: inf, t, v: staleOr(dp, count) });
      if ('sum' in dp) out.points.push({ labels: toLabels(`${name}_sum`, labels), t, v: staleOr(dp, num(dp.sum)) });
      out.points.push({ labels: toLabels(`${name}_count`, labels), t, v: staleOr(dp, count) });
      exemplarsOf(dp, inf);
    }
  } else if (metric.summary) {
    const points = arr(obj(metric.summary).dataPoints);
    const name = prometheusMetricName(rawName, unit, 'summary');
    meta(name, 'summary');
    for (const dp of points) {
      const t = time(dp);
      const labels = labelsOf(dp);
      for (const q of arr(dp.quantileValues)) out.points.push({ labels: toLabels(name, labels, ['quantile', String(num(q.quantile))]), t, v: staleOr(dp, num(q.value)) });
      out.points.push({ labels: toLabels(`${name}_sum`, labels), t, v: staleOr(dp, num(dp.sum)) });
      out.points.push({ labels: toLabels(`${name}_count`, labels), t, v: staleOr(dp, num(dp.count)) });
    }
  } else if (metric.exponentialHistogram) {
    reject(arr(obj(metric.exponentialHistogram).dataPoints).length, `metric ${rawName}: exponential histograms are not supported`);
  } else {
    reject(0, `metric ${rawName}: no data`);
  }
  return latest;
}

/** `le` values as Prometheus' OTLP translator writes bucket bounds (shortest decimal: `0.5`, `1`, `1000`). */
function formatLe(b: number): string {
  if (b === Infinity) return '+Inf';
  if (b === -Infinity) return '-Inf';
  return String(b);
}
