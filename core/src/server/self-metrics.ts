import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The server's own registry: Node's default metrics (including event-loop
 * delay percentiles) plus HTTP request counts and durations by route and
 * status. Other areas register theirs on the same registry.
 */
export interface SelfMetrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'code'>;
  /** 1 when the last reload succeeded, as Prometheus' prometheus_config_last_reload_successful. */
  readonly reloadSuccessful: Gauge;
  readonly reloadTimestamp: Gauge;
  readonly ready: Gauge;
}

export function createSelfMetrics(): SelfMetrics {
  const registry = new Registry();
  // 10 ms event-loop sampling is prom-client's default resolution; finer costs CPU for nothing a scrape would see.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const httpDuration = new Histogram({
    name: 'panoptes_http_request_duration_seconds',
    help: 'HTTP requests served, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'code'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
    registers: [registry],
  });
  const reloadSuccessful = new Gauge({
    name: 'panoptes_config_last_reload_successful',
    help: 'Whether the last configuration reload attempt was successful.',
    registers: [registry],
  });
  reloadSuccessful.set(1);
  const reloadTimestamp = new Gauge({
    name: 'panoptes_config_last_reload_success_timestamp_seconds',
    help: 'Timestamp of the last successful configuration load.',
    registers: [registry],
  });
  reloadTimestamp.set(Date.now() / 1000);
  const ready = new Gauge({
    name: 'panoptes_ready',
    help: 'Whether storage is open and recovery done (what /-/ready reports).',
    registers: [registry],
  });
  return { registry, httpDuration, reloadSuccessful, reloadTimestamp, ready };
}
