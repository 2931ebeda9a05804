import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The server's own registry: Node's default metrics (including event-loop
 * delay percentiles) plus HTTP request counts and durations by route and
 * status. Other areas register theirs on the same registry.
 */
export interface SelfMetrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'code'>;
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
  return { registry, httpDuration };
}
