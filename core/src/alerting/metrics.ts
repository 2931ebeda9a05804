import { Counter, Histogram, type Registry } from 'prom-client';

/** The pipeline's own metrics, after Alertmanager's alertmanager_notifications_* family. */
export interface AlertingMetrics {
  readonly notifications: Counter<'receiver' | 'integration'>;
  readonly notificationsFailed: Counter<'receiver' | 'integration' | 'reason'>;
  readonly attempts: Counter<'receiver' | 'integration'>;
  readonly attemptsFailed: Counter<'receiver' | 'integration'>;
  readonly latency: Histogram<'receiver' | 'integration'>;
  readonly alertsReceived: Counter<'status'>;
  readonly alertsInvalid: Counter;
}

const byRegistry = new WeakMap<Registry, AlertingMetrics>();

/** Creates (once per registry) and registers the alerting metrics. */
export function alertingMetrics(registry: Registry): AlertingMetrics {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const registers = [registry];
  const m: AlertingMetrics = {
    notifications: new Counter({
      name: 'panoptes_alerting_notifications_total',
      help: 'Notifications delivered, by receiver and integration.',
      labelNames: ['receiver', 'integration'],
      registers,
    }),
    notificationsFailed: new Counter({
      name: 'panoptes_alerting_notifications_failed_total',
      help: 'Notifications given up on after every attempt failed.',
      labelNames: ['receiver', 'integration', 'reason'],
      registers,
    }),
    attempts: new Counter({
      name: 'panoptes_alerting_notification_attempts_total',
      help: 'Delivery attempts, retries included.',
      labelNames: ['receiver', 'integration'],
      registers,
    }),
    attemptsFailed: new Counter({
      name: 'panoptes_alerting_notification_attempts_failed_total',
      help: 'Delivery attempts that failed.',
      labelNames: ['receiver', 'integration'],
      registers,
    }),
    latency: new Histogram({
      name: 'panoptes_alerting_notification_latency_seconds',
      help: 'Time one delivery attempt took.',
      labelNames: ['receiver', 'integration'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    alertsReceived: new Counter({
      name: 'panoptes_alerting_alerts_received_total',
      help: 'Alerts received by the pipeline (from rules and /api/v2/alerts).',
      labelNames: ['status'],
      registers,
    }),
    alertsInvalid: new Counter({
      name: 'panoptes_alerting_alerts_invalid_total',
      help: 'Alerts refused by /api/v2/alerts as invalid.',
      registers,
    }),
  };
  byRegistry.set(registry, m);
  return m;
}
