import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { METRIC_NAME_RE, SdkError, type CounterMetric, type GaugeMetric, type HistogramMetric, type MetricLabels, type MetricOptions, type PluginMetrics } from '@panoptes/sdk';

type AnyMetric = Counter<string> | Gauge<string> | Histogram<string>;

/**
 * Metrics defined by plugins on one server registry. A name is shared by
 * every plugin that defines it with the same type and labels; the `plugin`
 * label keeps their series apart. So a restarted plugin gets its metric back
 * (counts continue), and two copies of a plugin family can share names.
 */
export class PluginMetricSpace {
  private readonly byName = new Map<string, { type: string; labels: string; metric: AnyMetric }>();
  constructor(private readonly registry: Registry) {}

  /** The PluginMetrics one plugin sees: every call adds `plugin=<id>`. */
  forPlugin(pluginId: string): PluginMetrics {
    const withPlugin = (labels: MetricLabels | undefined): Record<string, string | number> => ({ ...labels, plugin: pluginId });
    const split = (a?: MetricLabels | number, b?: number): [MetricLabels | undefined, number | undefined] => (typeof a === 'object' ? [a, b] : [undefined, a]);
    return {
      counter: (o) => {
        const m = this.define('counter', o, () => new Counter({ name: o.name, help: o.help, labelNames: [...(o.labelNames ?? []), 'plugin'], registers: [this.registry] })) as Counter<string>;
        return { inc: (a?: MetricLabels | number, b?: number) => { const [l, v] = split(a, b); m.inc(withPlugin(l), v ?? 1); } } as CounterMetric;
      },
      gauge: (o) => {
        const m = this.define('gauge', o, () => new Gauge({ name: o.name, help: o.help, labelNames: [...(o.labelNames ?? []), 'plugin'], registers: [this.registry] })) as Gauge<string>;
        return {
          set: (a: MetricLabels | number, b?: number) => { const [l, v] = split(a, b); m.set(withPlugin(l), v ?? NaN); },
          inc: (a?: MetricLabels | number, b?: number) => { const [l, v] = split(a, b); m.inc(withPlugin(l), v ?? 1); },
          dec: (a?: MetricLabels | number, b?: number) => { const [l, v] = split(a, b); m.dec(withPlugin(l), v ?? 1); },
        } as GaugeMetric;
      },
      histogram: (o) => {
        const m = this.define('histogram', o, () =>
          new Histogram({ name: o.name, help: o.help, labelNames: [...(o.labelNames ?? []), 'plugin'], registers: [this.registry], ...(o.buckets && { buckets: [...o.buckets] }) }),
        ) as Histogram<string>;
        return { observe: (a: MetricLabels | number, b?: number) => { const [l, v] = split(a, b); m.observe(withPlugin(l), v ?? NaN); } } as HistogramMetric;
      },
    };
  }

  private define(type: string, o: MetricOptions, make: () => AnyMetric): AnyMetric {
    if (typeof o.name !== 'string' || !METRIC_NAME_RE.test(o.name)) throw new SdkError('PNP_SDK_METRIC', `metric name ${JSON.stringify(o.name)} is invalid`);
    if ((o.labelNames ?? []).includes('plugin')) throw new SdkError('PNP_SDK_METRIC', `metric ${o.name}: the label name "plugin" is reserved for the host`);
    const labels = [...(o.labelNames ?? [])].sort().join(',');
    const prev = this.byName.get(o.name);
    if (prev) {
      if (prev.type !== type || prev.labels !== labels) {
        throw new SdkError('PNP_SDK_METRIC', `metric ${o.name} is already registered as a ${prev.type} with labels [${prev.labels}]`);
      }
      return prev.metric;
    }
    if (this.registry.getSingleMetric(o.name)) throw new SdkError('PNP_SDK_METRIC', `metric ${o.name} is already registered by the server`);
    let metric: AnyMetric;
    try {
      metric = make();
    } catch (cause) {
      throw new SdkError('PNP_SDK_METRIC', `metric ${o.name}: ${(cause as Error).message}`, { cause });
    }
    this.byName.set(o.name, { type, labels, metric });
    return metric;
  }
}
