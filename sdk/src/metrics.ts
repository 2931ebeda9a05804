/** Label values of one observation. */
export type MetricLabels = Readonly<Record<string, string | number>>;

/** Name, help and label names of a plugin metric. */
export interface MetricOptions {
  /** `[a-zA-Z_:][a-zA-Z0-9_:]*`; by convention `<plugin>_<name>_<unit>`. */
  readonly name: string;
  readonly help: string;
  /** Label names used with this metric; `plugin` is added by the host and may not be used. */
  readonly labelNames?: readonly string[];
}

/** A histogram's options: those of every metric plus its buckets. */
export interface HistogramOptions extends MetricOptions {
  /** Upper bounds of the buckets, ascending; prom-client's defaults when left out. */
  readonly buckets?: readonly number[];
}

/** A value that only goes up (prom-client's Counter shape). */
export interface CounterMetric {
  inc(value?: number): void;
  inc(labels: MetricLabels, value?: number): void;
}

/** A value that goes up and down (prom-client's Gauge shape). */
export interface GaugeMetric {
  set(value: number): void;
  set(labels: MetricLabels, value: number): void;
  inc(value?: number): void;
  inc(labels: MetricLabels, value?: number): void;
  dec(value?: number): void;
  dec(labels: MetricLabels, value?: number): void;
}

/** Observations counted into buckets (prom-client's Histogram shape). */
export interface HistogramMetric {
  observe(value: number): void;
  observe(labels: MetricLabels, value: number): void;
}

/**
 * The plugin's metrics, served on the server's own /metrics with a
 * `plugin="<id>"` label added to every series. The host backs them with
 * prom-client; this narrow interface keeps plugins free of a prom-client
 * version of their own. Registering the same name twice with the same type
 * and labels returns the same metric (so a restarted plugin keeps its
 * counts); a different type or label set throws PNP_SDK_METRIC.
 */
export interface PluginMetrics {
  counter(options: MetricOptions): CounterMetric;
  gauge(options: MetricOptions): GaugeMetric;
  histogram(options: HistogramOptions): HistogramMetric;
}
