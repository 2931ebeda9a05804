import { SdkError } from '../errors.js';
import type { CounterMetric, GaugeMetric, HistogramMetric, MetricLabels, MetricOptions, PluginMetrics } from '../metrics.js';
import { METRIC_NAME_RE } from '../samples.js';

/** PluginMetrics kept in memory, readable by tests. */
export interface MemoryMetrics extends PluginMetrics {
  /** Current value of a counter or gauge series, or the count of a histogram's observations; undefined when never touched. */
  value(name: string, labels?: MetricLabels): number | undefined;
  /** Observations recorded by a histogram series. */
  observations(name: string, labels?: MetricLabels): readonly number[];
}

const key = (labels: MetricLabels | undefined): string =>
  JSON.stringify(Object.entries(labels ?? {}).map(([k, v]) => [k, String(v)]).sort(([a], [b]) => (a! < b! ? -1 : 1)));

/** In-memory PluginMetrics with the host's rules (reserved `plugin` label, one type per name). */
export function createMemoryMetrics(): MemoryMetrics {
  const defs = new Map<string, { type: string; labels: string }>();
  const values = new Map<string, Map<string, number>>();
  const obs = new Map<string, Map<string, number[]>>();

  const define = (type: string, o: MetricOptions): Map<string, number> => {
    if (!METRIC_NAME_RE.test(o.name)) throw new SdkError('PNP_SDK_METRIC', `metric name ${JSON.stringify(o.name)} is invalid`);
    if ((o.labelNames ?? []).includes('plugin')) throw new SdkError('PNP_SDK_METRIC', `metric ${o.name}: the label name "plugin" is reserved for the host`);
    const labels = [...(o.labelNames ?? [])].sort().join(',');
    const prev = defs.get(o.name);
    if (prev && (prev.type !== type || prev.labels !== labels)) {
      throw new SdkError('PNP_SDK_METRIC', `metric ${o.name} is already registered as a ${prev.type} with labels [${prev.labels}]`);
    }
    defs.set(o.name, { type, labels });
    if (!values.has(o.name)) values.set(o.name, new Map());
    return values.get(o.name)!;
  };
  // Overloads: (value?) or (labels, value?).
  const split = (a?: MetricLabels | number, b?: number): [MetricLabels | undefined, number | undefined] =>
    typeof a === 'object' ? [a, b] : [undefined, a];

  return {
    counter(o): CounterMetric {
      const m = define('counter', o);
      return {
        inc(a?: MetricLabels | number, b?: number) {
          const [labels, v = 1] = split(a, b);
          if (v < 0) throw new SdkError('PNP_SDK_METRIC', `counter ${o.name} cannot decrease`);
          m.set(key(labels), (m.get(key(labels)) ?? 0) + v);
        },
      } as CounterMetric;
    },
    gauge(o): GaugeMetric {
      const m = define('gauge', o);
      const add = (a: MetricLabels | number | undefined, b: number | undefined, sign: number): void => {
        const [labels, v = 1] = split(a, b);
        m.set(key(labels), (m.get(key(labels)) ?? 0) + sign * v);
      };
      return {
        set(a: MetricLabels | number, b?: number) {
          const [labels, v] = split(a, b);
          m.set(key(labels), v ?? NaN);
        },
        inc: (a?: MetricLabels | number, b?: number) => add(a, b, 1),
        dec: (a?: MetricLabels | number, b?: number) => add(a, b, -1),
      } as GaugeMetric;
    },
    histogram(o): HistogramMetric {
      const m = define('histogram', o);
      if (!obs.has(o.name)) obs.set(o.name, new Map());
      const list = obs.get(o.name)!;
      return {
        observe(a: MetricLabels | number, b?: number) {
          const [labels, v] = split(a, b);
          const k = key(labels);
          list.set(k, [...(list.get(k) ?? []), v ?? NaN]);
          m.set(k, (m.get(k) ?? 0) + 1);
        },
      } as HistogramMetric;
    },
    value: (name, labels) => values.get(name)?.get(key(labels)),
    observations: (name, labels) => obs.get(name)?.get(key(labels)) ?? [],
  };
}
